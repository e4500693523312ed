package org.countersign.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.jspecify.annotations.Nullable;

/**
 * Points of edwards25519 ({@code -x^2 + y^2 = 1 + d x^2 y^2} over GF(2^255 - 19)) on BouncyCastle's
 * field arithmetic, with what the cofactorless Ed25519 check needs: decoding, encoding, and the
 * double-scalar multiplication {@code [s]B - [k]A}.
 *
 * <p>The multiplication splits each 253-bit scalar into eight 32-bit windows and keeps, for each
 * window, odd multiples of {@code [2^(32 j)]P} ({@link Table}): 32 doublings instead of 253, at the
 * cost of a table per point. The base point's tables are built once per process (about 50 KiB); a
 * public key's once per key (about 12 KiB), which is why {@link BcEd25519NoteVerifier} keeps them
 * with the key (parties sign thousands of statements with one key). Four windows of 64 bits did 64
 * doublings, a quarter of a verification's field multiplications more (issue 14, seventh pass).
 * Variable-time: it only ever handles public values.
 *
 * <p>Extended coordinates (X:Y:Z:T, x = X/Z, y = Y/Z, xy = T/Z) and the formulas of RFC 8032,
 * section 5.1.4; table entries are affine, as {@code (y+x, y-x, 2dxy)}.
 */
final class EdwardsPoints {
  private EdwardsPoints() {}

  static final int CHUNKS = 8;
  static final int CHUNK_BITS = 32;

  /** Window width of the base point's wNAF (32 odd multiples per chunk, built once). */
  static final int BASE_WIDTH = 7;

  /** Window width of a public key's wNAF (8 odd multiples per chunk, built per key). */
  static final int KEY_WIDTH = 5;

  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  private static final int[] D = fieldOf(curveD());
  private static final int[] D2 = fieldOf(curveD().shiftLeft(1).mod(P));

  // y = 4/5, x even: RFC 8032's base point, in its encoding.
  private static final byte[] BASE_ENCODED =
      java.util.HexFormat.of()
          .parseHex("5866666666666666666666666666666666666666666666666666666666666666");

  /** Odd multiples of the base point per chunk, for {@link #BASE_WIDTH}. */
  static final Table BASE = new Table(decodeOrThrow(BASE_ENCODED), BASE_WIDTH);

  private static BigInteger curveD() {
    // d = -121665 / 121666 mod p
    return BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  }

  private static int[] fieldOf(BigInteger v) {
    byte[] le = new byte[32];
    byte[] be = v.toByteArray();
    for (int i = 0; i < be.length && i < 32; i++) {
      le[i] = be[be.length - 1 - i];
    }
    int[] r = X25519Field.create();
    X25519Field.decode255(le, 0, r, 0);
    return r;
  }

  private static Extended decodeOrThrow(byte[] encoded) {
    Extended p = decode(encoded);
    if (p == null) {
      throw new IllegalStateException("the base point does not decode");
    }
    return p;
  }

  /** A point in extended coordinates; mutable scratch, never shared between threads. */
  static final class Extended {
    final int[] x = X25519Field.create();
    final int[] y = X25519Field.create();
    final int[] z = X25519Field.create();
    final int[] t = X25519Field.create();

    static Extended identity() {
      Extended p = new Extended();
      X25519Field.one(p.y);
      X25519Field.one(p.z);
      return p;
    }

    Extended copy() {
      Extended p = new Extended();
      X25519Field.copy(x, 0, p.x, 0);
      X25519Field.copy(y, 0, p.y, 0);
      X25519Field.copy(z, 0, p.z, 0);
      X25519Field.copy(t, 0, p.t, 0);
      return p;
    }
  }

  /** An affine point as {@code (y + x, y - x, 2 d x y)}: what a mixed addition reads. */
  static final class Niels {
    final int[] ypx = X25519Field.create();
    final int[] ymx = X25519Field.create();
    final int[] xy2d = X25519Field.create();
  }

  /**
   * For each of the {@link #CHUNKS} chunks j of {@link #CHUNK_BITS} bits of a scalar, the odd
   * multiples 1, 3, ..., 2^(w-1) - 1 of {@code [2^(CHUNK_BITS j)]P}. Immutable once built.
   */
  static final class Table {
    final int width;
    final Niels[][] chunks;

    Table(Extended point, int width) {
      this.width = width;
      int count = 1 << (width - 2);
      this.chunks = new Niels[CHUNKS][];
      Extended p = point.copy();
      for (int j = 0; j < CHUNKS; j++) {
        if (j > 0) {
          for (int i = 0; i < CHUNK_BITS; i++) {
            dbl(p, p);
          }
        }
        Niels[] multiples = new Niels[count];
        Extended twice = new Extended();
        dbl(p, twice);
        Extended current = p.copy();
        multiples[0] = toNiels(current);
        for (int i = 1; i < count; i++) {
          add(current, twice, current);
          multiples[i] = toNiels(current);
        }
        chunks[j] = multiples;
      }
    }
  }

  /**
   * Decodes a point as RFC 8032 section 5.1.3 does, refusing a y of p or more, a point off the
   * curve, and x = 0 with the sign bit set; null if refused.
   */
  static @Nullable Extended decode(byte[] encoded) {
    if (!isCanonical(encoded)) {
      return null;
    }
    byte[] yBytes = encoded.clone();
    int sign = (yBytes[31] >>> 7) & 1;
    yBytes[31] &= 0x7F;
    Extended p = new Extended();
    X25519Field.decode255(yBytes, 0, p.y, 0);
    int[] u = X25519Field.create();
    int[] v = X25519Field.create();
    X25519Field.sqr(p.y, u);
    X25519Field.mul(D, u, v);
    X25519Field.subOne(u); // u = y^2 - 1
    X25519Field.addOne(v); // v = d y^2 + 1
    X25519Field.carry(u);
    X25519Field.carry(v);
    if (!X25519Field.sqrtRatioVar(u, v, p.x)) {
      return null;
    }
    X25519Field.normalize(p.x);
    if (sign == 1 && X25519Field.isZeroVar(p.x)) {
      return null;
    }
    if ((p.x[0] & 1) != sign) {
      X25519Field.negate(p.x, p.x);
      X25519Field.normalize(p.x);
    }
    X25519Field.one(p.z);
    X25519Field.mul(p.x, p.y, p.t);
    return p;
  }

  /**
   * Whether {@code encoded} is the one encoding its point has: y below p, and no sign bit on x = 0
   * (y = 1 or y = p - 1). Says nothing of whether the point is on the curve.
   */
  static boolean isCanonical(byte[] encoded) {
    boolean sign = (encoded[31] & 0x80) != 0;
    // y >= p = 2^255 - 19 only if bytes 1..30 are all 0xFF, the top byte 0x7F and the low one >=
    // 0xED
    boolean highAllOnes = (encoded[31] & 0x7F) == 0x7F;
    for (int i = 1; highAllOnes && i < 31; i++) {
      highAllOnes = encoded[i] == (byte) 0xFF;
    }
    int low = encoded[0] & 0xFF;
    if (highAllOnes && low >= 0xED) {
      return false;
    }
    if (sign) {
      boolean yIsPMinusOne = highAllOnes && low == 0xEC;
      boolean yIsOne = low == 1 && (encoded[31] & 0x7F) == 0;
      for (int i = 1; yIsOne && i < 31; i++) {
        yIsOne = encoded[i] == 0;
      }
      return !(yIsOne || yIsPMinusOne);
    }
    return true;
  }

  /** The canonical 32-byte encoding of {@code p}. */
  static byte[] encode(Extended p) {
    int[] zInv = X25519Field.create();
    int[] x = X25519Field.create();
    int[] y = X25519Field.create();
    X25519Field.invVar(p.z, zInv);
    X25519Field.mul(p.x, zInv, x);
    X25519Field.mul(p.y, zInv, y);
    X25519Field.normalize(x);
    X25519Field.normalize(y);
    byte[] out = new byte[32];
    X25519Field.encode(y, out, 0);
    out[31] |= (byte) ((x[0] & 1) << 7);
    return out;
  }

  /**
   * {@code [s]B - [k]A} for scalars below 2^253 (little-endian, 32 bytes), {@code key} being A's
   * table.
   */
  static Extended baseMinusKey(byte[] s, byte[] k, Table key) {
    byte[] nafS = wnaf(s, BASE.width);
    byte[] nafK = wnaf(k, key.width);
    Extended q = Extended.identity();
    int[][] scratch = scratch();
    boolean started = false;
    for (int pos = CHUNK_BITS - 1; pos >= 0; pos--) {
      if (started) {
        dbl(q, q, scratch);
      }
      for (int j = 0; j < CHUNKS; j++) {
        int i = j * CHUNK_BITS + pos;
        int ds = nafS[i];
        if (ds != 0) {
          addNiels(q, BASE.chunks[j][Math.abs(ds) >> 1], ds < 0, scratch);
          started = true;
        }
        int dk = nafK[i];
        if (dk != 0) {
          addNiels(q, key.chunks[j][Math.abs(dk) >> 1], dk > 0, scratch);
          started = true;
        }
      }
    }
    return q;
  }

  /**
   * The width-w non-adjacent form of a little-endian scalar below 2^253: 256 signed odd digits of
   * absolute value below 2^(w-1), at most one non-zero in any w consecutive positions.
   */
  static byte[] wnaf(byte[] scalar, int width) {
    // The scalar as four little-endian 64-bit words and a zero word, so that a window may read
    // past bit 255; reading bits from words, not bytes one at a time, halved the cost.
    long[] words = new long[5];
    for (int i = 0; i < 32; i++) {
      words[i >>> 3] |= (scalar[i] & 0xFFL) << ((i & 7) << 3);
    }
    byte[] naf = new byte[CHUNKS * CHUNK_BITS];
    int mask = (1 << width) - 1;
    int carry = 0;
    int pos = 0;
    while (pos < naf.length) {
      int bits = bits(words, pos);
      if ((bits & 1) == carry) {
        pos++; // (bit + carry) is even: digit 0, the carry moves on unchanged
        continue;
      }
      int window = carry + (bits & mask);
      if (window > 1 << (width - 1)) {
        naf[pos] = (byte) (window - (1 << width));
        carry = 1;
      } else {
        naf[pos] = (byte) window;
        carry = 0;
      }
      pos += width;
    }
    if (carry != 0) {
      throw new IllegalArgumentException("scalar of more than 253 bits");
    }
    return naf;
  }

  /** At least 32 bits of the scalar from bit {@code pos} (below 256) on, low bit first. */
  private static int bits(long[] words, int pos) {
    int word = pos >>> 6;
    int shift = pos & 63;
    long low = words[word] >>> shift;
    return (int) (shift == 0 ? low : low | (words[word + 1] << (64 - shift)));
  }

  /** Field temporaries for {@link #addNiels} and {@link #dbl(Extended, Extended, int[][])}. */
  private static int[][] scratch() {
    int[][] s = new int[7][];
    for (int i = 0; i < s.length; i++) {
      s[i] = X25519Field.create();
    }
    return s;
  }

  /** r = 2p (RFC 8032 5.1.4, a = -1); r may be p. */
  static void dbl(Extended p, Extended r) {
    dbl(p, r, scratch());
  }

  /**
   * {@link #dbl(Extended, Extended)} with its field temporaries in {@code s} (seven, from {@link
   * #scratch()}): a verification doubles 64 times, and fresh temporaries for each were most of what
   * it allocated.
   */
  private static void dbl(Extended p, Extended r, int[][] s) {
    int[] a = s[0];
    int[] b = s[1];
    int[] c = s[2];
    int[] e = s[3];
    int[] f = s[4];
    int[] g = s[5];
    int[] h = s[6];
    X25519Field.add(p.x, p.y, e);
    X25519Field.sqr(p.x, a);
    X25519Field.sqr(p.y, b);
    X25519Field.sqr(p.z, c);
    X25519Field.add(c, c, c);
    X25519Field.add(a, b, h); // H = A + B
    X25519Field.sub(a, b, g); // G = A - B
    X25519Field.sqr(e, e);
    X25519Field.sub(h, e, e); // E = H - (X + Y)^2
    X25519Field.carry(e);
    X25519Field.add(c, g, f); // F = C + G
    X25519Field.carry(f);
    X25519Field.carry(h);
    X25519Field.carry(g);
    X25519Field.mul(e, f, r.x);
    X25519Field.mul(g, h, r.y);
    X25519Field.mul(e, h, r.t);
    X25519Field.mul(f, g, r.z);
  }

  /** r = p + q, both extended (RFC 8032 5.1.4); r may be p or q. */
  static void add(Extended p, Extended q, Extended r) {
    int[] a = X25519Field.create();
    int[] b = X25519Field.create();
    int[] c = X25519Field.create();
    int[] d = X25519Field.create();
    int[] e = X25519Field.create();
    int[] f = X25519Field.create();
    int[] g = X25519Field.create();
    int[] h = X25519Field.create();
    int[] u = X25519Field.create();
    X25519Field.sub(p.y, p.x, a);
    X25519Field.sub(q.y, q.x, u);
    X25519Field.mul(a, u, a); // A = (Y1 - X1)(Y2 - X2)
    X25519Field.add(p.y, p.x, b);
    X25519Field.add(q.y, q.x, u);
    X25519Field.mul(b, u, b); // B = (Y1 + X1)(Y2 + X2)
    X25519Field.mul(p.t, q.t, c);
    X25519Field.mul(c, D2, c); // C = T1 2d T2
    X25519Field.mul(p.z, q.z, d);
    X25519Field.add(d, d, d); // D = 2 Z1 Z2
    X25519Field.sub(b, a, e);
    X25519Field.sub(d, c, f);
    X25519Field.add(d, c, g);
    X25519Field.add(b, a, h);
    X25519Field.carry(e);
    X25519Field.carry(f);
    X25519Field.carry(g);
    X25519Field.carry(h);
    X25519Field.mul(e, f, r.x);
    X25519Field.mul(g, h, r.y);
    X25519Field.mul(e, h, r.t);
    X25519Field.mul(f, g, r.z);
  }

  /** r = r + q, or r = r - q when {@code negate}: a mixed addition with an affine point. */
  private static void addNiels(Extended r, Niels q, boolean negate, int[][] s) {
    int[] a = s[0];
    int[] b = s[1];
    int[] c = s[2];
    int[] d = s[3];
    int[] e = s[4];
    int[] h = s[5];
    // -q = (-x, y): y + x and y - x swap, 2dxy changes sign (handled by swapping F and G).
    X25519Field.sub(r.y, r.x, a);
    X25519Field.mul(a, negate ? q.ypx : q.ymx, a); // A
    X25519Field.add(r.y, r.x, b);
    X25519Field.mul(b, negate ? q.ymx : q.ypx, b); // B
    X25519Field.mul(r.t, q.xy2d, c); // C (of +q)
    X25519Field.add(r.z, r.z, d); // D = 2 Z1
    X25519Field.sub(b, a, e); // E = B - A
    X25519Field.add(b, a, h); // H = B + A
    X25519Field.carry(e);
    X25519Field.carry(h);
    // F = D - C and G = D + C for +q; for -q, C changes sign, so F and G trade places.
    int[] f = a;
    int[] g = b;
    if (negate) {
      X25519Field.add(d, c, f);
      X25519Field.sub(d, c, g);
    } else {
      X25519Field.sub(d, c, f);
      X25519Field.add(d, c, g);
    }
    X25519Field.carry(f);
    X25519Field.carry(g);
    X25519Field.mul(e, f, r.x);
    X25519Field.mul(g, h, r.y);
    X25519Field.mul(e, h, r.t);
    X25519Field.mul(f, g, r.z);
  }

  private static Niels toNiels(Extended p) {
    int[] zInv = X25519Field.create();
    int[] x = X25519Field.create();
    int[] y = X25519Field.create();
    X25519Field.invVar(p.z, zInv);
    X25519Field.mul(p.x, zInv, x);
    X25519Field.mul(p.y, zInv, y);
    Niels n = new Niels();
    X25519Field.add(y, x, n.ypx);
    X25519Field.sub(y, x, n.ymx);
    X25519Field.carry(n.ypx);
    X25519Field.carry(n.ymx);
    X25519Field.mul(x, y, n.xy2d);
    X25519Field.mul(n.xy2d, D2, n.xy2d);
    return n;
  }
}
