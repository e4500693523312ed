package org.countersign.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.countersign.log.BadSignatureException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.checkpoint.CosignatureVerifier;
import org.countersign.log.note.Note;
import org.countersign.log.note.NoteSignature;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code countersign note sign|verify}: C2SP signed notes on stdin and stdout. */
@Command(
    name = "note",
    mixinStandardHelpOptions = true,
    description = "Signs and verifies C2SP signed notes (Go sumdb/note compatible).",
    subcommands = {NoteCommand.Sign.class, NoteCommand.Verify.class})
final class NoteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** {@code note} alone is a usage error: print the subcommands. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** {@code note sign --key FILE [--key FILE ...]}: text on stdin, signed note on stdout. */
  @Command(
      name = "sign",
      mixinStandardHelpOptions = true,
      description = {
        "Signs the text read on stdin (UTF-8, ending in a newline) and prints the signed note.",
        "With several --key options the note carries one signature per key, in that order.",
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        "0:note printed",
        "2:bad usage, unreadable key file, or text that cannot be signed"
      })
  static final class Sign extends CliCommand {
    @Option(
        names = "--key",
        required = true,
        paramLabel = "FILE",
        description = "signer key file (repeatable)")
    List<Path> keys = new ArrayList<>();

    @Override
    int execute() throws IOException {
      List<SignerKey> signers = new ArrayList<>();
      for (Path file : keys) {
        signers.add(KeyFiles.read(file));
      }
      String text = readStdinText(MAX_STDIN_BYTES);
      if (!text.endsWith("\n")) {
        throw CommandFailure.usage(
            "input must end with a newline (a note's text includes its final newline)");
      }
      String note;
      try {
        note = Note.sign(text, signers);
      } catch (IllegalArgumentException e) {
        throw CommandFailure.usage(Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
      writeStdout(note);
      return ExitCodes.OK;
    }
  }

  /**
   * {@code note verify --vkey VKEY [--vkey VKEY ...]}: succeeds only if every given key signed the
   * note on stdin; prints the verified text on stdout.
   */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Opens the signed note read on stdin. Succeeds only if EVERY --vkey has a valid signature on it;",
        "then prints the note's text on stdout (and which keys verified on stderr, unless --quiet).",
        "Signatures by other keys are ignored. Keys of type 0x04 check tlog-cosignature timestamps.",
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        "0:every given key signed the note",
        "1:a signature is invalid or a given key did not sign",
        "2:bad usage, malformed verifier key, or malformed note"
      })
  static final class Verify extends CliCommand {
    @Option(
        names = "--vkey",
        required = true,
        paramLabel = "VKEY",
        description = "verifier key name+hex8+base64 (repeatable)")
    List<String> vkeys = new ArrayList<>();

    @Option(
        names = {"-q", "--quiet"},
        description = "print nothing on stderr on success")
    boolean quiet;

    @Override
    int execute() throws IOException {
      List<NoteVerifier> required = new ArrayList<>();
      for (String vkey : vkeys) {
        required.add(verifier(vkey));
      }
      Verifiers known;
      try {
        known = Verifiers.of(required);
      } catch (IllegalArgumentException e) {
        throw CommandFailure.usage(Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
      byte[] note = readStdin(Note.DEFAULT_MAX_NOTE_BYTES);
      VerifiedNote opened;
      try {
        opened = Note.open(note, known);
        opened.requireSignedBy(required);
      } catch (MalformedInputException e) {
        throw CommandFailure.usage("malformed note: " + e.getMessage());
      } catch (BadSignatureException e) {
        throw CommandFailure.verification(Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
      writeStdout(opened.text());
      if (!quiet) {
        err()
            .println(
                "countersign: verified by "
                    + opened.verifiedSignatures().stream()
                        .map(NoteSignature::id)
                        .collect(Collectors.joining(", ")));
        err().flush();
      }
      return ExitCodes.OK;
    }

    private static NoteVerifier verifier(String vkey) {
      try {
        VerifierKey key = VerifierKey.parse(vkey);
        return key.type() == VerifierKey.TYPE_COSIGNATURE_V1
            ? CosignatureVerifier.of(key)
            : key.verifier();
      } catch (MalformedInputException | IllegalArgumentException e) {
        throw CommandFailure.usage("verifier key: " + e.getMessage());
      }
    }
  }
}
