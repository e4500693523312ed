package org.countersign.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;
import org.countersign.crypto.Ed25519Reference.Point;

/**
 * Ed25519 inputs on which verifiers are known to disagree, after "Taming the many EdDSAs"
 * (Chalkias, Garillot, Nikolaenko, 2020) and RFC 8032 section 5.1.7: small-order and mixed-order
 * keys and nonces, non-canonical encodings of both, scalars S at or above the group order L, plus
 * the RFC's own test vectors and honest signatures with random corruptions.
 */
final class Ed25519EdgeCases {
  /** One verification input: a public key, a message and a signature, with a readable name. */
  // Test-only input triple: compared field by field where needed, never as a record.
  @SuppressWarnings("ArrayRecordComponent")
  record Case(String name, byte[] publicKey, byte[] message, byte[] signature) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final HexFormat HEX = HexFormat.of();

  private Ed25519EdgeCases() {}

  /** RFC 8032 section 7.1, TEST 1 to TEST 3 (public key, message, signature). */
  static List<Case> rfc8032() {
    return List.of(
        new Case(
            "rfc8032 test 1",
            HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"),
            new byte[0],
            HEX.parseHex(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")),
        new Case(
            "rfc8032 test 2",
            HEX.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"),
            HEX.parseHex("72"),
            HEX.parseHex(
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")),
        new Case(
            "rfc8032 test 3",
            HEX.parseHex("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025"),
            HEX.parseHex("af82"),
            HEX.parseHex(
                "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a")));
  }

  /** Every constructed edge case, deterministic for a given generator state. */
  static List<Case> constructed(RandomGenerator random) {
    List<Case> out = new ArrayList<>();
    List<Point> torsion = Ed25519Reference.torsion();
    byte[] msg = "countersign edge case\n".getBytes(StandardCharsets.UTF_8);

    // An honest key pair with a known secret scalar.
    BigInteger a = scalar(random);
    Point aPoint = Ed25519Reference.BASE.times(a);
    byte[] aEnc = aPoint.encode();

    // 1. Honest signature, then S + L (malleated), S = L, S with the top bits set.
    BigInteger r = scalar(random);
    byte[] rEnc = Ed25519Reference.BASE.times(r).encode();
    byte[] honest = Ed25519Reference.sign(r, rEnc, a, aEnc, msg);
    out.add(new Case("honest", aEnc, msg, honest));
    BigInteger s = Ed25519Reference.littleEndian(honest, 32, 32);
    out.add(new Case("S + L", aEnc, msg, withS(honest, s.add(Ed25519Reference.L))));
    out.add(new Case("S + 2L", aEnc, msg, withS(honest, s.add(Ed25519Reference.L.shiftLeft(1)))));
    out.add(new Case("S = L", aEnc, msg, withS(honest, Ed25519Reference.L)));
    out.add(
        new Case(
            "S = L - 1", aEnc, msg, withS(honest, Ed25519Reference.L.subtract(BigInteger.ONE))));
    out.add(new Case("S + 2^253", aEnc, msg, withS(honest, s.add(BigInteger.TWO.pow(253)))));
    out.add(new Case("S + 2^255", aEnc, msg, withS(honest, s.add(BigInteger.TWO.pow(255)))));

    // 2. Small-order public keys (each torsion point), with nonces that make the cofactorless
    //    equation hold: S = 0 and R = -[k]A, found by trying each torsion point as R.
    for (int i = 0; i < torsion.size(); i++) {
      Point t = torsion.get(i);
      byte[] tEnc = t.encode();
      for (int j = 0; j < torsion.size(); j++) {
        Point rt = torsion.get(j);
        byte[] rtEnc = rt.encode();
        BigInteger k = Ed25519Reference.challenge(rtEnc, tEnc, msg);
        byte[] sig = Ed25519Reference.concat(rtEnc, new byte[32]);
        boolean cofactorlessHolds = rt.add(t.times(k)).isIdentity();
        out.add(
            new Case(
                "small-order A"
                    + i
                    + ", small-order R"
                    + j
                    + ", S=0"
                    + (cofactorlessHolds ? " (equation holds)" : ""),
                tEnc,
                msg,
                sig));
      }
      // Small-order A with an honest-looking random R and S: the cofactored equation holds when
      // [S]B = R, i.e. R = [s]B.
      BigInteger s2 = scalar(random);
      byte[] r2 = Ed25519Reference.BASE.times(s2).encode();
      out.add(
          new Case(
              "small-order A" + i + ", R=[S]B",
              tEnc,
              msg,
              Ed25519Reference.concat(r2, Ed25519Reference.scalarBytes(s2))));
    }

    // 3. Small-order R with an honest key: R = T, S = k·a. Then cofactorless: [S]B = T + [k]A
    //    fails unless T is the identity; cofactored holds for every T.
    for (int j = 0; j < torsion.size(); j++) {
      byte[] tEnc = torsion.get(j).encode();
      BigInteger k = Ed25519Reference.challenge(tEnc, aEnc, msg);
      BigInteger sj = k.multiply(a).mod(Ed25519Reference.L);
      out.add(
          new Case(
              "honest A, small-order R" + j + ", S=k*a",
              aEnc,
              msg,
              Ed25519Reference.concat(tEnc, Ed25519Reference.scalarBytes(sj))));
    }

    // 4. Mixed-order R: R = [r]B + T, S = r + k·a. Cofactored accepts, cofactorless rejects.
    for (int j = 1; j < torsion.size(); j++) {
      BigInteger rj = scalar(random);
      byte[] mixed = Ed25519Reference.BASE.times(rj).add(torsion.get(j)).encode();
      out.add(
          new Case(
              "honest A, mixed-order R (T" + j + ")",
              aEnc,
              msg,
              Ed25519Reference.sign(rj, mixed, a, aEnc, msg)));
    }

    // 5. Mixed-order A: A' = [a]B + T, S = r + k·a with k = H(R||A'||M): cofactorless holds only
    //    when [k]T = 0. Several messages per torsion point, so both outcomes occur.
    for (int j = 1; j < torsion.size(); j++) {
      byte[] mixedA = aPoint.add(torsion.get(j)).encode();
      for (int m = 0; m < 6; m++) {
        byte[] mm = ("mixed A message " + m + "\n").getBytes(StandardCharsets.UTF_8);
        BigInteger rj = scalar(random);
        byte[] rjEnc = Ed25519Reference.BASE.times(rj).encode();
        BigInteger k = Ed25519Reference.challenge(rjEnc, mixedA, mm);
        boolean holds = torsion.get(j).times(k).isIdentity();
        out.add(
            new Case(
                "mixed-order A (T" + j + "), message " + m + (holds ? " (equation holds)" : ""),
                mixedA,
                mm,
                Ed25519Reference.sign(rj, rjEnc, a, mixedA, mm)));
      }
    }

    // 6. Non-canonical encodings: y + p for the y < 19 that are on the curve, both sign bits.
    for (int y = 0; y < 19; y++) {
      BigInteger yy = BigInteger.valueOf(y);
      for (boolean odd : new boolean[] {false, true}) {
        BigInteger x = Ed25519Reference.recoverX(yy, odd);
        byte[] nonCanonical = Ed25519Reference.encodeRaw(yy.add(Ed25519Reference.P), odd);
        String label = "y=" + y + "+p" + (odd ? ", x odd" : "") + (x == null ? " (no point)" : "");
        // As a public key: S = 0 and R = identity make [0]B = I + [k]A hold iff [k]A = I.
        byte[] idEnc = Point.IDENTITY.encode();
        out.add(
            new Case(
                "non-canonical A " + label + ", R=I, S=0",
                nonCanonical,
                msg,
                Ed25519Reference.concat(idEnc, new byte[32])));
        // As R with the identity key: [0]B = R + [k]I holds iff R = I.
        out.add(
            new Case(
                "A=I, non-canonical R " + label + ", S=0",
                Point.IDENTITY.encode(),
                msg,
                Ed25519Reference.concat(nonCanonical, new byte[32])));
        // As R with an honest key: R decodes to a torsion point T; S = k·a makes the cofactored
        // equation hold (and the cofactorless one when T is the identity).
        if (x != null) {
          BigInteger k = Ed25519Reference.challenge(nonCanonical, aEnc, msg);
          out.add(
              new Case(
                  "honest A, non-canonical R " + label + ", S=k*a",
                  aEnc,
                  msg,
                  Ed25519Reference.concat(
                      nonCanonical,
                      Ed25519Reference.scalarBytes(k.multiply(a).mod(Ed25519Reference.L)))));
        }
      }
    }

    // 7. "Negative zero": x = 0 with the sign bit set (y = 1 and y = p - 1), as A and as R.
    for (BigInteger y : List.of(BigInteger.ONE, Ed25519Reference.P.subtract(BigInteger.ONE))) {
      byte[] negZero = Ed25519Reference.encodeRaw(y, true);
      out.add(
          new Case(
              "negative-zero A (y=" + (y.equals(BigInteger.ONE) ? "1" : "p-1") + "), R=I, S=0",
              negZero,
              msg,
              Ed25519Reference.concat(Point.IDENTITY.encode(), new byte[32])));
      BigInteger k = Ed25519Reference.challenge(negZero, aEnc, msg);
      out.add(
          new Case(
              "honest A, negative-zero R (y=" + (y.equals(BigInteger.ONE) ? "1" : "p-1") + ")",
              aEnc,
              msg,
              Ed25519Reference.concat(
                  negZero, Ed25519Reference.scalarBytes(k.multiply(a).mod(Ed25519Reference.L)))));
    }

    // 8. R and A off the curve, and all-0xFF encodings.
    byte[] offCurve = null;
    for (int y = 2; offCurve == null; y++) {
      if (Ed25519Reference.recoverX(BigInteger.valueOf(y), false) == null) {
        offCurve = Ed25519Reference.encodeRaw(BigInteger.valueOf(y), false);
      }
    }
    out.add(new Case("A off the curve", offCurve, msg, honest));
    out.add(
        new Case(
            "R off the curve",
            aEnc,
            msg,
            Ed25519Reference.concat(offCurve, java.util.Arrays.copyOfRange(honest, 32, 64))));
    byte[] ff = new byte[32];
    java.util.Arrays.fill(ff, (byte) 0xFF);
    out.add(new Case("A all 0xFF", ff, msg, honest));
    out.add(
        new Case(
            "R all 0xFF",
            aEnc,
            msg,
            Ed25519Reference.concat(ff, java.util.Arrays.copyOfRange(honest, 32, 64))));
    return out;
  }

  /** {@code n} honest signatures by random keys over random messages. */
  static List<Case> honest(RandomGenerator random, int n) {
    List<Case> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BigInteger a = scalar(random);
      byte[] aEnc = Ed25519Reference.BASE.times(a).encode();
      BigInteger r = scalar(random);
      byte[] rEnc = Ed25519Reference.BASE.times(r).encode();
      byte[] m = new byte[random.nextInt(0, 300)];
      random.nextBytes(m);
      out.add(new Case("honest " + i, aEnc, m, Ed25519Reference.sign(r, rEnc, a, aEnc, m)));
    }
    return out;
  }

  /** Each case with one random bit flipped in its key, message or signature. */
  static List<Case> corrupted(RandomGenerator random, List<Case> from, int perCase) {
    List<Case> out = new ArrayList<>();
    for (Case c : from) {
      for (int i = 0; i < perCase; i++) {
        byte[] pk = c.publicKey().clone();
        byte[] m = c.message().clone();
        byte[] sig = c.signature().clone();
        int where = random.nextInt(m.length == 0 ? 2 : 3);
        byte[] target = where == 0 ? pk : where == 1 ? sig : m;
        int bit = random.nextInt(target.length * 8);
        target[bit / 8] ^= (byte) (1 << (bit % 8));
        String part = where == 0 ? "key" : where == 1 ? "signature" : "message";
        out.add(new Case(c.name() + " with " + part + " bit " + bit + " flipped", pk, m, sig));
      }
    }
    return out;
  }

  private static BigInteger scalar(RandomGenerator random) {
    byte[] b = new byte[40];
    random.nextBytes(b);
    return new BigInteger(1, b).mod(Ed25519Reference.L);
  }

  private static byte[] withS(byte[] sig, BigInteger s) {
    byte[] out = sig.clone();
    byte[] enc = Ed25519Reference.encodeRaw(s.mod(BigInteger.TWO.pow(256)), false);
    if (s.testBit(255)) {
      enc[31] |= (byte) 0x80;
    }
    System.arraycopy(enc, 0, out, 32, 32);
    return out;
  }
}
