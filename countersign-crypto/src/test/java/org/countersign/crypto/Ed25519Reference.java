package org.countersign.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A slow, plain Ed25519 (RFC 8032 section 5.1) over {@link BigInteger}, for building the edge cases
 * that a real signer never produces: signatures with chosen nonces, small-order and mixed-order
 * points, non-canonical encodings. Affine coordinates with the complete twisted Edwards addition
 * law (complete because d is not a square), so every point, including the identity and the torsion
 * points, adds without special cases. Test use only: nothing here is constant time.
 */
final class Ed25519Reference {
  static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
  static final BigInteger D =
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  private static final BigInteger SQRT_M1 =
      BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

  /** An affine point; coordinates reduced mod p. */
  record Point(BigInteger x, BigInteger y) {
    static final Point IDENTITY = new Point(BigInteger.ZERO, BigInteger.ONE);

    Point add(Point q) {
      BigInteger xy = x.multiply(q.x).multiply(y).multiply(q.y).multiply(D).mod(P);
      BigInteger x3 =
          x.multiply(q.y)
              .add(q.x.multiply(y))
              .multiply(BigInteger.ONE.add(xy).modInverse(P))
              .mod(P);
      BigInteger y3 =
          y.multiply(q.y)
              .add(x.multiply(q.x))
              .multiply(BigInteger.ONE.subtract(xy).mod(P).modInverse(P))
              .mod(P);
      return new Point(x3, y3);
    }

    Point negate() {
      return new Point(x.negate().mod(P), y);
    }

    Point times(BigInteger k) {
      Point r = IDENTITY;
      Point a = this;
      BigInteger n = k.mod(L.shiftLeft(3)); // the group order divides 8L
      for (int i = 0; i < n.bitLength(); i++) {
        if (n.testBit(i)) {
          r = r.add(a);
        }
        a = a.add(a);
      }
      return r;
    }

    boolean isIdentity() {
      return x.signum() == 0 && y.equals(BigInteger.ONE);
    }

    /** The point a canonical encoding names. */
    static Point decode(byte[] encoded) {
      byte[] y = encoded.clone();
      y[31] &= 0x7F;
      BigInteger x = recoverX(littleEndian(y, 0, 32), (encoded[31] & 0x80) != 0);
      if (x == null) {
        throw new IllegalArgumentException("not the encoding of a point");
      }
      return new Point(x, littleEndian(y, 0, 32));
    }

    /** The canonical 32-byte encoding: y little-endian, the sign of x in the top bit. */
    byte[] encode() {
      return encodeRaw(y, x.testBit(0));
    }
  }

  static final Point BASE = base();

  private Ed25519Reference() {}

  private static Point base() {
    BigInteger y = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P);
    // The base point is on the curve, so its x exists.
    return new Point(Objects.requireNonNull(recoverX(y, false)), y);
  }

  /** x for y with the given sign bit, or null if y is on no point. */
  static @Nullable BigInteger recoverX(BigInteger y, boolean odd) {
    BigInteger y2 = y.multiply(y).mod(P);
    BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
    BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
    BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
    if (x2.signum() == 0) {
      return odd ? null : BigInteger.ZERO;
    }
    BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
    if (!x.multiply(x).subtract(x2).mod(P).equals(BigInteger.ZERO)) {
      x = x.multiply(SQRT_M1).mod(P);
    }
    if (!x.multiply(x).subtract(x2).mod(P).equals(BigInteger.ZERO)) {
      return null;
    }
    if (x.testBit(0) != odd) {
      x = P.subtract(x);
    }
    return x;
  }

  /** Encodes any y below 2^255 (also the non-canonical y + p) with a sign bit. */
  static byte[] encodeRaw(BigInteger y, boolean xOdd) {
    byte[] be = y.toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < be.length && i < 32; i++) {
      le[i] = be[be.length - 1 - i];
    }
    if (xOdd) {
      le[31] |= (byte) 0x80;
    }
    return le;
  }

  static BigInteger littleEndian(byte[] b, int off, int len) {
    byte[] be = new byte[len + 1];
    for (int i = 0; i < len; i++) {
      be[len - i] = b[off + i];
    }
    return new BigInteger(be);
  }

  static byte[] scalarBytes(BigInteger s) {
    return encodeRaw(s, false);
  }

  /** SHA-512(parts...) as an integer mod L. */
  static BigInteger hashToScalar(byte[]... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-512");
      for (byte[] p : parts) {
        sha.update(p);
      }
      return littleEndian(sha.digest(), 0, 64).mod(L);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A signature with nonce point {@code rPoint = [r]B + extra} encoded as {@code rEnc}, public key
   * encoding {@code aEnc}, and the secret scalar {@code a}: S = r + k·a mod L with k = H(R||A||M).
   */
  static byte[] sign(BigInteger r, byte[] rEnc, BigInteger a, byte[] aEnc, byte[] message) {
    BigInteger k = hashToScalar(rEnc, aEnc, message);
    BigInteger s = r.add(k.multiply(a)).mod(L);
    return concat(rEnc, scalarBytes(s));
  }

  /** The challenge k = H(R || A || M) mod L. */
  static BigInteger challenge(byte[] rEnc, byte[] aEnc, byte[] message) {
    return hashToScalar(rEnc, aEnc, message);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The eight points of order dividing 8, generated from a point of order 8. */
  static List<Point> torsion() {
    Point t8 = null;
    for (int y = 2; t8 == null; y++) {
      BigInteger x = recoverX(BigInteger.valueOf(y), false);
      if (x == null) {
        continue;
      }
      Point t = new Point(x, BigInteger.valueOf(y)).times(L);
      if (!t.times(BigInteger.valueOf(4)).isIdentity()) {
        t8 = t;
      }
    }
    List<Point> out = new ArrayList<>();
    Point q = Point.IDENTITY;
    for (int i = 0; i < 8; i++) {
      out.add(q);
      q = q.add(t8);
    }
    return out;
  }
}
