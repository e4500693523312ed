package org.countersign.cli;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.countersign.cli.client.HttpStatusException;
import org.countersign.cli.client.LogHttpClient;
import org.countersign.stability.DeclaredPosture;
import org.countersign.stability.StabilityColumns;
import org.countersign.treaty.compliance.ComplianceEngine;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.forces.ForcePostureException;
import org.countersign.treaty.forces.ForcePostureLoader;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.negotiation.EvaluationHtml;
import org.countersign.treaty.negotiation.EvaluationText;
import org.countersign.treaty.negotiation.Evaluations;
import org.countersign.treaty.negotiation.ExtraColumn;
import org.countersign.treaty.negotiation.ProposalDiff;
import org.countersign.treaty.negotiation.ProposalEvaluation;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code countersign proposal diff|evaluate}: compare two proposed treaty texts, and compute what a
 * proposal asks of each party.
 */
@Command(
    name = "proposal",
    mixinStandardHelpOptions = true,
    description = "Compares proposed treaty texts and computes what a proposal asks of each party.",
    subcommands = {ProposalCommand.Diff.class, ProposalCommand.Evaluate.class})
final class ProposalCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  static Treaty loadProposal(Path file) {
    try {
      return TreatyLoader.load(file);
    } catch (TreatyException e) {
      throw CommandFailure.usage(CommandFailure.reason(e));
    }
  }

  static String read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new CommandFailure(ExitCodes.IO_ERROR, "cannot read " + file + ": no such file");
    }
    if (Files.size(file) > TreatyLoader.MAX_FILE_BYTES) {
      throw CommandFailure.usage(
          file + " is larger than " + TreatyLoader.MAX_FILE_BYTES + " bytes");
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Command(
      name = "diff",
      mixinStandardHelpOptions = true,
      description = {
        "Prints what B changes in A, section by section: limits (value, date it binds, zone),",
        "categories, counting rules, duties, inspection quotas, parties and zones.",
        "Comments and layout never show: the texts' data is compared, as their digests are.",
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        "0:the diff was printed",
        "2:bad usage, or a file is not a valid treaty file (file:line:col)",
        "3:a file cannot be read"
      })
  static final class Diff extends CliCommand {
    @Parameters(index = "0", paramLabel = "A.yaml", description = "the earlier proposal")
    Path from;

    @Parameters(index = "1", paramLabel = "B.yaml", description = "the later proposal")
    Path to;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "text",
        description = "text (default) or json")
    String format;

    @Override
    int execute() throws IOException {
      if (!List.of("text", "json").contains(format)) {
        throw CommandFailure.usage("--format must be text or json, got \"" + format + "\"");
      }
      ProposalDiff diff;
      try {
        diff = ProposalDiff.of(from.toString(), read(from), to.toString(), read(to));
      } catch (TreatyException e) {
        throw CommandFailure.usage(CommandFailure.reason(e));
      }
      writeStdout(format.equals("json") ? diff.canonicalJson() + "\n" : diff.toText());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "evaluate",
      mixinStandardHelpOptions = true,
      description = {
        "Prints what PROPOSAL asks of each party at a date: its own counting rules applied to each",
        "party's declared forces in a log (--log, replayed and verified offline, or --server, the",
        "server's answer) or, for a party that declared nothing, to published estimates (the",
        "force-posture file shipped with Countersign, or --forces FILE). For the same log prefix,",
        "--server and --log print the same bytes.",
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        "0:the evaluation was printed",
        "1:the log does not verify",
        "2:bad usage, a bad date, or PROPOSAL (or --forces) is malformed (file:line:col)",
        "3:network or file error",
        "4:the server refused the request"
      })
  static final class Evaluate extends CliCommand {
    @Parameters(index = "0", paramLabel = "PROPOSAL.yaml", description = "the proposed treaty file")
    Path proposal;

    @Option(names = "--server", paramLabel = "URL", description = "ask this log server")
    @Nullable String server;

    @Option(
        names = "--log",
        paramLabel = "URL|DIR",
        description = "replay this log (server URL or mirror directory) offline")
    @Nullable String log;

    @Option(
        names = "--treaty",
        paramLabel = "FILE|ID",
        defaultValue = "new-start",
        description =
            "with --log: the treaty the log's declarations were made under (default"
                + " ${DEFAULT-VALUE})")
    String treaty;

    @Option(
        names = "--vkey",
        paramLabel = "VKEY",
        description = "with --log: the log's verifier key (default: the key the log states)")
    @Nullable String vkey;

    @picocli.CommandLine.Mixin FirstKeysOption firstKeys = new FirstKeysOption();

    @Option(
        names = "--size",
        paramLabel = "N",
        description = "with --log: replay only the first N entries")
    @Nullable Long size;

    @Option(
        names = "--at",
        required = true,
        paramLabel = "DATE",
        description = "the day whose forces are counted (YYYY-MM-DD, its last second UTC)")
    String at;

    @Option(
        names = "--forces",
        paramLabel = "FILE",
        description = "published estimates (countersign-forces/v1); default: the shipped file")
    @Nullable Path forces;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "text",
        description = "text (default), json or html")
    String format;

    @Option(
        names = {"-q", "--quiet"},
        description = "no progress or warnings on stderr")
    boolean quiet;

    @Override
    int execute() throws IOException {
      LocalDate day;
      try {
        day = LocalDate.parse(at);
      } catch (DateTimeParseException e) {
        throw CommandFailure.usage("--at must be a day YYYY-MM-DD, got \"" + at + "\"");
      }
      if (!List.of("text", "json", "html").contains(format)) {
        throw CommandFailure.usage("--format must be text, json or html, got \"" + format + "\"");
      }
      if (server != null && log != null) {
        throw CommandFailure.usage("give --server URL or --log URL|DIR, not both");
      }
      if (server != null) {
        if (forces != null || size != null || vkey != null || firstKeys.file != null) {
          throw CommandFailure.usage(
              "--forces, --size, --vkey and --first-keys go with --log (an offline replay), not"
                  + " with --server");
        }
        writeStdout(fromServer(server, day));
        return ExitCodes.OK;
      }
      Treaty model = loadProposal(proposal);
      ForcePosture posture = posture();
      ProposalEvaluation e;
      ForcePosture stabilityForces = posture;
      if (log == null) {
        e = Evaluations.fromEstimates(model, day, posture);
      } else {
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
        ComplianceEngine engine = replayed.requireEngine();
        e = Evaluations.fromLog(model, day, replayed.origin(), engine, posture).evaluation();
        stabilityForces =
            DeclaredPosture.fromLog(posture, replayed.origin(), engine, day).posture();
      }
      List<ExtraColumn> extra =
          format.equals("json")
              ? List.of()
              : StabilityColumns.of(
                  stabilityForces,
                  model,
                  e.parties().stream().map(ProposalEvaluation.PartyBasis::party).toList());
      writeStdout(
          switch (format) {
            case "json" -> e.canonicalJson();
            case "html" -> EvaluationHtml.of(e, extra);
            default -> EvaluationText.of(e, extra);
          });
      return ExitCodes.OK;
    }

    private ForcePosture posture() {
      try {
        return forces == null ? ForcePostureLoader.builtIn() : ForcePostureLoader.load(forces);
      } catch (ForcePostureException e) {
        throw CommandFailure.usage(CommandFailure.reason(e));
      }
    }

    private String fromServer(String server, LocalDate day) throws IOException {
      byte[] body = read(proposal).getBytes(StandardCharsets.UTF_8);
      LogHttpClient client = LogHttpClient.of(SubmitCommand.serverUrl(server));
      String path =
          "api/v1/proposals/evaluate?at="
              + URLEncoder.encode(day.toString(), StandardCharsets.UTF_8)
              + "&format="
              + format;
      try {
        return new String(client.post(path, body), StandardCharsets.UTF_8);
      } catch (HttpStatusException e) {
        if (e.isClientError()) {
          throw new CommandFailure(
              ExitCodes.REFUSED,
              "the server refused the request: "
                  + (e.code().isEmpty() ? "HTTP " + e.status() : e.code())
                  + ": "
                  + e.reason());
        }
        throw e;
      }
    }
  }
}
