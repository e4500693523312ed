package org.countersign.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the log server's fenced BouncyCastle verification of a party signature ({@code
 * org.countersign.server.crypto.BcEd25519NoteVerifier}) against the JDK's, on a statement-sized
 * message (about 400 bytes): the fence adds a check that the nonce R is of prime order, a second
 * scalar multiplication. The steps are repeated here (this module does not depend on the server):
 * {@link #bcVerifyOnly}, {@link #rOrderCheckOnly} and {@link #bcFenced} = both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class Ed25519FenceBench {
  private byte[] message;
  private byte[] signature;
  private Ed25519.PublicPoint point;
  private PublicKey jdkKey;
  private Signature jdk;

  @Setup
  public void setUp() throws GeneralSecurityException, org.countersign.log.LogException {
    byte[] seed = new byte[32];
    new java.util.SplittableRandom(0x5EED).nextBytes(seed);
    BcNoteSigner signer = new BcNoteSigner("bench.countersign.example/us", seed);
    message =
        ("countersign/statement/v1 launch-notification\n"
                + "{\"author\":\"US\",\"category\":\"icbm\",\"impactArea\":\"Kura test range,"
                + " Kamchatka\",\"issuedAt\":\"2026-11-26T23:00:00Z\","
                + "\"item\":\"\",\"kind\":\"launch-notification\",\"launch\":\"bench-00000000-1\",\"launchArea\":\"Plesetsk"
                + " test range\",\"launchAt\":\"2026-12-26T23:00:00Z\",\"treaty\":\"new-start\"}\n")
            .getBytes(StandardCharsets.UTF_8);
    signature = signer.sign(message);
    byte[] pk = signer.publicKey().keyBytes();
    point = Ed25519.validatePublicKeyFullExport(pk, 0);
    jdkKey = org.countersign.log.note.Ed25519.publicKey(pk);
    jdk = Signature.getInstance("Ed25519");
    if (!bcFenced() || !jdkVerify()) {
      throw new IllegalStateException("the benchmark signature does not verify");
    }
  }

  /** BouncyCastle's (cofactored) verification with the key decoded once. */
  @Benchmark
  public boolean bcVerifyOnly() {
    return Ed25519.verify(signature, 0, point, message, 0, message.length);
  }

  /** The fence's extra step: R canonical, on the curve and of prime order ([L]R = O). */
  @Benchmark
  public boolean rOrderCheckOnly() {
    return Ed25519.validatePublicKeyFull(signature, 0);
  }

  /** What the server runs for an honest signature: verification, then the order check of R. */
  @Benchmark
  public boolean bcFenced() {
    return Ed25519.verify(signature, 0, point, message, 0, message.length)
        && Ed25519.validatePublicKeyFull(signature, 0);
  }

  /** The reference: the JDK's provider with a reused {@link Signature}. */
  @Benchmark
  public boolean jdkVerify() throws GeneralSecurityException {
    jdk.initVerify(jdkKey);
    jdk.update(message);
    return jdk.verify(signature);
  }
}
