package org.countersign.cli.verify;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.countersign.log.Hash;
import org.countersign.log.InconsistencyException;
import org.countersign.log.LogException;
import org.countersign.log.ProofException;
import org.countersign.log.merkle.ConsistencyProof;
import org.countersign.log.merkle.NodeId;
import org.countersign.log.merkle.ProofVerifier;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.tile.TileClient;
import org.countersign.log.tile.TileFetcher;
import org.countersign.log.tile.TileId;
import org.countersign.treaty.protocol.DecodedEntry;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.witness.evidence.PrefixRoot;
import org.jspecify.annotations.Nullable;

/**
 * Audits a whole log from its public read path, trusting only the log's verifier key.
 *
 * <h2>What is checked, in order</h2>
 *
 * <ol>
 *   <li>The checkpoint is signed by the log key and names its origin (the caller opens it with
 *       {@link LogKey#openCheckpoint}).
 *   <li>With an older checkpoint: it too is the log's, it is not larger, and a consistency proof
 *       computed from the (verified) tiles proves it a prefix of the new tree. A failure here is a
 *       fork or a rollback: the message names both sizes and roots.
 *   <li>Every hash tile: the partial tiles recompute the signed root, and each full tile hashes to
 *       its entry in the verified tile above ({@link TileClient}).
 *   <li>Every entry bundle: each entry's RFC 6962 leaf hash equals the verified level-0 tile's.
 *   <li>Every entry: a signed note holding a canonical statement, signed by its author's key as the
 *       key registry stood at that entry ({@link SignatureReplay}).
 * </ol>
 *
 * <p>The first failure ends the audit with an {@link AuditFailure} naming the tile, entry or key;
 * nothing unverified is ever counted. Memory stays bounded: bundles are read one at a time and the
 * tile client keeps a bounded cache.
 */
public final class LogAuditor {
  /**
   * Entry bundles decoded and verified together: 1,024 entries of full bundles, enough to keep both
   * phases parallel, few enough that progress is shown every 1,024 entries.
   */
  private static final int WINDOW_BUNDLES = 4;

  private final TileFetcher fetcher;
  private final AuditProgress progress;
  private final Function<VerifierKey, NoteVerifier> verifiers;
  private final Optional<FirstKeys> firstKeys;

  /**
   * An auditor that checks signatures with the verifiers {@code verifiers} makes: they must decide
   * exactly as {@link VerifierKey#verifier()} (the JDK) does.
   */
  public LogAuditor(
      TileFetcher fetcher,
      AuditProgress progress,
      Optional<FirstKeys> firstKeys,
      Function<VerifierKey, NoteVerifier> verifiers) {
    this.fetcher = fetcher;
    this.progress = progress;
    this.firstKeys = firstKeys;
    this.verifiers = verifiers;
  }

  /**
   * An auditor that checks signatures with the JDK's Ed25519, and first registrations against
   * {@code firstKeys}, the keys agreed outside the log (when empty, it lists them unchecked).
   */
  public LogAuditor(TileFetcher fetcher, AuditProgress progress, Optional<FirstKeys> firstKeys) {
    this(fetcher, progress, firstKeys, VerifierKey::verifier);
  }

  /**
   * Audits the tree of {@code checkpoint}, and its consistency with {@code since} if given.
   *
   * @throws AuditFailure naming the first thing that does not verify
   * @throws IOException if a tile or bundle cannot be downloaded
   */
  public AuditReport audit(VerifiedCheckpoint checkpoint, Optional<VerifiedCheckpoint> since)
      throws AuditFailure, IOException {
    CountingFetcher counting = new CountingFetcher(fetcher);
    TileClient tiles = new TileClient(counting, checkpoint.size(), checkpoint.root());
    try {
      progress.step(
          "fetching the hash tiles and verifying them against the signed root", checkpoint.size());
      tiles.verifyRoot();
    } catch (ProofException e) {
      throw new AuditFailure(
          "the log's tiles do not match its signed checkpoint: " + e.getMessage(), e);
    }
    int proofLength = 0;
    if (since.isPresent()) {
      proofLength = proveConsistency(tiles, since.get(), checkpoint);
    }

    SignatureReplay replay =
        new SignatureReplay(checkpoint.checkpoint().origin(), firstKeys, verifiers);
    SortedMap<String, Long> kinds = new TreeMap<>();
    long size = checkpoint.size();
    long bundleCount = (size + TileId.FULL_WIDTH - 1) / TileId.FULL_WIDTH;
    long index = 0;
    progress.step(
        "fetching " + bundleCount + " entry bundle(s), checking every entry and signature", size);
    // The next window's bundles are downloaded (and their leaf hashes checked) on one background
    // thread while this window's entries are decoded and verified, so the network's latency and
    // the server's time overlap the audit's own work. One thread: the tile client is used by one
    // thread at a time, and at most two windows are held in memory.
    ExecutorService prefetch =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "countersign-audit-fetch");
              t.setDaemon(true);
              return t;
            });
    try {
      Future<Window> next = prefetch.submit(() -> fetchWindow(tiles, 0, bundleCount));
      for (long first = 0; first < bundleCount; first += WINDOW_BUNDLES) {
        Window window = await(next);
        if (first + WINDOW_BUNDLES < bundleCount && window.fetchFailure() == null) {
          long following = first + WINDOW_BUNDLES;
          next = prefetch.submit(() -> fetchWindow(tiles, following, bundleCount));
        }
        index = auditWindow(window, index, replay, kinds);
        progress.entries(index, size);
      }
    } finally {
      prefetch.shutdownNow();
    }
    if (index != size) {
      throw new AuditFailure(
          "the entry bundles hold " + index + " entries, the checkpoint says " + size);
    }
    return new AuditReport(
        checkpoint,
        counting.hashTiles,
        counting.partialHashTiles,
        counting.bundles,
        counting.bytes,
        index,
        kinds,
        replay.signatures,
        replay.parties(),
        replay.rotations,
        replay.treaty(),
        since,
        proofLength,
        replay.firstKeys(),
        replay.agreed());
  }

  /**
   * The entries of a window of bundles, and the failure that ended it early if one did (reported
   * after the entries before it, so the first failure by index is the one told).
   */
  private record Window(List<byte[]> entries, @Nullable AuditFailure fetchFailure) {}

  /** Downloads and hash-checks the bundles of the window that starts at bundle {@code first}. */
  private static Window fetchWindow(TileClient tiles, long first, long bundleCount)
      throws IOException {
    List<byte[]> entries = new ArrayList<>();
    for (long b = first; b < Math.min(bundleCount, first + WINDOW_BUNDLES); b++) {
      try {
        entries.addAll(tiles.entryBundle(b));
      } catch (LogException e) {
        return new Window(
            entries, new AuditFailure("entry bundle " + b + ": " + e.getMessage(), e));
      }
    }
    return new Window(entries, null);
  }

  /** The window {@code next} downloads, or the exception its download threw. */
  private static Window await(Future<Window> next) throws IOException {
    try {
      return next.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while downloading entry bundles");
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case IOException io -> throw io;
        case RuntimeException r -> throw r;
        case Error err -> throw err;
        case null, default -> throw new IOException(e.getCause());
      }
    }
  }

  /**
   * Checks the entries of one window, whose first entry is entry {@code index}, and counts their
   * kinds.
   *
   * @return the index of the entry after the window
   * @throws AuditFailure naming the first thing in the window that does not verify
   */
  private long auditWindow(
      Window window, long index, SignatureReplay replay, SortedMap<String, Long> kinds)
      throws AuditFailure {
    List<byte[]> entries = window.entries();
    AuditFailure fetchFailure = window.fetchFailure();
    // Decoding depends on nothing but the entry, so it runs in parallel; the registry replay
    // is sequential; the signatures (most of the audit's time) are then verified in parallel.
    // The first failure by index is the one reported, as a one-by-one replay would.
    long base = index;
    DecodedEntry[] decoded = new DecodedEntry[entries.size()];
    AuditFailure[] decodeFailures = new AuditFailure[entries.size()];
    IntStream.range(0, entries.size())
        .parallel()
        .forEach(
            i -> {
              try {
                decoded[i] = replay.decode(base + i, entries.get(i));
              } catch (AuditFailure f) {
                decodeFailures[i] = f;
              }
            });
    List<SignatureReplay.Planned> checks = new ArrayList<>(entries.size());
    AuditFailure planFailure = null;
    for (int i = 0; i < entries.size(); i++) {
      SignatureReplay.Planned p;
      try {
        if (decodeFailures[i] != null) {
          throw decodeFailures[i];
        }
        p = replay.plan(base + i, decoded[i]);
      } catch (AuditFailure f) {
        planFailure = f;
        break;
      }
      checks.add(p);
      kinds.merge(p.statement().kind(), 1L, Long::sum);
      if (p.registryFailure() != null) {
        break; // its signatures are checked first; then its failure ends the audit
      }
    }
    AuditFailure[] failures = new AuditFailure[checks.size()];
    long[] verified = new long[checks.size()];
    IntStream.range(0, checks.size())
        .parallel()
        .forEach(
            i -> {
              try {
                verified[i] = replay.verify(checks.get(i));
              } catch (AuditFailure f) {
                failures[i] = f;
              }
            });
    for (int i = 0; i < checks.size(); i++) {
      if (failures[i] != null) {
        throw failures[i];
      }
      replay.signatures += verified[i];
    }
    if (planFailure != null) {
      throw planFailure;
    }
    if (fetchFailure != null) {
      throw fetchFailure;
    }
    return index + checks.size();
  }

  /**
   * Proves {@code older} a prefix of {@code newer}, with a consistency proof computed from tiles
   * that {@code tiles} verifies against {@code newer}'s root.
   *
   * @param tiles a tile client anchored at {@code newer}'s size and root
   * @return the length of the consistency proof (0 for an empty or equal-size older tree)
   * @throws AuditFailure if the two checkpoints cannot both be true (a fork or a rollback), or a
   *     tile does not verify
   */
  public static int proveConsistency(
      TileClient tiles, VerifiedCheckpoint older, VerifiedCheckpoint newer)
      throws AuditFailure, IOException {
    if (tiles.size() != newer.size() || !tiles.root().equals(newer.root())) {
      throw new IllegalArgumentException(
          "the tile client must be anchored at the newer checkpoint");
    }
    String pair =
        "the older checkpoint (size "
            + older.size()
            + ", root "
            + older.root()
            + ") and the log's checkpoint (size "
            + newer.size()
            + ", root "
            + newer.root()
            + ")";
    if (older.size() > newer.size()) {
      String m =
          "NOT CONSISTENT: the log's checkpoint is smaller than one it signed before: "
              + pair
              + "; the log rolled back or shows a different view";
      // Smaller first, as split-view evidence orders its notes.
      throw new AuditFailure(
          m, new InconsistencyException(m, newer.note(), older.note(), List.of()));
    }
    if (older.size() == 0) {
      if (!older.root().equals(Hash.EMPTY)) {
        throw new AuditFailure(
            "NOT CONSISTENT: the older checkpoint has size 0 but a root other than the empty"
                + " tree's");
      }
      return 0;
    }
    ConsistencyProof proof;
    try {
      proof = tiles.consistencyProof(older.size());
    } catch (ProofException e) {
      throw new AuditFailure(
          "the log's tiles do not match its signed checkpoint: " + e.getMessage(), e);
    }
    try {
      ProofVerifier.verifyConsistency(proof, older.root(), newer.root());
    } catch (ProofException e) {
      String m = "NOT CONSISTENT: " + pair + " cannot both be true (" + e.getMessage() + ")";
      throw new AuditFailure(
          m,
          new InconsistencyException(m, older.note(), newer.note(), evidenceProof(tiles, proof)));
    }
    return proof.path().size();
  }

  /**
   * The proof to keep as evidence: the consistency proof from tiles verified against the newer
   * root, with the node for {@code [0, m)} prepended where {@code m} is a power of two, so that it
   * pins down the root of the newer tree's first {@code m} leaves ({@link PrefixRoot}) and the
   * evidence file proves the fork to anyone offline.
   */
  private static List<Hash> evidenceProof(TileClient tiles, ConsistencyProof proof)
      throws IOException {
    long m = proof.oldSize();
    List<Hash> out = new ArrayList<>();
    if (PrefixRoot.seeded(m)) {
      try {
        out.add(tiles.hash(new NodeId(Long.numberOfTrailingZeros(m), 0)));
      } catch (ProofException e) {
        return proof.path(); // the tiles verified a moment ago; keep the unseeded proof
      }
    }
    out.addAll(proof.path());
    return out;
  }
}
