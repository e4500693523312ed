package org.countersign.bench;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
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
 * How fast the JDK's {@link SecureRandom} algorithms produce salt: a million-item commit draws 32
 * MB of it, and {@link EscrowCommitBench#saltDrawing} shows that this is a visible share of the
 * commit. Each operation draws one MiB, so MB/s is about the score.
 *
 * <p>{@code NativePRNG} is what {@code new SecureRandom()} gives on Linux: it reads {@code
 * /dev/urandom} and XORs the bytes with a SHA1PRNG stream. {@code NativePRNGNonBlocking} does the
 * same from {@code /dev/urandom} explicitly; {@code DRBG} is NIST SP 800-90A Hash_DRBG (SHA-256),
 * seeded from the OS.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class SaltSourceBench {
  /** A JDK SecureRandom algorithm name, or {@code default} for {@code new SecureRandom()}. */
  @Param({"default", "NativePRNGNonBlocking", "DRBG"})
  public String algorithm;

  private final byte[] chunk = new byte[1 << 20];
  private SecureRandom random;

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    random = algorithm.equals("default") ? new SecureRandom() : SecureRandom.getInstance(algorithm);
  }

  /** One MiB of salt. */
  @Benchmark
  public byte[] drawMebibyte() {
    random.nextBytes(chunk);
    return chunk;
  }
}
