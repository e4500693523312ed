package org.countersign.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.countersign.stability.AssessmentInput;
import org.countersign.stability.Assessor;
import org.countersign.stability.DeclaredPosture;
import org.countersign.stability.ModelParameters;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.forces.ForcePostureException;
import org.countersign.treaty.forces.ForcePostureLoader;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Treaty;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code countersign stability assess}: the strategic-stability exchange model, offline. */
@Command(
    name = "stability",
    mixinStandardHelpOptions = true,
    description = "Strategic-stability analysis of forces and proposals (docs/stability.md).",
    subcommands = {StabilityCommand.Assess.class})
final class StabilityCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** {@code stability assess [--forces FILE] [--proposal FILE] [--runs N --seed S] ...}. */
  @Command(
      name = "assess",
      mixinStandardHelpOptions = true,
      description = {
        "Runs the exchange model: each pair of parties striking first and second, the",
        "first-strike stability index (Kent and Thaler), the trilateral cases, a sensitivity",
        "sweep and, with --proposal, the figures before and after the proposal's limits. Every",
        "output lists the assumptions it used. Offline; the server's",
        "/api/v1/stability/assess gives byte-identical JSON for the same options.",
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        "0:assessment printed",
        "1:the log (--log) does not verify",
        "2:bad usage, or a forces or proposal file that is malformed",
        "3:a file is missing or could not be read, or the log cannot be fetched",
      })
  static final class Assess extends CliCommand {
    @Option(
        names = "--forces",
        paramLabel = "FILE",
        description = "force-posture file (countersign-forces/v1); default: the shipped one")
    @Nullable Path forces;

    @Option(
        names = "--proposal",
        paramLabel = "FILE",
        description = "a treaty file whose limits the forces are brought down to (before/after)")
    @Nullable Path proposal;

    @Option(
        names = "--parties",
        paramLabel = "LIST",
        defaultValue = "US,RU,CN",
        description = "comma-separated party ids (default: ${DEFAULT-VALUE})")
    String parties;

    @Option(
        names = "--runs",
        paramLabel = "N",
        defaultValue = "0",
        description = "Monte Carlo runs, 0 for closed form only (at most 100000)")
    int runs;

    @Option(
        names = "--seed",
        paramLabel = "S",
        defaultValue = "1",
        description = "Monte Carlo seed")
    long seed;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "text",
        description = "text, json or html (default: ${DEFAULT-VALUE})")
    String format;

    @Option(
        names = "--warheads-per-target",
        paramLabel = "N",
        defaultValue = "2",
        description = "1 or 2 warheads per counterforce target (default: ${DEFAULT-VALUE})")
    int warheadsPerTarget;

    @Option(
        names = "--reserve",
        paramLabel = "F",
        defaultValue = "0.25",
        description = "share of prompt warheads withheld (default: ${DEFAULT-VALUE})")
    double reserve;

    @Option(
        names = "--shots",
        paramLabel = "N",
        defaultValue = "2",
        description = "interceptors per engaged warhead per salvo (default: ${DEFAULT-VALUE})")
    int shots;

    @Option(names = "--single-salvo", description = "no shoot-look-shoot")
    boolean singleSalvo;

    @Option(
        names = "--value-warheads",
        paramLabel = "W",
        defaultValue = "100",
        description = "damage scale: warheads destroying 63 % of value (default: ${DEFAULT-VALUE})")
    double valueWarheads;

    @Option(
        names = "--damage-weight",
        paramLabel = "L",
        defaultValue = "0.5",
        description =
            "weight on damage not inflicted, Kent-Thaler lambda (default: ${DEFAULT-VALUE})")
    double damageWeight;

    @Option(names = "--no-sensitivity", description = "skip the sensitivity sweep")
    boolean noSensitivity;

    @Option(
        names = "--log",
        paramLabel = "URL|DIR",
        description = {
          "take deployed forces from this log's declarations (server URL or mirror directory),",
          "replayed and verified offline; what declarations cannot state comes from the forces file"
        })
    String log;

    @Option(
        names = "--treaty",
        paramLabel = "FILE|ID",
        defaultValue = "new-start",
        description = "with --log: the log's treaty (default ${DEFAULT-VALUE})")
    String treaty;

    @Option(
        names = "--vkey",
        paramLabel = "VKEY",
        description = "with --log: the log's verifier key (default: the key the log states)")
    String vkey;

    @picocli.CommandLine.Mixin FirstKeysOption firstKeys = new FirstKeysOption();

    @Option(
        names = "--size",
        paramLabel = "N",
        description = "with --log: replay only the first N entries")
    Long size;

    @Option(
        names = "--at",
        paramLabel = "DATE",
        description = "with --log (required): the day whose declared forces are used (YYYY-MM-DD)")
    String at;

    @Option(
        names = {"-q", "--quiet"},
        description = "no progress or warnings on stderr")
    boolean quiet;

    @Override
    int execute() throws IOException {
      if (log == null && (at != null || size != null || vkey != null || firstKeys.file != null)) {
        throw CommandFailure.usage("--at, --size, --vkey and --first-keys go with --log");
      }
      if (log != null && at == null) {
        throw CommandFailure.usage("--log needs --at DATE: the day whose declared forces are used");
      }
      ForcePosture posture = posture();
      List<String> declaredNotes = List.of();
      if (log != null) {
        LocalDate day;
        try {
          day = LocalDate.parse(at);
        } catch (DateTimeParseException e) {
          throw CommandFailure.usage("--at must be a day YYYY-MM-DD, got \"" + at + "\"");
        }
        OfflineLog.Replayed replayed =
            OfflineLog.replay(
                log,
                vkey,
                size,
                quiet,
                err(),
                ComplianceCommand.loadTreaty(treaty),
                null,
                firstKeys.firstKeys());
        DeclaredPosture.Result declared =
            DeclaredPosture.fromLog(posture, replayed.origin(), replayed.requireEngine(), day);
        posture = declared.posture();
        declaredNotes = declared.notes();
      }
      AssessmentInput.Format fmt;
      Assessor.Request request;
      try {
        fmt = AssessmentInput.Format.parse(format);
        ModelParameters params =
            new ModelParameters(
                warheadsPerTarget, reserve, shots, !singleSalvo, valueWarheads, damageWeight);
        request =
            AssessmentInput.request(posture, parties, params, runs, seed, !noSensitivity, treaty());
      } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
        throw CommandFailure.usage(CommandFailure.reason(e));
      }
      writeStdout(
          AssessmentInput.render(
              DeclaredPosture.annotate(Assessor.assess(request), declaredNotes), fmt));
      return ExitCodes.OK;
    }

    private ForcePosture posture() throws IOException {
      try {
        if (forces == null) {
          return ForcePostureLoader.builtIn();
        }
        byte[] bytes = InputFiles.read(forces, ForcePostureLoader.MAX_FILE_BYTES, "forces file");
        return ForcePostureLoader.parse(forces.toString(), bytes);
      } catch (ForcePostureException e) {
        throw CommandFailure.usage(CommandFailure.reason(e).replace('\n', ' '));
      }
    }

    private Optional<Treaty> treaty() throws IOException {
      if (proposal == null) {
        return Optional.empty();
      }
      byte[] bytes = InputFiles.read(proposal, TreatyLoader.MAX_FILE_BYTES, "proposal file");
      try {
        return Optional.of(
            TreatyLoader.parse(proposal.toString(), new String(bytes, StandardCharsets.UTF_8)));
      } catch (TreatyException e) {
        throw CommandFailure.usage(CommandFailure.reason(e).replace('\n', ' '));
      }
    }
  }
}
