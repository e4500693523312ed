package org.countersign.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.countersign.log.Hash;
import org.countersign.log.LogException;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.note.Ed25519;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.Verifiers;
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
 * Signed notes with Ed25519: signing, opening (parse and verify), opening a checkpoint, and the raw
 * signature operations beneath them, on the JDK's provider and on BouncyCastle's.
 *
 * <p>The note is a real checkpoint of a million-entry log (about 110 bytes of text). {@code openssl
 * speed ed25519} signs and verifies messages of a similar size, so its verify/s is the ceiling for
 * {@link #noteOpen}, {@link #jdkVerify} and {@link #bcVerify}; the differences between them show
 * where the time goes (the note format, the JDK's provider lookup, the provider's arithmetic).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class NoteBench {
  private static final String ORIGIN = "bench.countersign.example/log";

  private SignerKey key;
  private Verifiers verifiers;
  private String text;
  private byte[] message;
  private byte[] note;
  private byte[] signature;
  private PublicKey jdkPublicKey;
  private Signature jdkVerifier;
  private byte[] seed;
  private byte[] rawPublicKey;
  private org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint bcPoint;
  private final byte[] bcSignature = new byte[64];

  @Setup
  public void setUp() throws LogException {
    seed = Seeded.bytes(Seeded.SEED, 32);
    key = SignerKey.fromSeed("bench.countersign.example/log", seed);
    verifiers = Verifiers.of(key.verifier());
    Hash root = Hash.of(Seeded.bytes(Seeded.SEED + 1, 32));
    text = new Checkpoint(ORIGIN, 1_000_000, root).body();
    message = text.getBytes(StandardCharsets.UTF_8);
    note = Note.sign(text, key).getBytes(StandardCharsets.UTF_8);
    VerifiedNote opened = Note.open(note, verifiers);
    signature = opened.verifiedSignatures().get(0).signature();
    rawPublicKey = key.publicKey().keyBytes();
    jdkPublicKey = Ed25519.publicKey(rawPublicKey);
    jdkVerifier = newJdkSignature();
    bcPoint = org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFullExport(rawPublicKey, 0);
    if (!org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
        signature, 0, rawPublicKey, 0, message, 0, message.length)) {
      throw new IllegalStateException(
          "BouncyCastle rejects the JDK's signature: the comparison would be void");
    }
  }

  private static Signature newJdkSignature() {
    try {
      return Signature.getInstance("Ed25519");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@link Note#sign}: validate the text, sign it (JDK Ed25519), format the signature line. */
  @Benchmark
  public String noteSign() {
    return Note.sign(text, key);
  }

  /** {@link Note#open}: parse the note, find the key, verify the signature (JDK Ed25519). */
  @Benchmark
  public VerifiedNote noteOpen() throws LogException {
    return Note.open(note, verifiers);
  }

  /** A checkpoint from bytes: {@link Note#open} then {@link Checkpoint#fromNote}. */
  @Benchmark
  public Checkpoint checkpointOpen() throws LogException {
    return Checkpoint.fromNote(Note.open(note, verifiers));
  }

  /** Our Ed25519 verify alone ({@link Ed25519#verify}: a JDK {@link Signature} per call). */
  @Benchmark
  public PublicKey ed25519Verify() throws LogException {
    Ed25519.verify(jdkPublicKey, message, signature, "bench");
    return jdkPublicKey;
  }

  /** The JDK provider with a reused {@link Signature} object: the provider's own cost. */
  @Benchmark
  public boolean jdkVerify() throws GeneralSecurityException {
    jdkVerifier.initVerify(jdkPublicKey);
    jdkVerifier.update(message);
    return jdkVerifier.verify(signature);
  }

  /** BouncyCastle's RFC 8032 verify from the 32-byte public key (decodes the point each time). */
  @Benchmark
  public boolean bcVerify() {
    return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
        signature, 0, rawPublicKey, 0, message, 0, message.length);
  }

  /** BouncyCastle's verify with the public point decoded once, as a long-lived verifier would. */
  @Benchmark
  public boolean bcVerifyDecodedKey() {
    return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
        signature, 0, bcPoint, message, 0, message.length);
  }

  /** BouncyCastle's RFC 8032 sign with the public key given (no key derivation per call). */
  @Benchmark
  public byte[] bcSign() {
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
        seed, 0, rawPublicKey, 0, message, 0, message.length, bcSignature, 0);
    return bcSignature;
  }
}
