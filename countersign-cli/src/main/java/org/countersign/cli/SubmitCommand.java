package org.countersign.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.OptionalLong;
import org.countersign.cli.client.HttpStatusException;
import org.countersign.cli.client.LogHttpClient;
import org.countersign.cli.client.LogStatus;
import org.countersign.cli.client.Submission;
import org.countersign.cli.client.SubmissionState;
import org.countersign.cli.verify.LogKey;
import org.countersign.cli.verify.ReceiptVerifier;
import org.countersign.cli.verify.TlogProof;
import org.countersign.cli.verify.VerifiedCheckpoint;
import org.countersign.log.BadSignatureException;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.ProofException;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.log.tile.EntryBundle;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code countersign submit --server URL --key FILE STATEMENT.json}: signs a statement with a party
 * key, submits it, and keeps and verifies the receipt; {@code submit --resume} picks up a
 * submission whose receipt was not yet there.
 *
 * <p>Order matters for the party's evidence, and for never leaving a user guessing. The log key is
 * checked against the served checkpoint before anything is sent. The signed note is written to disk
 * and its identity printed before it is sent, so that whatever happens next the party holds exactly
 * the bytes that may be logged, and {@code --resume} can ask for them by identity. The index is
 * printed as soon as the server assigns it, and while the receipt is late the command says what it
 * waits for and why (the server's publication status: a witness quorum not met, say). The receipt
 * is written as soon as the server answers, before it is checked, so that a receipt that fails to
 * verify is kept as proof of the log's misbehaviour. Output files are never overwritten.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Signs a statement with a party key, submits it to a log, and keeps and verifies",
      "its receipt. STATEMENT.json holds the statement (kind, treaty, author, fields);",
      "a missing issuedAt is now; the statement is addressed to the log's origin",
      "(its signed \"origin\"), so no other log will record it.",
      "",
      "Before sending, checks the log key against the served checkpoint and saves the",
      "signed entry (STATEMENT.note) and its identity. Prints the entry's index as soon",
      "as the server assigns it, and what the wait for the receipt is waiting for. Saves",
      "the receipt (STATEMENT.receipt, C2SP tlog-proof) and verifies it.",
      "",
      "If the receipt does not come within --wait, run again with --resume: it asks the",
      "log for the saved entry by identity (sending it again if the log never got it)",
      "and finishes the job.",
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:logged, receipt saved and verified",
      "1:the log key does not sign the served checkpoint (nothing sent), or the receipt does not"
          + " verify (kept as evidence)",
      "2:bad usage, unreadable key, invalid statement, or an output file exists",
      "3:network or file error, or no receipt within --wait (resume with --resume)",
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
      paramLabel = "FILE",
      description = "the party's signer key file (not needed with --resume)")
  @Nullable Path keyFile;

  @Option(
      names = "--log-vkey",
      paramLabel = "VKEY",
      description = {
        "the log's verifier key, obtained independently; without it the key the server",
        "states is trusted on first use"
      })
  @Nullable String logVkey;

  @Option(
      names = "--receipt-out",
      paramLabel = "FILE",
      description = "where to save the receipt (default: STATEMENT.receipt)")
  @Nullable Path receiptOut;

  @Option(
      names = "--note-out",
      paramLabel = "FILE",
      description = "where to save the signed entry (default: STATEMENT.note)")
  @Nullable Path noteOut;

  @Option(
      names = "--wait",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "how long to wait for the receipt (default ${DEFAULT-VALUE})")
  long waitSeconds;

  @Option(
      names = "--resume",
      description = {
        "finish an earlier submission of STATEMENT.json: fetch the receipt of its saved",
        "signed entry (STATEMENT.note), sending that entry again if the log lacks it"
      })
  boolean resume;

  @Parameters(index = "0", paramLabel = "STATEMENT.json", description = "the statement's JSON body")
  Path statementFile;

  @Mixin WitnessPolicyOptions witnessPolicy;

  private final InstantSource clock;
  private final Duration pollEvery;

  SubmitCommand() {
    this(InstantSource.system(), Duration.ofMillis(500));
  }

  SubmitCommand(InstantSource clock, Duration pollEvery) {
    this.clock = clock;
    this.pollEvery = pollEvery;
  }

  @Override
  int execute() throws IOException {
    URI url = serverUrl(server);
    if (waitSeconds < 0) {
      throw CommandFailure.usage("--wait must not be negative, got " + waitSeconds);
    }
    Path receiptPath = receiptOut != null ? receiptOut : sibling(statementFile, ".receipt");
    Path notePath = noteOut != null ? noteOut : sibling(statementFile, ".note");
    if (Files.exists(receiptPath)) {
      throw CommandFailure.usage(
          receiptPath
              + " exists; it may be the only proof of an earlier submission: move it or choose"
              + " another output");
    }
    LogKey expected = logVkey == null ? null : logKey(logVkey);
    witnessPolicy.policy(); // a bad policy file fails before the statement is logged
    LogHttpClient client = LogHttpClient.of(url);

    byte[] entry;
    String what = "entry";
    LogKey log;
    if (resume) {
      if (keyFile != null) {
        throw CommandFailure.usage(
            "--resume sends the entry signed before, never a new one: give it without --key");
      }
      if (!Files.exists(notePath)) {
        throw CommandFailure.missing(
            "nothing to resume: "
                + notePath
                + " does not exist (the signed entry is saved there before it is sent)");
      }
      entry = InputFiles.read(notePath, EntryBundle.MAX_ENTRY_SIZE, "signed entry");
      log =
          expected != null
              ? checkAgainstServedCheckpoint(client, expected)
              : trustOnFirstUse(client);
    } else {
      if (keyFile == null) {
        throw CommandFailure.usage("missing required option '--key=FILE' (or give --resume)");
      }
      SignerKey key = KeyFiles.read(keyFile);
      byte[] file = InputFiles.read(statementFile, StatementJson.MAX_FILE_BYTES, "statement file");
      Statement statement = StatementJson.parse(file, clock);
      if (Files.exists(notePath)) {
        throw CommandFailure.usage(
            notePath
                + " exists: it holds an earlier signed entry of this statement; finish that"
                + " submission with --resume, or move the file");
      }
      what = statement.kind();
      // The log's identity before signing: the statement is addressed to its origin.
      log =
          expected != null
              ? checkAgainstServedCheckpoint(client, expected)
              : trustOnFirstUse(client);
      StatementJson.requireOrigin(file, log.origin());
      try {
        entry =
            Note.sign(StatementCodec.encodeText(statement, log.origin()), key)
                .getBytes(StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw CommandFailure.usage(statement.kind() + ": " + e.getMessage());
      }
    }
    String identity = Hash.sha256(entry).hex();

    if (!resume) {
      createNew(notePath, entry);
      progress("signed entry saved in " + notePath + " (identity " + identity + ")");
    }
    Submission submission = awaitReceipt(client, entry, identity, notePath, what);
    try {
      createNew(receiptPath, submission.receipt().getBytes(StandardCharsets.UTF_8));
    } catch (IOException | CommandFailure e) {
      // The statement is logged: never lose the only copy of its receipt.
      err()
          .println("countersign: could not save the receipt (" + e.getMessage() + "); here it is:");
      err().print(submission.receipt());
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

  /**
   * Sends the entry (or, resuming, asks for it first) and waits for its receipt, saying on stderr
   * what it waits for, and printing the index on stdout as soon as it is known.
   */
  private Submission awaitReceipt(
      LogHttpClient client, byte[] entry, String identity, Path notePath, String what)
      throws IOException {
    Instant start = clock.instant();
    Instant deadline = start.plusSeconds(waitSeconds);
    SubmissionState state;
    try {
      state = resume ? client.state(identity) : client.send(entry);
      if (state instanceof SubmissionState.Unknown) {
        progress("the log does not hold the saved entry yet; sending it");
        state = client.send(entry);
      }
    } catch (HttpStatusException e) {
      if (e.isClientError()) {
        if (!resume) {
          // Refused means nothing was written: the saved entry is no evidence of anything, and
          // the corrected statement will need the file name again.
          Files.deleteIfExists(notePath);
        }
        throw new CommandFailure(
            ExitCodes.REFUSED,
            "the server refused the "
                + what
                + ": "
                + (e.code().isEmpty() ? "HTTP " + e.status() : e.code())
                + ": "
                + e.reason());
      }
      throw unfinished(CommandFailure.reason(e), identity, notePath, OptionalLong.empty());
    } catch (IOException e) {
      throw unfinished(CommandFailure.reason(e), identity, notePath, OptionalLong.empty());
    }
    OptionalLong index = OptionalLong.empty();
    String lastSaid = "";
    Instant lastSaidAt = start;
    while (true) {
      switch (state) {
        case SubmissionState.Logged logged -> {
          if (index.isEmpty()) {
            writeStdout("index " + logged.submission().index() + "\n");
          }
          return logged.submission();
        }
        case SubmissionState.Pending pending -> {
          if (index.isEmpty() && pending.index().isPresent()) {
            index = pending.index();
            writeStdout("index " + index.getAsLong() + "\n");
          }
        }
        case SubmissionState.Unknown unknown -> {
          // Accepted, then dropped (its batch failed before it was written): send it again.
          if (!clock.instant().isBefore(deadline)) {
            throw unfinished(
                "no receipt after " + waitSeconds + " s: the log keeps losing the entry",
                identity,
                notePath,
                index);
          }
          progress("the log lost the queued entry (nothing was written); sending it again");
          pause(identity, notePath, index);
          state = resend(client, entry, identity, notePath);
          continue;
        }
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        throw unfinished(
            "no receipt after " + waitSeconds + " s: " + waitingFor(client, index),
            identity,
            notePath,
            index);
      }
      String said = waitingFor(client, index);
      if (!said.equals(lastSaid) || Duration.between(lastSaidAt, now).toSeconds() >= 15) {
        progress(
            said
                + " ("
                + Duration.between(start, now).toSeconds()
                + " s of "
                + waitSeconds
                + " s)");
        lastSaid = said;
        lastSaidAt = now;
      }
      pause(identity, notePath, index);
      try {
        state = client.state(identity);
      } catch (IOException e) {
        throw unfinished(CommandFailure.reason(e), identity, notePath, index);
      }
    }
  }

  private void pause(String identity, Path notePath, OptionalLong index) {
    try {
      Thread.sleep(pollEvery);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unfinished("interrupted", identity, notePath, index);
    }
  }

  private SubmissionState resend(LogHttpClient client, byte[] entry, String identity, Path notePath)
      throws IOException {
    try {
      return client.send(entry);
    } catch (IOException e) {
      throw unfinished(CommandFailure.reason(e), identity, notePath, OptionalLong.empty());
    }
  }

  /** What the receipt waits for, in the log's own words when it says why it is behind. */
  private static String waitingFor(LogHttpClient client, OptionalLong index) {
    String step =
        index.isEmpty()
            ? "queued; waiting for the log to sequence the entry"
            : "entry "
                + index.getAsLong()
                + " is sequenced; waiting for a published checkpoint that covers it";
    try {
      LogStatus s = client.status();
      String sizes =
          "published size " + s.publishedSize() + ", integrated size " + s.integratedSize();
      return step + " (" + sizes + (s.degraded() ? "; the log says " + s.publication() : "") + ")";
    } catch (IOException e) {
      return step;
    }
  }

  /** The wait ended without a receipt: say exactly what is known and how to finish later. */
  private CommandFailure unfinished(
      String why, String identity, Path notePath, OptionalLong index) {
    return new CommandFailure(
        ExitCodes.IO_ERROR,
        why
            + "; "
            + (index.isPresent()
                ? "the entry is logged at index " + index.getAsLong()
                : "the entry may or may not have reached the log")
            + " (identity "
            + identity
            + "), its signed copy is in "
            + notePath
            + "; get the receipt later with: countersign submit --resume --server "
            + server
            + " "
            + statementFile
            + (noteOut != null ? " --note-out " + noteOut : "")
            + (receiptOut != null ? " --receipt-out " + receiptOut : ""));
  }

  private void progress(String message) {
    err().println("countersign: " + message);
    err().flush();
  }

  /**
   * With {@code --log-vkey}, the served checkpoint must open with it before anything is sent: a
   * wrong key found after the statement is logged is a receipt nobody can check.
   */
  private static LogKey checkAgainstServedCheckpoint(LogHttpClient client, LogKey expected)
      throws IOException {
    String note = client.checkpoint();
    try {
      expected.openCheckpoint(note);
    } catch (MalformedInputException | BadSignatureException e) {
      throw CommandFailure.verification(
          "the log at "
              + client.server()
              + " does not sign its checkpoint with --log-vkey "
              + expected.vkey()
              + " ("
              + e.getMessage()
              + "); nothing was sent");
    }
    return expected;
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
            "countersign: warning: compare it with a key obtained independently, and pass it as"
                + " --log-vkey");
    err().flush();
    return key;
  }

  private static Path sibling(Path file, String suffix) {
    String name = file.getFileName().toString();
    String base =
        name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    // An absolute file path always has a parent folder.
    Path dir = Objects.requireNonNull(file.toAbsolutePath().getParent());
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
