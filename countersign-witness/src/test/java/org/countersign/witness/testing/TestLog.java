package org.countersign.witness.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.merkle.MerkleTree;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;

/**
 * A deterministic test log: a fixed Ed25519 key derived from a readable label, and an in-memory
 * Merkle tree whose leaf i is {@code "<leafPrefix> i"}. Two logs with the same key and different
 * leaf prefixes model a log that forks.
 */
public final class TestLog {
  private final SignerKey key;
  private final MerkleTree tree = new MerkleTree();
  private final Map<Long, String> signed = new ConcurrentHashMap<>();
  private final String leafPrefix;
  private final long forkAt;

  public TestLog(SignerKey key, String leafPrefix) {
    this(key, leafPrefix, 0);
  }

  private TestLog(SignerKey key, String leafPrefix, long forkAt) {
    this.key = key;
    this.leafPrefix = leafPrefix;
    this.forkAt = forkAt;
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
    return ((i < forkAt ? "leaf" : leafPrefix) + " " + i).getBytes(StandardCharsets.UTF_8);
  }

  /** Grows the tree to {@code size} leaves. */
  public synchronized TestLog growTo(long size) {
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

  public MerkleTree tree() {
    return tree;
  }
}
