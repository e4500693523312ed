package org.countersign.witness.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.countersign.log.Hash;
import org.countersign.log.LogException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.ProofException;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.merkle.NodeId;
import org.countersign.log.note.Note;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;
import org.countersign.log.tile.TileClient;
import org.countersign.log.tile.TileFetcher;
import org.countersign.witness.evidence.PrefixRoot;
import org.countersign.witness.evidence.SplitViewEvidence;
import org.countersign.witness.monitor.MonitorResult.Status;
import org.countersign.witness.policy.PolicyException;
import org.countersign.witness.policy.WitnessPolicy;
import org.countersign.witness.server.EvidenceStore;
import org.jspecify.annotations.Nullable;

/**
 * Follows one log: each {@link #checkOnce()} reads the published checkpoint and compares it with
 * the last one this monitor accepted.
 *
 * <h2>Order of checks</h2>
 *
 * <ol>
 *   <li>The checkpoint carries a valid signature by the log key, for the key's origin; else {@link
 *       Status#NOT_WITNESSED} (a note the log did not sign proves nothing about the log).
 *   <li>Against the last accepted checkpoint (m, a), with the new one (n, b): the same size must
 *       have the same root; a larger tree is read through a {@link TileClient} anchored at b (every
 *       tile verified against b), and the root of its first m leaves must be a; a smaller tree must
 *       be the prefix of the last one, read from tiles anchored at a. A mismatch is a split view:
 *       the proof computed from the verified tiles (seeded for a power-of-two m) is written as
 *       conclusive evidence. Tiles that do not verify are {@link Status#UNREADABLE}, never
 *       evidence. A smaller tree whose prefix matches, or whose larger tree the log no longer
 *       serves, is {@link Status#ROLLED_BACK}, with both signed notes kept as evidence.
 *   <li>The checkpoint meets the witness policy; else {@link Status#NOT_WITNESSED}.
 *   <li>The new entries (m to n) are fetched and each checked against its verified leaf hash.
 *   <li>Only then is the checkpoint accepted and saved in the state file (written atomically).
 * </ol>
 *
 * The first checkpoint seen, with no state, is accepted on first use once its tiles verify; to
 * audit from the start, begin with an empty state and the whole log is fetched.
 */
public final class Monitor {
  private final HttpLogReader reader;
  private final TileFetcher tiles;
  private final VerifierKey logKey;
  private final WitnessPolicy policy;
  private final Optional<Path> stateFile;
  private final Path evidenceDir;
  private @Nullable Accepted last;

  /** The last accepted checkpoint and its note. */
  private record Accepted(Checkpoint checkpoint, String note) {}

  /**
   * A monitor of the log at {@code reader} with key {@code logKey}.
   *
   * @param stateFile where the last accepted checkpoint is kept between runs, if anywhere
   * @param evidenceDir where evidence files are written
   * @throws IOException if the state file exists but cannot be read or is not a checkpoint signed
   *     by {@code logKey}
   */
  public Monitor(
      HttpLogReader reader,
      VerifierKey logKey,
      WitnessPolicy policy,
      Optional<Path> stateFile,
      Path evidenceDir)
      throws IOException {
    this.reader = reader;
    this.tiles = reader;
    this.logKey = logKey;
    this.policy = policy;
    this.stateFile = stateFile;
    this.evidenceDir = evidenceDir;
    if (logKey.type() != VerifierKey.TYPE_ED25519) {
      throw new IllegalArgumentException("log key " + logKey.id() + " must be Ed25519");
    }
    if (stateFile.isPresent() && Files.exists(stateFile.get())) {
      String note = Files.readString(stateFile.get(), StandardCharsets.UTF_8);
      try {
        last = new Accepted(open(note), note);
      } catch (LogException e) {
        throw new IOException(
            "state file "
                + stateFile.get()
                + " is not a checkpoint signed by "
                + logKey.id()
                + ": "
                + e.getMessage(),
            e);
      }
    }
  }

  /** The size of the last accepted checkpoint, or -1 if none. */
  public long lastSize() {
    Accepted l = last;
    return l == null ? -1 : l.checkpoint().size();
  }

  /** Runs one round; never throws for what the log does, only reports it. */
  public MonitorResult checkOnce() {
    String served;
    try {
      served = reader.checkpoint();
    } catch (IOException e) {
      return result(Status.UNREADABLE, null, "cannot read the checkpoint: " + e.getMessage());
    }
    Checkpoint cp;
    try {
      cp = open(served);
    } catch (LogException e) {
      return result(
          Status.NOT_WITNESSED,
          null,
          "served checkpoint is not signed by " + logKey.id() + ": " + e.getMessage());
    }
    Accepted prev = last;
    try {
      if (prev != null) {
        MonitorResult conflict = compare(prev, cp, served);
        if (conflict != null) {
          return conflict;
        }
      } else {
        new TileClient(tiles, cp.size(), cp.root()).verifyRoot();
      }
      try {
        policy.satisfiedBy(served);
      } catch (PolicyException e) {
        return result(
            Status.NOT_WITNESSED,
            cp,
            "checkpoint size "
                + cp.size()
                + " does not meet the witness policy: "
                + e.getMessage());
      }
      if (prev != null && prev.checkpoint().size() == cp.size()) {
        return result(Status.UNCHANGED, cp, "size " + cp.size() + ", unchanged");
      }
      long from = prev == null ? 0 : prev.checkpoint().size();
      auditEntries(cp, from);
    } catch (IOException e) {
      return result(
          Status.UNREADABLE, cp, "cannot read the log's tiles or entries: " + e.getMessage());
    } catch (LogException e) {
      return result(
          Status.UNREADABLE,
          cp,
          "the log serves data that does not verify against its"
              + " signed checkpoint: "
              + e.getMessage());
    }
    try {
      save(served);
    } catch (IOException e) {
      return result(Status.UNREADABLE, cp, "cannot save state: " + e.getMessage());
    }
    last = new Accepted(cp, served);
    return result(
        Status.ADVANCED,
        cp,
        "accepted size "
            + cp.size()
            + " root "
            + cp.root()
            + (prev == null
                ? " (first checkpoint seen)"
                : " (from " + prev.checkpoint().size() + ")"));
  }

  /** A split view or a rollback, or null if {@code cp} extends (or equals) the last checkpoint. */
  private @Nullable MonitorResult compare(Accepted prev, Checkpoint cp, String served)
      throws IOException, LogException {
    Checkpoint old = prev.checkpoint();
    long m = old.size();
    long n = cp.size();
    if (m == n) {
      if (old.root().equals(cp.root())) {
        return null;
      }
      return splitView(
          cp,
          prev.note(),
          served,
          List.of(),
          "two checkpoints of size " + n + " with different roots");
    }
    if (m < n) {
      TileClient client = new TileClient(tiles, n, cp.root());
      Hash prefix = client.rootAt(m);
      if (prefix.equals(old.root())) {
        return null;
      }
      return splitView(
          cp,
          prev.note(),
          served,
          seededProof(client, m, n),
          "the size-" + n + " tree does not extend the size-" + m + " tree");
    }
    // The log signed size m before and now serves a smaller tree: it rolled back (or serves a
    // stale copy). Both signed notes are the evidence, kept whatever the tiles say; the tiles then
    // tell a consistent rollback from a fork.
    TileClient client = new TileClient(tiles, m, old.root());
    Hash prefix;
    try {
      prefix = client.rootAt(n);
    } catch (IOException | LogException e) {
      // A log that rolled back usually no longer serves the larger tree: that is no excuse.
      return rolledBack(
          cp,
          served,
          prev.note(),
          "log serves size "
              + n
              + ", smaller than size "
              + m
              + " it signed before, and no longer serves the size-"
              + m
              + " tree ("
              + e.getMessage()
              + ")");
    }
    if (prefix.equals(cp.root())) {
      return rolledBack(
          cp,
          served,
          prev.note(),
          "log serves size "
              + n
              + ", smaller than size "
              + m
              + " it signed before (a prefix of it: stale or rolled back)");
    }
    return splitView(
        cp,
        served,
        prev.note(),
        seededProof(client, n, m),
        "the size-" + n + " checkpoint is not a prefix of the size-" + m + " tree");
  }

  /**
   * A rollback with both signed checkpoints kept as evidence (smaller first). The file proves the
   * log key signed both; it becomes a proof of a fork only with the larger tree's tiles.
   */
  private MonitorResult rolledBack(Checkpoint cp, String smaller, String larger, String what) {
    SplitViewEvidence e = new SplitViewEvidence(logKey.encode(), smaller, larger, List.of());
    try {
      Optional<String> name = EvidenceStore.open(evidenceDir).recordRollback(e);
      Optional<Path> file = name.map(evidenceDir::resolve);
      return new MonitorResult(
          Status.ROLLED_BACK,
          Optional.of(cp),
          "ROLLED BACK: " + what + "; evidence " + file.map(Path::toString).orElse("(not kept)"),
          file);
    } catch (IOException ex) {
      return result(
          Status.ROLLED_BACK,
          cp,
          "ROLLED BACK: " + what + "; could not write evidence: " + ex.getMessage());
    }
  }

  /** The consistency proof from the verified tiles, with the [0, m) node for a power-of-two m. */
  private static List<Hash> seededProof(TileClient client, long m, long n)
      throws IOException, ProofException {
    List<Hash> proof = new ArrayList<>();
    if (m == 0) {
      return proof;
    }
    if (PrefixRoot.seeded(m)) {
      proof.add(client.hash(new NodeId(Long.numberOfTrailingZeros(m), 0)));
    }
    proof.addAll(client.consistencyProof(m, n).path());
    return proof;
  }

  private MonitorResult splitView(
      Checkpoint cp, String first, String second, List<Hash> proof, String what) {
    SplitViewEvidence e = new SplitViewEvidence(logKey.encode(), first, second, proof);
    try {
      Optional<String> name = EvidenceStore.open(evidenceDir).record(e);
      Optional<Path> file = name.map(evidenceDir::resolve);
      return new MonitorResult(
          Status.SPLIT_VIEW,
          Optional.of(cp),
          "SPLIT VIEW: " + what + "; evidence " + file.map(Path::toString).orElse("(not kept)"),
          file);
    } catch (IOException ex) {
      return result(
          Status.SPLIT_VIEW,
          cp,
          "SPLIT VIEW: " + what + "; could not write evidence: " + ex.getMessage());
    }
  }

  /** Fetches entries [from, size) bundle by bundle; each is checked against its leaf hash. */
  private void auditEntries(Checkpoint cp, long from) throws IOException, LogException {
    if (cp.size() == from) {
      return;
    }
    TileClient client = new TileClient(tiles, cp.size(), cp.root());
    for (long bundle = from >>> 8; bundle <= (cp.size() - 1) >>> 8; bundle++) {
      client.entryBundle(bundle);
    }
  }

  private Checkpoint open(String note) throws LogException {
    Checkpoint c = Checkpoint.fromNote(Note.open(note, Verifiers.of(logKey.verifier())));
    if (!c.origin().equals(logKey.name())) {
      throw new MalformedInputException(
          "checkpoint origin \""
              + c.origin()
              + "\" is not the log key's name \""
              + logKey.name()
              + "\"");
    }
    return c;
  }

  private void save(String note) throws IOException {
    if (stateFile.isEmpty()) {
      return;
    }
    Path p = stateFile.get().toAbsolutePath();
    Files.createDirectories(p.getParent());
    Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
    Files.writeString(tmp, note, StandardCharsets.UTF_8);
    Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static MonitorResult result(Status s, @Nullable Checkpoint cp, String message) {
    return new MonitorResult(s, Optional.ofNullable(cp), message, Optional.empty());
  }
}
