package org.countersign.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.countersign.log.Hash;
import org.countersign.log.merkle.MerkleTree;
import org.countersign.log.merkle.Rfc6962;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Merkle tree hash of {@code n} leaf hashes (leaf hashing excluded: the leaves are given).
 *
 * <p>Every variant computes {@code n - 1} node hashes of 65 bytes ({@code 0x01 || left || right}),
 * which cost two SHA-256 compressions each, the same as one of {@code openssl speed}'s 64-byte
 * operations. So {@code (n - 1) / time} against OpenSSL's 64-byte operations per second is the
 * fraction of the hardware's hashing rate that each variant reaches.
 *
 * <ul>
 *   <li>{@link #merkleTreeAppend}: {@link MerkleTree#of} then {@link MerkleTree#root()}, keeping
 *       every complete subtree (what a log or an escrow tree does);
 *   <li>{@link #rootOfList}: {@link Rfc6962#rootOf(List)} over {@link Hash} objects;
 *   <li>{@link #rootOfFlat}: {@link Rfc6962#rootOf(byte[], int, int)} over packed hashes (tiles).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class MerkleRootBench {
  /** Number of leaves: 1 Ki, 64 Ki and 1 Mi. */
  @Param({"1024", "65536", "1048576"})
  public int n;

  private List<Hash> leaves;
  private byte[] flat;

  @Setup
  public void setUp() {
    leaves = Seeded.leafHashes(n);
    flat = Seeded.flatten(leaves);
  }

  /** Builds an in-memory tree leaf by leaf and takes its root. */
  @Benchmark
  public Hash merkleTreeAppend() {
    return MerkleTree.of(leaves).root();
  }

  /** The root of a list of {@link Hash} objects, reduced in one flat scratch array. */
  @Benchmark
  public Hash rootOfList() {
    return Rfc6962.rootOf(leaves);
  }

  /** The root of packed 32-byte hashes, as a tile holds them. */
  @Benchmark
  public Hash rootOfFlat() {
    return Rfc6962.rootOf(flat, 0, n);
  }
}
