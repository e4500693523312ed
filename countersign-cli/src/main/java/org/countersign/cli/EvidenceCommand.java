package org.countersign.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.VerifierKey;
import org.countersign.witness.evidence.EvidenceException;
import org.countersign.witness.evidence.EvidenceVerifier;
import org.countersign.witness.evidence.SplitViewEvidence;
import org.countersign.witness.evidence.SplitViewFinding;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code countersign evidence verify FILE}: checks split-view evidence offline. */
@Command(
    name = "evidence",
    mixinStandardHelpOptions = true,
    description = "Checks evidence that a log showed two histories (split-view evidence files).",
    subcommands = {EvidenceCommand.Verify.class})
final class EvidenceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** {@code evidence verify FILE [--vkey VKEY]}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Verifies a split-view evidence file (countersign/split-view-evidence/v1) offline and",
        "prints what it proves. Needs no network: both signed checkpoints are in the file.",
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        "0:the evidence holds: the log key signed two checkpoints that cannot both be true",
        "1:it does not: a bad signature, no conflict, another log, or a failing proof alone"
            + " (which proves nothing)",
        "2:bad usage or a file that is not an evidence file",
      })
  static final class Verify extends CliCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "the evidence file")
    Path file;

    @Option(
        names = "--vkey",
        paramLabel = "VKEY",
        description = "the log's verifier key you trust; without it the file's own key is used")
    @Nullable String vkey;

    @Override
    int execute() throws IOException {
      byte[] bytes = InputFiles.read(file, SplitViewEvidence.MAX_BYTES, "evidence file");
      Optional<VerifierKey> trusted = Optional.empty();
      if (vkey != null) {
        try {
          trusted = Optional.of(VerifierKey.parse(vkey));
        } catch (MalformedInputException e) {
          throw CommandFailure.usage("--vkey: " + e.getMessage());
        }
      }
      SplitViewFinding f;
      try {
        f = EvidenceVerifier.verify(bytes, trusted);
      } catch (EvidenceException e) {
        if (e.reason() == EvidenceException.Reason.MALFORMED) {
          throw CommandFailure.usage(file + ": " + e.getMessage());
        }
        String verdict =
            e.reason() == EvidenceException.Reason.INCONCLUSIVE
                ? "INCONCLUSIVE"
                : "NOT PROVEN ("
                    + e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + ")";
        writeStdout(verdict + ": " + e.getMessage() + "\n");
        return ExitCodes.VERIFICATION_FAILED;
      }
      writeStdout(
          "PROVEN: "
              + describe(f.kind())
              + "\n"
              + "log key: "
              + f.logKey()
              + (trusted.isEmpty() ? " (taken from the file)" : "")
              + "\n"
              + "first:   "
              + f.first().origin()
              + " size "
              + f.first().size()
              + " root "
              + f.first().root()
              + "\n"
              + "second:  "
              + f.second().origin()
              + " size "
              + f.second().size()
              + " root "
              + f.second().root()
              + "\n"
              + f.explanation()
              + "\n");
      return ExitCodes.OK;
    }

    private static String describe(SplitViewFinding.Kind kind) {
      return switch (kind) {
        case SAME_SIZE_DIFFERENT_ROOTS ->
            "split view: two checkpoints of the same size with" + " different roots";
        case PREFIX_MISMATCH -> "split view: the larger tree does not extend the smaller one";
        case FALSE_EMPTY_ROOT -> "false checkpoint: an empty tree with a non-empty root";
      };
    }
  }
}
