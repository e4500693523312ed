package org.countersign.server.crypto;

import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.countersign.log.BadSignatureException;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.VerifierKey;

/**
 * Checks signed-note Ed25519 signatures with BouncyCastle, deciding exactly as the JDK's provider
 * (the reference: {@link VerifierKey#verifier()}) decides.
 *
 * <h2>Where the two differ, and the fence</h2>
 *
 * <p>Measured on BouncyCastle 1.87 and JDK 25 ({@code Ed25519DifferentialTest}, after Chalkias et
 * al., "Taming the many EdDSAs", 2020): both reject {@code S >= L}, non-canonical and off-curve
 * encodings of R, and flipped bits; but
 *
 * <ul>
 *   <li>BouncyCastle refuses every small-order public key; the JDK accepts signatures under them
 *       whenever the cofactorless equation holds (for example R = identity, S = 0 under the
 *       identity key);
 *   <li>BouncyCastle checks the <em>cofactored</em> equation {@code [8][S]B = [8]R + [8][k]A}, the
 *       JDK (like Go's {@code crypto/ed25519}) the cofactorless {@code [S]B = R + [k]A}: a signer
 *       who adds a small-order point to R, or to its public key, gets a signature BouncyCastle
 *       accepts and the JDK rejects.
 * </ul>
 *
 * <p>A log that accepted such a signature would hold an entry that every auditor reports as badly
 * signed. So BouncyCastle decides only where the two equations provably agree:
 *
 * <ol>
 *   <li>The key: only a key BouncyCastle fully validates ({@code validatePublicKeyFull}: canonical,
 *       on the curve, of prime order L) gets this verifier; any other key is checked by the JDK
 *       (see {@link #forKey}).
 *   <li>{@code S >= L} and signatures of the wrong length are refused before any arithmetic, as the
 *       JDK refuses them.
 *   <li>BouncyCastle's rejection is final: if the cofactored equation fails, the cofactorless one
 *       fails too ({@code X = [S]B - R - [k]A} with {@code [8]X != 0} is not the identity), and for
 *       canonical R both agree on the encoding checks.
 *   <li>BouncyCastle's acceptance is final only if R is also of prime order L ({@code
 *       validatePublicKeyFull} on R): then X lies in the prime-order subgroup, where {@code [8]X =
 *       0} implies {@code X = 0}. Any other R (small-order or mixed-order, which an honest signer
 *       never produces) is handed to the JDK, which decides.
 * </ol>
 *
 * <p>Cost: the check of R's order is a scalar multiplication, about as dear as the verification
 * itself, so a signature costs two BouncyCastle operations; that is still several times faster than
 * the JDK (see {@code docs/benchmarks.md}). Thread-safe and immutable.
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

  private final VerifierKey key;
  private final NoteVerifier reference;
  private final Ed25519.PublicPoint point;
  private final String id;

  private BcEd25519NoteVerifier(
      VerifierKey key, NoteVerifier reference, Ed25519.PublicPoint point) {
    this.key = key;
    this.reference = reference;
    this.point = point;
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
    Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(key.keyBytes(), 0);
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
    if (!Ed25519.verify(signature, 0, point, message, 0, message.length)) {
      throw new BadSignatureException("invalid signature for key " + id);
    }
    if (!Ed25519.validatePublicKeyFull(signature, 0)) {
      // R is not of prime order: only the cofactored equation is known to hold. Let the
      // reference decide (it accepts only if the cofactorless one holds too).
      reference.verify(message, signature);
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
