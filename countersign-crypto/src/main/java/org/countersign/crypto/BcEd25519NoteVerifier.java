package org.countersign.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.countersign.log.BadSignatureException;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.VerifierKey;

/**
 * Checks signed-note Ed25519 signatures fast, deciding exactly as the JDK's provider (the
 * reference: {@link VerifierKey#verifier()}) decides, at the cost of one double-scalar
 * multiplication per signature.
 *
 * <h2>Which equation, and why not BouncyCastle's own verify</h2>
 *
 * <p>Measured on BouncyCastle 1.87 and JDK 25 ({@code Ed25519DifferentialTest}, after Chalkias et
 * al., "Taming the many EdDSAs", 2020): both reject {@code S >= L}, non-canonical and off-curve
 * encodings of R, and flipped bits; but BouncyCastle's {@code Ed25519.verify} refuses every
 * small-order public key and checks the <em>cofactored</em> equation {@code [8][S]B = [8]R +
 * [8][k]A}, while the JDK (like Go's {@code crypto/ed25519}) checks the cofactorless {@code [S]B =
 * R + [k]A}. A log that accepted a signature the JDK refuses would hold an entry every auditor
 * reports as badly signed. The previous fence paid for BouncyCastle's verification and then for a
 * second scalar multiplication (the order of R) to rule that out.
 *
 * <p>This class checks the JDK's equation itself, on BouncyCastle's field arithmetic ({@link
 * EdwardsPoints}): it computes {@code R' = [S]B - [k]A} and accepts if and only if the encoding of
 * R' is the signature's R, byte for byte. Where that could differ from the JDK, the JDK decides:
 *
 * <ol>
 *   <li>The key: only a key BouncyCastle fully validates ({@code validatePublicKeyFull}: canonical,
 *       on the curve, of prime order L) gets this verifier; any other key is checked by the JDK
 *       (see {@link #forKey}).
 *   <li>{@code S >= L} and signatures of the wrong length are refused before any arithmetic, as the
 *       JDK refuses them.
 *   <li>A non-canonical encoding of R (y of p or more, or x = 0 with the sign bit set) can never
 *       equal an encoding this class computes, while the JDK might decode it to R'; such an R,
 *       which no honest signer produces, is handed to the JDK.
 *   <li>For a canonical R, "the encodings are equal" is "the points are equal", which is the
 *       cofactorless equation whatever the order of R: small-order and mixed-order nonces are
 *       decided by the same arithmetic as honest ones, with no order check.
 * </ol>
 *
 * <p>The key's multiples are tabulated once, when the verifier is made, so keep one verifier per
 * key. Thread-safe and immutable.
 */
public final class BcEd25519NoteVerifier implements NoteVerifier {
  private static final int SIGNATURE_SIZE = 64;
  private static final int HALF = 32;
  // The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian.
  private static final byte[] ORDER = {
    (byte) 0xed,
    (byte) 0xd3,
    (byte) 0xf5,
    (byte) 0x5c,
    (byte) 0x1a,
    (byte) 0x63,
    (byte) 0x12,
    (byte) 0x58,
    (byte) 0xd6,
    (byte) 0x9c,
    (byte) 0xf7,
    (byte) 0xa2,
    (byte) 0xde,
    (byte) 0xf9,
    (byte) 0xde,
    (byte) 0x14,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    (byte) 0x10
  };

  private static final BigInteger ORDER_L = new BigInteger(1, reversed(ORDER));

  private final VerifierKey key;
  private final NoteVerifier reference;
  private final byte[] keyBytes;
  private final EdwardsPoints.Table table;
  private final String id;

  private BcEd25519NoteVerifier(
      VerifierKey key, NoteVerifier reference, EdwardsPoints.Extended point) {
    this.key = key;
    this.reference = reference;
    this.keyBytes = key.keyBytes();
    this.table = new EdwardsPoints.Table(point, EdwardsPoints.KEY_WIDTH);
    this.id = key.id();
  }

  /**
   * The fastest verifier that decides as the JDK does for {@code key}: this class for a key of
   * prime order, the JDK's verifier for any other (small-order, mixed-order or non-canonical).
   *
   * @throws IllegalStateException if the key is not an Ed25519 (type 0x01) key
   * @throws IllegalArgumentException if the JDK refuses the key's encoding
   */
  public static NoteVerifier forKey(VerifierKey key) {
    Objects.requireNonNull(key, "key");
    NoteVerifier reference = key.verifier(); // refuses what the JDK refuses, the same way
    byte[] bytes = key.keyBytes();
    if (!Ed25519.validatePublicKeyFull(bytes, 0)) {
      return reference;
    }
    EdwardsPoints.Extended point = EdwardsPoints.decode(bytes);
    return point == null ? reference : new BcEd25519NoteVerifier(key, reference, point);
  }

  @Override
  public String name() {
    return key.name();
  }

  @Override
  public int keyId() {
    return key.keyId();
  }

  @Override
  public void verify(byte[] message, byte[] signature) throws BadSignatureException {
    if (signature.length != SIGNATURE_SIZE) {
      reference.verify(message, signature); // throws with the reference's own message
      throw new IllegalStateException(
          "the JDK accepted a signature of " + signature.length + " bytes");
    }
    if (!scalarBelowOrder(signature)) {
      throw new BadSignatureException("invalid signature for key " + id);
    }
    switch (decide(message, signature)) {
      case ACCEPT -> {}
      case REJECT -> throw new BadSignatureException("invalid signature for key " + id);
      case REFERENCE -> reference.verify(message, signature); // the JDK decides
    }
  }

  /** What the one-multiplication check decides about a 64-byte signature with {@code S < L}. */
  enum Decision {
    ACCEPT,
    REJECT,
    /** R is encoded non-canonically: no honest signer's, and left to the JDK. */
    REFERENCE
  }

  /**
   * The cofactorless check {@code encode([S]B - [k]A) == R} for a 64-byte signature whose S is
   * below L (see the class comment).
   */
  Decision decide(byte[] message, byte[] signature) {
    byte[] r = Arrays.copyOf(signature, HALF);
    if (!EdwardsPoints.isCanonical(r)) {
      return Decision.REFERENCE;
    }
    byte[] s = Arrays.copyOfRange(signature, HALF, SIGNATURE_SIZE);
    byte[] k = challenge(r, message);
    byte[] computed = EdwardsPoints.encode(EdwardsPoints.baseMinusKey(s, k, table));
    return MessageDigest.isEqual(computed, r) ? Decision.ACCEPT : Decision.REJECT;
  }

  /** k = SHA-512(R || A || message) mod L, little-endian in 32 bytes. */
  private byte[] challenge(byte[] r, byte[] message) {
    MessageDigest sha512 = sha512();
    sha512.update(r);
    sha512.update(keyBytes);
    sha512.update(message);
    byte[] h = sha512.digest();
    BigInteger k = new BigInteger(1, reversed(h)).mod(ORDER_L);
    byte[] be = k.toByteArray();
    byte[] le = new byte[HALF];
    for (int i = 0; i < be.length && i < HALF; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }

  private static byte[] reversed(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }

  // Cloned per verification, never updated itself: the server verifies on a fresh virtual thread
  // per request, where a thread-local digest was looked up from the providers every time.
  private static final MessageDigest SHA512 = lookUpSha512();

  private static MessageDigest sha512() {
    try {
      return (MessageDigest) SHA512.clone();
    } catch (CloneNotSupportedException e) {
      return lookUpSha512();
    }
  }

  private static MessageDigest lookUpSha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-512", e);
    }
  }

  /** Whether S, the signature's second half read little-endian, is below the group order L. */
  static boolean scalarBelowOrder(byte[] signature) {
    for (int i = HALF - 1; i >= 0; i--) {
      int s = signature[HALF + i] & 0xFF;
      int l = ORDER[i] & 0xFF;
      if (s != l) {
        return s < l;
      }
    }
    return false; // S == L
  }

  @Override
  public String verifierKey() {
    return key.encode();
  }

  @Override
  public String toString() {
    return "BcEd25519NoteVerifier[" + id + "]";
  }
}
