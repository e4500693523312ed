package org.countersign.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.countersign.log.Hash;
import org.countersign.treaty.inspection.JointDraw;
import org.countersign.treaty.inspection.PlanFigures;
import org.countersign.treaty.inspection.RandomnessCommitments;
import org.countersign.treaty.statement.InspectionRequest;
import org.countersign.treaty.statement.RandomnessCommit;
import org.countersign.treaty.statement.RandomnessReveal;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code countersign inspect plan|draw}: what an inspection plan can catch, and the joint draw of
 * an inspection recomputed from the public statements alone.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Detection probability of an inspection plan; recomputes a joint draw.",
    subcommands = {InspectCommand.Plan.class, InspectCommand.Draw.class})
final class InspectCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = {
        "The exact probability (hypergeometric) that inspecting n of N items catches at least one",
        "of k violating ones; with --goal, the smallest n that reaches it and the IAEA",
        "attribute-sampling approximation beside it; with --years, the chance over several years.",
        "n is --sample, or --quota inspections a year of --items-per-inspection items each.",
        "With --caught x, the cumulative distribution: P(at most x caught), P(at least x caught).",
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {"0:figures printed", "2:bad parameters"})
  static final class Plan extends CliCommand {
    @Option(
        names = "--items",
        required = true,
        paramLabel = "N",
        description = "items that could be inspected")
    long population;

    @Option(
        names = "--violations",
        required = true,
        paramLabel = "k",
        description = "violating items assumed among them")
    long violating;

    @Option(names = "--sample", paramLabel = "n", description = "distinct items inspected a year")
    @Nullable Long sample;

    @Option(
        names = "--quota",
        paramLabel = "q",
        description = "inspections a year (n = q x items per inspection)")
    @Nullable Integer quota;

    @Option(
        names = "--items-per-inspection",
        paramLabel = "s",
        defaultValue = "1",
        description = "items one inspection examines (default ${DEFAULT-VALUE})")
    int perInspection;

    @Option(names = "--goal", paramLabel = "P", description = "detection goal, e.g. 0.95")
    @Nullable Double goal;

    @Option(
        names = "--years",
        paramLabel = "y",
        defaultValue = "1",
        description = "years to project over (default 1)")
    int years;

    @Option(
        names = "--caught",
        paramLabel = "x",
        description = "with a sample: P(at most x of the k caught) and P(at least x caught)")
    @Nullable Long caught;

    @Override
    int execute() throws IOException {
      if (sample != null && quota != null) {
        throw CommandFailure.usage("give --sample or --quota, not both");
      }
      if (perInspection < 1) {
        throw CommandFailure.usage(
            "--items-per-inspection must be at least 1, got " + perInspection);
      }
      Long n = sample;
      if (quota != null) {
        if (quota < 0) {
          throw CommandFailure.usage("--quota must not be negative, got " + quota);
        }
        n = (long) quota * perInspection;
      }
      PlanFigures figures;
      try {
        figures = PlanFigures.of(population, violating, n, goal, years, caught);
      } catch (IllegalArgumentException e) {
        throw CommandFailure.usage(Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
      String head =
          quota == null
              ? ""
              : quota
                  + " inspections a year of "
                  + perInspection
                  + " item"
                  + (perInspection == 1 ? "" : "s")
                  + " each: n = "
                  + n
                  + "\n";
      writeStdout(head + figures.text());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "draw",
      mixinStandardHelpOptions = true,
      description = {
        "Recomputes the joint draw of an inspection request from its public statements: the seed",
        "from the request, its checkpoint and both sides' revealed values, and the positions drawn",
        "(the first is the designated object). With --commit, checks each reveal against its",
        "commitment. With one reveal, shows the draw if the other side's value is forfeited.",
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        "0:draw recomputed",
        "1:a reveal does not match its commitment",
        "2:bad usage, or statements that do not belong together"
      })
  static final class Draw extends CliCommand {
    @Option(
        names = "--request",
        required = true,
        paramLabel = "FILE",
        description = "the inspection-request statement")
    Path request;

    @Option(
        names = "--reveal",
        required = true,
        paramLabel = "FILE",
        description = "a randomness-reveal statement (one or two)")
    List<Path> reveals;

    @Option(
        names = "--commit",
        paramLabel = "FILE",
        description = "a randomness-commit statement to check a reveal against (repeatable)")
    List<Path> commits = new ArrayList<>();

    @Override
    int execute() throws IOException {
      InspectionRequest r = StatementFiles.read(request, InspectionRequest.class, "request file");
      if (reveals.size() > 2) {
        throw CommandFailure.usage(
            "a draw has two sides: give one or two --reveal files, got " + reveals.size());
      }
      byte[] inspecting = null;
      byte[] inspected = null;
      var lines = new ArrayList<String>();
      for (Path p : reveals) {
        RandomnessReveal v = StatementFiles.read(p, RandomnessReveal.class, "reveal file");
        belongs(r, v.treaty(), v.requestId(), v.author(), p);
        byte[] value = HexFormat.of().parseHex(v.value());
        if (v.author().equals(r.author())) {
          if (inspecting != null) {
            throw CommandFailure.usage(p + ": a second reveal by " + v.author());
          }
          inspecting = value;
        } else {
          if (inspected != null) {
            throw CommandFailure.usage(p + ": a second reveal by " + v.author());
          }
          inspected = value;
        }
      }
      boolean ok = true;
      for (Path p : commits) {
        RandomnessCommit c = StatementFiles.read(p, RandomnessCommit.class, "commit file");
        belongs(r, c.treaty(), c.requestId(), c.author(), p);
        byte[] value = c.author().equals(r.author()) ? inspecting : inspected;
        if (value == null) {
          lines.add(
              "note " + p + ": " + c.author() + " committed but no reveal of its value is given");
          continue;
        }
        Hash recomputed = RandomnessCommitments.commitment(r.requestId(), c.author(), value);
        if (recomputed.hex().equals(c.commitment())) {
          lines.add("ok   " + c.author() + "'s reveal matches its commitment " + c.commitment());
        } else {
          ok = false;
          lines.add(
              "FAIL "
                  + c.author()
                  + "'s revealed value hashes to "
                  + recomputed.hex()
                  + ", not to its commitment "
                  + c.commitment());
        }
      }
      Hash seed = JointDraw.seed(r, inspecting, inspected);
      long[] positions = JointDraw.positions(r, seed);
      var b = new StringBuilder();
      b.append("request ")
          .append(r.requestId())
          .append(": ")
          .append(r.author())
          .append(" inspects ")
          .append(r.inspectedParty())
          .append(" at ")
          .append(r.site())
          .append(" (")
          .append(r.inspectionType())
          .append(", treaty year ")
          .append(r.treatyYear())
          .append(")\n");
      if (inspecting == null || inspected == null) {
        b.append("only ")
            .append(inspecting == null ? r.inspectedParty() : r.author())
            .append("'s value is given: this is the draw if ")
            .append(inspecting == null ? r.author() : r.inspectedParty())
            .append("'s value is forfeited (rule revealed-values-decide)\n");
      }
      b.append("seed ").append(seed.hex()).append('\n');
      b.append("drawn ")
          .append(positions.length)
          .append(" of ")
          .append(r.populationSize())
          .append(r.population().isEmpty() ? "" : " positions of " + r.population())
          .append(":");
      for (long p : positions) {
        b.append(' ').append(p);
      }
      b.append("\ndesignated position ").append(positions[0]).append('\n');
      lines.forEach(l -> b.append(l).append('\n'));
      writeStdout(b.toString());
      return ok ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
    }

    private static void belongs(
        InspectionRequest r, String treaty, String requestId, String author, Path file) {
      if (!treaty.equals(r.treaty()) || !requestId.equals(r.requestId())) {
        throw CommandFailure.usage(
            file
                + " is for request "
                + requestId
                + " of "
                + treaty
                + ", not request "
                + r.requestId()
                + " of "
                + r.treaty());
      }
      if (!author.equals(r.author()) && !author.equals(r.inspectedParty())) {
        throw CommandFailure.usage(
            file
                + " is by "
                + author
                + ", who is neither side of request "
                + r.requestId()
                + " ("
                + r.author()
                + " inspects "
                + r.inspectedParty()
                + ")");
      }
    }
  }
}
