package org.countersign.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import org.countersign.cli.client.HttpStatusException;
import org.countersign.cli.client.LogHttpClient;
import org.countersign.cli.client.Submission;
import org.countersign.cli.verify.LogKey;
import org.countersign.cli.verify.ReceiptVerifier;
import org.countersign.cli.verify.TlogProof;
import org.countersign.cli.verify.VerifiedCheckpoint;
import org.countersign.log.BadSignatureException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.ProofException;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code countersign submit --server URL --key FILE STATEMENT.json}: signs a statement with a party
 * key, submits it, and keeps and verifies the receipt.
 *
 * <p>Order matters for the party's evidence: the signed note and the receipt are written to disk as
 * soon as the server answers, before the receipt is checked, so that a receipt that fails to verify
 * is kept as proof of the log's misbehaviour. Output files are never overwritten: an old receipt is
 * the only proof of an old submission.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Signs a statement with a party key, submits it, and keeps and verifies its receipt.",
      "STATEMENT.json holds the statement's body (kind, treaty, author, its fields); a missing issuedAt is now.",
      "Prints the entry's index, saves the signed note and the receipt (C2SP tlog-proof) next to the file,",
      "and verifies the receipt against the log key.",
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:logged, receipt saved and verified",
      "1:the receipt does not verify (kept on disk as evidence)",
      "2:bad usage, unreadable key, invalid statement, or an output file exists",
      "3:network or file error",
      "4:the server refused the statement (its reason on stderr)"
    })
final class SubmitCommand extends CliCommand {
  @Option(
      names = "--server",
      required = true,
      paramLabel = "URL",
      description = "the log server, e.g. http://127.0.0.1:8080")
  String server;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "FILE",
      description = "the party's signer key file")
  Path keyFile;

  @Option(
      names = "--log-vkey",
      paramLabel = "VKEY",
      description =
          "the log's verifier key, obtained independently; without it the key the server states is trusted on first use")
  String logVkey;

  @Option(
      names = "--receipt-out",
      paramLabel = "FILE",
      description = "where to save the receipt (default: STATEMENT.receipt)")
  Path receiptOut;

  @Option(
      names = "--note-out",
      paramLabel = "FILE",
      description = "where to save the signed entry (default: STATEMENT.note)")
  Path noteOut;

  @Parameters(index = "0", paramLabel = "STATEMENT.json", description = "the statement's JSON body")
  Path statementFile;

  @Mixin WitnessPolicyOptions witnessPolicy;

  private final InstantSource clock;

  SubmitCommand() {
    this(InstantSource.system());
  }

  SubmitCommand(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  int execute() throws IOException {
    URI url = serverUrl(server);
    SignerKey key = KeyFiles.read(keyFile);
    Statement statement =
        StatementJson.parse(
            InputFiles.read(statementFile, StatementJson.MAX_FILE_BYTES, "statement file"), clock);
    Path receiptPath = receiptOut != null ? receiptOut : sibling(statementFile, ".receipt");
    Path notePath = noteOut != null ? noteOut : sibling(statementFile, ".note");
    for (Path p : new Path[] {receiptPath, notePath}) {
      if (Files.exists(p)) {
        throw CommandFailure.usage(
            p
                + " exists; it may be the only proof of an earlier submission: move it or choose another output");
      }
    }
    LogKey expected = logVkey == null ? null : logKey(logVkey);
    witnessPolicy.policy(); // a bad policy file fails before the statement is logged

    String note;
    try {
      note = Note.sign(StatementCodec.encodeText(statement), key);
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage(statement.kind() + ": " + e.getMessage());
    }
    byte[] entry = note.getBytes(StandardCharsets.UTF_8);
    LogHttpClient client = LogHttpClient.of(url);
    LogKey log = expected != null ? expected : trustOnFirstUse(client);

    Submission submission;
    try {
      submission = client.submit(entry);
    } catch (HttpStatusException e) {
      if (e.isClientError()) {
        throw new CommandFailure(
            ExitCodes.REFUSED,
            "the server refused the "
                + statement.kind()
                + ": "
                + (e.code().isEmpty() ? "HTTP " + e.status() : e.code())
                + ": "
                + e.reason());
      }
      throw e;
    }
    writeStdout("index " + submission.index() + "\n");
    try {
      createNew(notePath, entry);
      createNew(receiptPath, submission.receipt().getBytes(StandardCharsets.UTF_8));
    } catch (IOException | CommandFailure e) {
      // The statement is logged: never lose the only copy of its entry and receipt.
      err()
          .println(
              "countersign: could not save the entry and receipt ("
                  + e.getMessage()
                  + "); here they are:");
      err().print(note + "\n" + submission.receipt());
      err().flush();
      throw e;
    }

    VerifiedCheckpoint checkpoint;
    String receiptCheckpoint;
    try {
      TlogProof receipt = TlogProof.parse(submission.receipt().getBytes(StandardCharsets.UTF_8));
      if (receipt.index() != submission.index()) {
        throw CommandFailure.verification(
            "the receipt is for index "
                + receipt.index()
                + ", the server answered index "
                + submission.index());
      }
      checkpoint = ReceiptVerifier.verify(receipt, entry, log);
      receiptCheckpoint = receipt.checkpointNote();
    } catch (MalformedInputException | BadSignatureException | ProofException e) {
      throw CommandFailure.verification(
          "the server's receipt (kept in " + receiptPath + ") does not verify: " + e.getMessage());
    }
    WitnessPolicyOptions.Check witnessed =
        witnessPolicy.check(
            receiptCheckpoint,
            "the receipt's checkpoint (receipt kept in " + receiptPath + ")",
            err());
    err()
        .println(
            "countersign: "
                + (submission.duplicate()
                    ? "already logged (this is the first copy's index); "
                    : "")
                + "receipt "
                + receiptPath
                + " verified: entry "
                + submission.index()
                + " is in "
                + log.origin()
                + " at tree size "
                + checkpoint.size()
                + "; signed entry saved in "
                + notePath
                + "; "
                + witnessed.summary());
    err().flush();
    return ExitCodes.OK;
  }

  static URI serverUrl(String server) {
    try {
      return LogHttpClient.parseServerUrl(server);
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage("--server: " + e.getMessage());
    }
  }

  static LogKey logKey(String vkey) {
    try {
      return LogKey.parse(vkey);
    } catch (MalformedInputException e) {
      throw CommandFailure.usage("log verifier key: " + e.getMessage());
    }
  }

  private LogKey trustOnFirstUse(LogHttpClient client) throws IOException {
    String stated = client.logInfo().verifierKey();
    LogKey key;
    try {
      key = LogKey.parse(stated);
    } catch (MalformedInputException e) {
      throw CommandFailure.verification("the server states an unusable log key: " + e.getMessage());
    }
    err()
        .println(
            "countersign: warning: trusting the log key the server states (trust on first use): "
                + key.vkey());
    err()
        .println(
            "countersign: warning: compare it with a key obtained independently, and pass it as --log-vkey");
    err().flush();
    return key;
  }

  private static Path sibling(Path file, String suffix) {
    String name = file.getFileName().toString();
    String base =
        name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    Path dir = file.toAbsolutePath().getParent();
    return dir.resolve(base + suffix);
  }

  private static void createNew(Path file, byte[] content) throws IOException {
    try {
      Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw CommandFailure.usage(file + " appeared while submitting; not overwritten");
    }
  }
}
