package org.countersign.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.TreeSet;
import org.countersign.cli.client.HttpStatusException;
import org.countersign.cli.client.LogHttpClient;
import org.countersign.cli.verify.AuditFailure;
import org.countersign.cli.verify.AuditProgress;
import org.countersign.cli.verify.AuditReport;
import org.countersign.cli.verify.LogAuditor;
import org.countersign.cli.verify.LogKey;
import org.countersign.cli.verify.VerifiedCheckpoint;
import org.countersign.crypto.BcEd25519NoteVerifier;
import org.countersign.log.BadSignatureException;
import org.countersign.log.InconsistencyException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.Note;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.treaty.protocol.WitnessRoles;
import org.countersign.witness.evidence.SplitViewEvidence;
import org.countersign.witness.policy.WitnessPolicy;
import org.countersign.witness.server.EvidenceStore;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code countersign audit --server URL --vkey VKEY [--since FILE] [--save-checkpoint FILE]}:
 * downloads a whole log and verifies every byte of it against the log key (see {@link LogAuditor}),
 * and proves it consistent with a checkpoint seen before.
 *
 * <p>An observer runs it periodically: {@code --save-checkpoint} keeps the audited checkpoint, and
 * the next run's {@code --since} proves the log only grew since. A 4xx answer for a tile that the
 * signed checkpoint requires is a finding (the log withholds data it committed to), not a network
 * error.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Downloads a whole log and verifies every byte of it against the log's key.",
      "Checks the checkpoint's log signature, every tile and entry hash against the signed root,"
          + " and every",
      "statement's signature against its author's registered key at that point of the log.",
      "With --since it also proves the log consistent with an older checkpoint (a fork or rollback"
          + " fails).",
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:audit passed (what was checked is printed on stdout)",
      "1:something does not verify (the reason on stderr)",
      "2:bad usage, malformed key or --since file",
      "3:network or file error"
    })
final class AuditCommand extends CliCommand {
  @Option(
      names = "--server",
      required = true,
      paramLabel = "URL",
      description = "the log server, e.g. http://127.0.0.1:8080")
  String server;

  @Option(
      names = "--vkey",
      required = true,
      paramLabel = "VKEY",
      description = "the log's verifier key, obtained independently")
  String vkey;

  @Option(
      names = "--since",
      paramLabel = "CHECKPOINT_FILE",
      description = "a checkpoint note of this log seen before")
  @Nullable Path since;

  @Option(
      names = "--save-checkpoint",
      paramLabel = "FILE",
      description = "after a passed audit, save the audited checkpoint here")
  @Nullable Path saveCheckpoint;

  @Mixin WitnessPolicyOptions witnessPolicy;

  @Mixin FirstKeysOption firstKeys;

  @Option(
      names = "--treaty",
      paramLabel = "ID|FILE",
      description =
          "check --witness-policy against this treaty's witnesses (participants with role"
              + " witness) before auditing; a policy that leaves one out is refused")
  @Nullable String treaty;

  @Option(
      names = "--evidence-dir",
      paramLabel = "DIR",
      defaultValue = "evidence",
      description =
          "where split-view evidence is written when --since finds a fork or rollback"
              + " (default ${DEFAULT-VALUE})")
  Path evidenceDir;

  @Option(
      names = {"-q", "--quiet"},
      description = "no progress on stderr")
  boolean quiet;

  @Override
  int execute() throws IOException {
    try (LogHttpClient client = LogHttpClient.of(SubmitCommand.serverUrl(server))) {
      return audit(client);
    }
  }

  private int audit(LogHttpClient client) throws IOException {
    LogKey key = SubmitCommand.logKey(vkey);
    Optional<WitnessPolicy> policy = witnessPolicy.policy(); // fails before any download
    if (treaty != null) {
      if (policy.isEmpty()) {
        throw CommandFailure.usage("--treaty checks --witness-policy; give a policy too");
      }
      var quorum = new TreeSet<String>();
      policy.get().quorumWitnesses().forEach(w -> quorum.add(w.name()));
      try {
        WitnessRoles.require(
            ComplianceCommand.loadTreaty(treaty), policy.get().witnesses().keySet(), quorum);
      } catch (IllegalArgumentException e) {
        throw CommandFailure.usage(String.valueOf(e.getMessage()));
      }
    }
    Optional<FirstKeys> agreed = firstKeys.firstKeys();
    Optional<VerifiedCheckpoint> older = Optional.empty();
    if (since != null) {
      String note =
          new String(
              InputFiles.read(since, Note.DEFAULT_MAX_NOTE_BYTES, "--since file"),
              StandardCharsets.UTF_8);
      try {
        older = Optional.of(key.openCheckpoint(note));
      } catch (MalformedInputException e) {
        throw CommandFailure.usage(
            "--since " + since + " is not a checkpoint note: " + e.getMessage());
      } catch (BadSignatureException e) {
        throw CommandFailure.verification(
            "--since " + since + " is not a checkpoint of this log: " + e.getMessage());
      }
    }
    String note = client.checkpoint();
    VerifiedCheckpoint current;
    try {
      current = key.openCheckpoint(note);
    } catch (MalformedInputException | BadSignatureException e) {
      throw CommandFailure.verification(
          "the server's checkpoint does not verify: " + e.getMessage());
    }
    WitnessPolicyOptions.Check witnessed =
        witnessPolicy.check(note, "the server's checkpoint", err());
    String witnesses = witnessPolicy.given() ? witnessed.summary() : null;

    ProgressLine progress =
        new ProgressLine(err(), quiet || current.size() < ProgressLine.MIN_TOTAL);
    AuditReport report;
    try {
      // Every statement signature is checked by the fenced fast verifier, which decides as the
      // JDK does (org.countersign.crypto), in parallel.
      report =
          new LogAuditor(client, progress, agreed, BcEd25519NoteVerifier::forKey)
              .audit(current, older);
    } catch (AuditFailure e) {
      progress.end();
      if (e.inconsistency().isPresent()) {
        throw CommandFailure.verification(
            "audit FAILED: "
                + e.getMessage()
                + "; "
                + keepEvidence(
                    key,
                    e.inconsistency().get(),
                    older.isPresent() && older.get().size() > current.size()));
      }
      throw CommandFailure.verification("audit FAILED: " + e.getMessage());
    } catch (HttpStatusException e) {
      progress.end();
      if (e.isClientError()) {
        throw CommandFailure.verification(
            "audit FAILED: the log does not serve "
                + e.path()
                + ", which its signed checkpoint of size "
                + current.size()
                + " requires (HTTP "
                + e.status()
                + ")");
      }
      throw e;
    }
    progress.end();
    writeStdout(report.format(key.vkey(), Optional.ofNullable(witnesses)));
    if (!witnessPolicy.given()) {
      err().println("countersign: note: " + WitnessPolicyOptions.NOT_CHECKED);
      err().flush();
    }
    if (agreed.isEmpty()) {
      err().println("countersign: note: " + AuditReport.FIRST_KEYS_NOT_CHECKED);
      err().flush();
    }
    if (saveCheckpoint != null) {
      writeAtomically(saveCheckpoint, current.note());
      err()
          .println(
              "countersign: checkpoint of size " + current.size() + " saved to " + saveCheckpoint);
      err().flush();
    }
    return ExitCodes.OK;
  }

  /**
   * Writes the two checkpoints and the proof as a split-view evidence file in {@link #evidenceDir}
   * ({@code countersign evidence verify FILE} says what it proves), and says where.
   */
  private String keepEvidence(LogKey key, InconsistencyException fork, boolean rollback) {
    try {
      SplitViewEvidence evidence =
          new SplitViewEvidence(key.vkey(), fork.olderNote(), fork.newerNote(), fork.proof());
      EvidenceStore store = EvidenceStore.open(evidenceDir);
      Optional<String> name = rollback ? store.recordRollback(evidence) : store.record(evidence);
      return name.map(n -> "evidence written to " + evidenceDir.resolve(n))
          .orElse("evidence not written: the evidence directory " + evidenceDir + " is full");
    } catch (IOException | IllegalArgumentException e) {
      return "could not write the evidence to " + evidenceDir + ": " + e.getMessage();
    }
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A progress line on stderr: rewritten in place on a terminal, else one line per step, so that
   * logs of long audits stay short.
   */
  static final class ProgressLine implements AuditProgress {
    /** Audits of fewer entries show no progress. */
    static final long MIN_TOTAL = 1024;

    private final PrintWriter err;
    private final boolean silent;
    private final String command;
    private final String unit;
    private final boolean terminal = isTerminal();

    /**
     * Whether standard output is a terminal. From JDK 22 {@code System.console()} is non-null even
     * when output is redirected, so {@code Console.isTerminal()} decides where it exists.
     */
    // The null check is for JDK 21, where a null console is how "not a terminal" is said.
    @SuppressWarnings("SystemConsoleNull")
    private static boolean isTerminal() {
      java.io.Console console = System.console();
      if (console == null) {
        return false;
      }
      try {
        return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
      } catch (ReflectiveOperationException e) {
        return true; // JDK 21: a console exists only on a terminal
      }
    }

    private final long started = System.nanoTime();
    private long lastShown;
    private boolean shown;

    ProgressLine(PrintWriter err, boolean silent) {
      this(err, silent, "audit", "entries verified");
    }

    /**
     * @param command the command, as the line's prefix ("audit", "mirror")
     * @param unit what is counted, e.g. "entries verified"
     */
    ProgressLine(PrintWriter err, boolean silent, String command, String unit) {
      this.err = err;
      this.silent = silent;
      this.command = command;
      this.unit = unit;
    }

    @Override
    public void step(String what, long total) {
      if (silent || total < MIN_TOTAL) {
        return;
      }
      end();
      err.println("countersign: " + command + ": " + what);
      err.flush();
    }

    @Override
    public void entries(long done, long total) {
      long step = terminal ? 256 : Math.max(MIN_TOTAL, total / 10);
      if (silent || total < MIN_TOTAL || (done - lastShown < step && done != total)) {
        return;
      }
      lastShown = done;
      shown = true;
      double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
      double rate = done / seconds;
      String line =
          String.format(
              java.util.Locale.ROOT,
              "countersign: %s: %,d of %,d %s (%d%%, %,.0f/s%s)",
              command,
              done,
              total,
              unit,
              total == 0 ? 100 : done * 100 / total,
              rate,
              done < total && rate > 0
                  ? String.format(
                      java.util.Locale.ROOT, ", about %,.0f s left", (total - done) / rate)
                  : "");
      if (terminal) {
        err.print("\r" + line);
      } else {
        err.println(line);
      }
      err.flush();
    }

    void end() {
      if (shown && terminal) {
        err.println();
        err.flush();
      }
      shown = false;
    }
  }
}
