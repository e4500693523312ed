package org.countersign.bench;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import org.countersign.log.Hash;
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
 * SHA-256 throughput of the leaf-hashing path, at the block sizes that {@code openssl speed -evp
 * sha256} reports (16 B to 16 KiB), so that the two can be divided.
 *
 * <p>Each operation hashes one message of {@code size} bytes; bytes per second is the score times
 * {@code size}. {@link #leafHash} prepends the one-byte RFC 6962 prefix, which never changes the
 * number of SHA-256 compressions at these sizes ({@code size + 1 + 9} and {@code size + 9} round up
 * to the same multiple of 64), so the comparison with OpenSSL is block for block.
 *
 * <p>{@link #jdkDigest} and {@link #jdkDigestInto} are the JDK's own ceiling on the same input: a
 * reused {@link MessageDigest}, with and without allocating the 32-byte result. The gap between
 * them and {@link #leafHash} is our overhead; the gap between them and OpenSSL is the JDK's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class Sha256Bench {
  /** Message length in bytes: exactly {@code openssl speed}'s block sizes. */
  @Param({"16", "64", "256", "1024", "8192", "16384"})
  public int size;

  private byte[] entry;
  private final byte[] out = new byte[Hash.SIZE];
  private MessageDigest md;

  @Setup
  public void setUp() {
    entry = Seeded.bytes(Seeded.SEED + size, size);
    md = Hash.newDigest();
  }

  /** Our hashing path: {@code Rfc6962.leafHash(entry)}, returning a {@link Hash}. */
  @Benchmark
  public Hash leafHash() {
    return Rfc6962.leafHash(entry);
  }

  /** The JDK alone: {@code SHA-256(entry)} on a reused digest, allocating the result. */
  @Benchmark
  public byte[] jdkDigest() {
    return md.digest(entry);
  }

  /** The JDK alone, writing the result into a reused buffer: no allocation at all. */
  @Benchmark
  public byte[] jdkDigestInto() throws DigestException {
    md.update(entry);
    md.digest(out, 0, Hash.SIZE);
    return out;
  }
}
