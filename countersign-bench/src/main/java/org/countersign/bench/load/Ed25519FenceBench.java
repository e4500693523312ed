package org.countersign.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.countersign.crypto.BcEd25519NoteVerifier;
import org.countersign.crypto.Ed25519Provider;
import org.countersign.log.BadSignatureException;
import org.countersign.log.note.NoteVerifier;
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
 * The cost of the fenced verification of a party signature ({@link BcEd25519NoteVerifier}: the
 * cofactorless equation on BouncyCastle's field arithmetic, one double-scalar multiplication)
 * against BouncyCastle's own (cofactored) verification, the previous fence (BouncyCastle's
 * verification plus an order check of R, {@link #previousFence}) and the JDK's provider, on a
 * statement-sized message (about 400 bytes).
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
  private NoteVerifier fenced;

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
    fenced = Ed25519Provider.BOUNCY_CASTLE.verifier(signer.publicKey());
    if (!(fenced instanceof BcEd25519NoteVerifier)
        || !fenced()
        || !previousFence()
        || !jdkVerify()) {
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

  /** What the server ran before: BouncyCastle's verification, then the order check of R. */
  @Benchmark
  public boolean previousFence() {
    return Ed25519.verify(signature, 0, point, message, 0, message.length)
        && Ed25519.validatePublicKeyFull(signature, 0);
  }

  /** What the server, the witness and the audit run now. */
  @Benchmark
  public boolean fenced() throws BadSignatureException {
    fenced.verify(message, signature);
    return true;
  }

  /** The reference: the JDK's provider with a reused {@link Signature}. */
  @Benchmark
  public boolean jdkVerify() throws GeneralSecurityException {
    jdk.initVerify(jdkKey);
    jdk.update(message);
    return jdk.verify(signature);
  }
}
