package org.countersign.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.merkle.MerkleTree;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.tile.EntryBundle;
import org.countersign.log.tile.EntryBundleId;
import org.countersign.log.tile.Integration;
import org.countersign.log.tile.TileId;
import org.countersign.log.tile.TileIntegrator;

/**
 * A deterministic test log: a fixed Ed25519 key derived from a readable label, and an in-memory
 * Merkle tree, either of generated leaves (leaf i is {@code "<leafPrefix> i"}; two logs with the
 * same key and different leaf prefixes model a log that forks) or of given entries ({@link #of}:
 * signed statements, say). {@link #writeTiles} lays it out on disk as a C2SP tiled log.
 */
public final class TestLog {
  private final SignerKey key;
  private final MerkleTree tree = new MerkleTree();
  private final Map<Long, String> signed = new ConcurrentHashMap<>();
  private final LongFunction<byte[]> entries;
  private final long capacity;

  public TestLog(SignerKey key, String leafPrefix) {
    this(key, leafPrefix, 0);
  }

  private TestLog(SignerKey key, String leafPrefix, long forkAt) {
    this(
        key,
        i -> ((i < forkAt ? "leaf" : leafPrefix) + " " + i).getBytes(StandardCharsets.UTF_8),
        Long.MAX_VALUE);
  }

  private TestLog(SignerKey key, LongFunction<byte[]> entries, long capacity) {
    this.key = key;
    this.entries = entries;
    this.capacity = capacity;
  }

  /** A log of exactly {@code entries} (grown to all of them), signed by {@code key}. */
  public static TestLog of(SignerKey key, List<byte[]> entries) {
    List<byte[]> copy = entries.stream().map(byte[]::clone).toList();
    return new TestLog(key, i -> copy.get(Math.toIntExact(i)).clone(), copy.size())
        .growTo(copy.size());
  }

  /** The main test log, {@code example.org/countersign-test-log}. */
  public static TestLog main() {
    return new TestLog(TestKeys.signer("example.org/countersign-test-log"), "leaf");
  }

  /** The same key as {@link #main()} but other leaves: a fork of it. */
  public static TestLog fork() {
    return new TestLog(TestKeys.signer("example.org/countersign-test-log"), "forked leaf");
  }

  /** The main log's key and first {@code k} leaves, then other leaves: a fork after size k. */
  public static TestLog forkAfter(long k) {
    return new TestLog(TestKeys.signer("example.org/countersign-test-log"), "forked leaf", k);
  }

  public SignerKey key() {
    return key;
  }

  public VerifierKey verifierKey() {
    return key.publicKey();
  }

  public String origin() {
    return key.name();
  }

  /** The bytes of entry {@code i}. */
  public byte[] entry(long i) {
    if (i < 0 || i >= capacity) {
      throw new IndexOutOfBoundsException("entry " + i + " of a log of " + capacity);
    }
    return entries.apply(i);
  }

  /** Grows the tree to {@code size} leaves. */
  public synchronized TestLog growTo(long size) {
    if (size > capacity) {
      throw new IllegalArgumentException(
          "a log of " + capacity + " entries cannot grow to " + size);
    }
    while (tree.size() < size) {
      tree.append(Rfc6962.leafHash(entry(tree.size())));
    }
    return this;
  }

  public long size() {
    return tree.size();
  }

  public Hash root(long size) {
    return tree.root(size);
  }

  public Checkpoint checkpoint(long size) {
    growTo(size);
    return new Checkpoint(origin(), size, tree.root(size));
  }

  /** The checkpoint of {@code size} leaves, signed by the log key (memoized: signing is slow). */
  public String signedCheckpoint(long size) {
    growTo(size);
    return signed.computeIfAbsent(size, s -> checkpoint(s).sign(key));
  }

  /** The RFC 6962 consistency proof from {@code m} to {@code n}. */
  public List<Hash> proof(long m, long n) {
    growTo(n);
    return tree.consistencyProof(m, n).path();
  }

  /** The RFC 6962 inclusion proof of entry {@code index} in the tree of {@code size}. */
  public List<Hash> inclusionProof(long index, long size) {
    growTo(size);
    return tree.inclusionProof(index, size).path();
  }

  public MerkleTree tree() {
    return tree;
  }

  /**
   * Writes the tree of {@code size} leaves under {@code dir} as a C2SP tiled log, the files a
   * static log serves: {@code checkpoint} (signed), the hash tiles and the entry bundles.
   *
   * @return {@code dir}
   */
  public Path writeTiles(Path dir, long size) throws IOException {
    growTo(size);
    List<Hash> leaves = new ArrayList<>();
    for (long i = 0; i < size; i++) {
      leaves.add(Rfc6962.leafHash(entry(i)));
    }
    Integration tiles = TileIntegrator.integrate(0, id -> Optional.empty(), leaves);
    for (Map.Entry<TileId, byte[]> t : tiles.tilesToWrite().entrySet()) {
      write(dir.resolve(t.getKey().path()), t.getValue());
    }
    for (long first = 0; first < size; first += TileId.FULL_WIDTH) {
      int width = (int) Math.min(TileId.FULL_WIDTH, size - first);
      List<byte[]> bundle = new ArrayList<>(width);
      for (long i = first; i < first + width; i++) {
        bundle.add(entry(i));
      }
      EntryBundleId id = new EntryBundleId(first / TileId.FULL_WIDTH, width);
      write(dir.resolve(id.path()), EntryBundle.encode(bundle));
    }
    write(dir.resolve("checkpoint"), signedCheckpoint(size).getBytes(StandardCharsets.UTF_8));
    return dir;
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(Objects.requireNonNull(file.toAbsolutePath().getParent()));
    Files.write(file, bytes);
  }
}
