package org.countersign.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.countersign.crypto.Ed25519EdgeCases.Case;
import org.countersign.log.BadSignatureException;
import org.countersign.log.note.Note;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds {@link Ed25519Provider#BOUNCY_CASTLE} to the decisions of {@link Ed25519Provider#JDK} on
 * the inputs where Ed25519 implementations are known to differ, on RFC 8032's vectors, on honest
 * signatures, and on random corruptions of all of them; and shows that the fence in {@link
 * BcEd25519NoteVerifier} is needed, by finding the cases where raw BouncyCastle decides otherwise.
 */
class Ed25519DifferentialTest {
  private static final long SEED = 0xED25519L;

  /** The outcome of one verification, comparable across providers. */
  private enum Outcome {
    ACCEPT,
    REJECT,
    KEY_REFUSED
  }

  // Built once: the reference arithmetic is slow (BigInteger, affine coordinates).
  private static final List<Case> EDGE_CASES = buildEdgeCases();

  private static List<Case> buildEdgeCases() {
    List<Case> all = new ArrayList<>(Ed25519EdgeCases.rfc8032());
    all.addAll(Ed25519EdgeCases.constructed(new SplittableRandom(SEED)));
    return List.copyOf(all);
  }

  static Stream<Case> edgeCases() {
    return EDGE_CASES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edgeCases")
  void verify_edgeCase_bouncyCastleDecidesAsJdk(Case c) {
    assertThat(outcome(Ed25519Provider.BOUNCY_CASTLE, c))
        .as("BouncyCastle (fenced) on %s", c)
        .isEqualTo(outcome(Ed25519Provider.JDK, c));
  }

  @Test
  void verify_randomCorruptions_bouncyCastleDecidesAsJdk() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    List<Case> base = new ArrayList<>(Ed25519EdgeCases.honest(random, 10));
    base.addAll(EDGE_CASES);
    List<String> disagreements = new ArrayList<>();
    int rejectedByBoth = 0;
    for (Case c : Ed25519EdgeCases.corrupted(random, base, 2)) {
      Outcome jdk = outcome(Ed25519Provider.JDK, c);
      Outcome bc = outcome(Ed25519Provider.BOUNCY_CASTLE, c);
      if (jdk != bc) {
        disagreements.add(c + ": JDK " + jdk + ", BouncyCastle " + bc);
      } else if (jdk == Outcome.REJECT) {
        rejectedByBoth++;
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(rejectedByBoth).as("corruptions are mostly rejected").isGreaterThan(300);
  }

  @Test
  void verify_rfc8032AndHonestSignatures_bothAccept() {
    List<Case> cases = new ArrayList<>(Ed25519EdgeCases.rfc8032());
    cases.addAll(Ed25519EdgeCases.honest(new SplittableRandom(SEED + 2), 10));
    for (Case c : cases) {
      assertThat(outcome(Ed25519Provider.JDK, c)).as("JDK on %s", c).isEqualTo(Outcome.ACCEPT);
      assertThat(outcome(Ed25519Provider.BOUNCY_CASTLE, c))
          .as("BouncyCastle on %s", c)
          .isEqualTo(Outcome.ACCEPT);
    }
  }

  @Test
  void decide_everyEdgeCaseWithCanonicalR_isDecidedByOneMultiplication_asTheJdkDecides() {
    // The fast path must decide (not defer) every case a fenced key meets, small-order and
    // mixed-order nonces included; only a non-canonical R may go to the JDK.
    int decided = 0;
    List<String> decidedNames = new ArrayList<>();
    for (Case c : EDGE_CASES) {
      NoteVerifier v = Ed25519Provider.BOUNCY_CASTLE.verifier(key(c));
      if (!(v instanceof BcEd25519NoteVerifier fenced)
          || c.signature().length != 64
          || !BcEd25519NoteVerifier.scalarBelowOrder(c.signature())) {
        continue;
      }
      BcEd25519NoteVerifier.Decision d = fenced.decide(c.message(), c.signature());
      boolean canonicalR = EdwardsPoints.isCanonical(java.util.Arrays.copyOf(c.signature(), 32));
      assertThat(d == BcEd25519NoteVerifier.Decision.REFERENCE).as(c.name()).isEqualTo(!canonicalR);
      if (canonicalR) {
        decided++;
        decidedNames.add(c.name());
        assertThat(d == BcEd25519NoteVerifier.Decision.ACCEPT ? Outcome.ACCEPT : Outcome.REJECT)
            .as("one multiplication on %s", c)
            .isEqualTo(outcome(Ed25519Provider.JDK, c));
      }
    }
    // Every edge case under an honest key: S = L - 1, the 8 small-order and 7 mixed-order nonces,
    // R off the curve, the RFC 8032 vectors...
    assertThat(decided).as("cases decided without the JDK").isGreaterThanOrEqualTo(20);
    assertThat(decidedNames).anyMatch(n -> n.startsWith("honest A, mixed-order R"));
    assertThat(decidedNames).anyMatch(n -> n.startsWith("honest A, small-order R"));
  }

  @Test
  void verify_thousandsOfRandomSignatures_andTheirTorsionedTwins_asTheJdk() {
    // Honest signatures by many keys over random messages (BouncyCastle signs; Ed25519 signing is
    // deterministic, so these are the JDK's signatures too), each also with its nonce moved by a
    // torsion point, with S + 1, and checked against a message one byte longer. (The edge cases
    // hold the nonces for which the cofactored equation holds and the cofactorless one fails.)
    SplittableRandom random = new SplittableRandom(SEED + 4);
    List<Ed25519Reference.Point> torsion = Ed25519Reference.torsion();
    List<String> disagreements = new ArrayList<>();
    int accepted = 0;
    for (int keyIndex = 0; keyIndex < 40; keyIndex++) {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      byte[] pk = new byte[32];
      org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pk, 0);
      VerifierKey vk = VerifierKey.ed25519("random.test/k" + keyIndex, pk);
      NoteVerifier bc = Ed25519Provider.BOUNCY_CASTLE.verifier(vk);
      NoteVerifier jdk = Ed25519Provider.JDK.verifier(vk);
      assertThat(bc).isInstanceOf(BcEd25519NoteVerifier.class);
      for (int i = 0; i < 25; i++) {
        byte[] m = new byte[random.nextInt(0, 600)];
        random.nextBytes(m);
        byte[] sig = new byte[64];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, pk, 0, m, 0, m.length, sig, 0);
        byte[] sPlusOne = sig.clone();
        sPlusOne[32]++;
        byte[] twisted = sig.clone();
        Ed25519Reference.Point r = Ed25519Reference.Point.decode(java.util.Arrays.copyOf(sig, 32));
        System.arraycopy(r.add(torsion.get(1 + i % 7)).encode(), 0, twisted, 0, 32);
        byte[] longer = java.util.Arrays.copyOf(m, m.length + 1);
        for (Case c :
            List.of(
                new Case("random " + keyIndex + "/" + i, pk, m, sig),
                new Case("random S+1 " + keyIndex + "/" + i, pk, m, sPlusOne),
                new Case("random torsioned R " + keyIndex + "/" + i, pk, m, twisted),
                new Case("random longer message " + keyIndex + "/" + i, pk, longer, sig))) {
          Outcome a = outcome(bc, c);
          Outcome b = outcome(jdk, c);
          if (a != b) {
            disagreements.add(c + ": JDK " + b + ", BouncyCastle " + a);
          } else if (a == Outcome.ACCEPT) {
            accepted++;
          }
        }
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(accepted).as("exactly the honest ones are accepted").isEqualTo(40 * 25);
  }

  @Test
  void wnaf_reconstructsItsScalar() {
    SplittableRandom random = new SplittableRandom(SEED + 5);
    List<java.math.BigInteger> scalars = new ArrayList<>();
    scalars.add(java.math.BigInteger.ZERO);
    scalars.add(java.math.BigInteger.ONE);
    scalars.add(Ed25519Reference.L.subtract(java.math.BigInteger.ONE));
    scalars.add(java.math.BigInteger.TWO.pow(253).subtract(java.math.BigInteger.ONE));
    for (int i = 0; i < 200; i++) {
      byte[] b = new byte[32];
      random.nextBytes(b);
      b[31] &= 0x1F;
      scalars.add(Ed25519Reference.littleEndian(b, 0, 32));
    }
    for (int width : new int[] {EdwardsPoints.KEY_WIDTH, EdwardsPoints.BASE_WIDTH}) {
      for (java.math.BigInteger k : scalars) {
        byte[] naf = EdwardsPoints.wnaf(Ed25519Reference.scalarBytes(k), width);
        java.math.BigInteger sum = java.math.BigInteger.ZERO;
        int lastNonZero = -width;
        for (int i = 0; i < naf.length; i++) {
          if (naf[i] != 0) {
            assertThat(naf[i] & 1).as("odd digit").isEqualTo(1);
            assertThat(Math.abs(naf[i])).isLessThan(1 << (width - 1));
            assertThat(i - lastNonZero).as("non-adjacent").isGreaterThanOrEqualTo(width);
            lastNonZero = i;
            sum = sum.add(java.math.BigInteger.valueOf(naf[i]).shiftLeft(i));
          }
        }
        assertThat(sum).isEqualTo(k);
      }
    }
  }

  @Test
  void rawBouncyCastle_onEdgeCases_disagreesWithJdk_soTheFenceIsNeeded() {
    // If a BouncyCastle release ever decides as the JDK does, the fence costs time for nothing;
    // if this finds fewer kinds of disagreement, the class comment must be revisited.
    List<String> bcOnlyAccepts = new ArrayList<>();
    List<String> jdkOnlyAccepts = new ArrayList<>();
    edgeCases()
        .forEach(
            c -> {
              boolean raw =
                  org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
                      c.signature(), 0, c.publicKey(), 0, c.message(), 0, c.message().length);
              Outcome jdk = outcome(Ed25519Provider.JDK, c);
              if (raw && jdk != Outcome.ACCEPT) {
                bcOnlyAccepts.add(c.name());
              } else if (!raw && jdk == Outcome.ACCEPT) {
                jdkOnlyAccepts.add(c.name());
              }
            });
    assertThat(bcOnlyAccepts).anyMatch(n -> n.startsWith("honest A, mixed-order R"));
    assertThat(bcOnlyAccepts).anyMatch(n -> n.startsWith("mixed-order A"));
    assertThat(jdkOnlyAccepts).anyMatch(n -> n.startsWith("small-order A"));
  }

  @Test
  void forKey_primeOrderKey_usesBouncyCastle_smallOrderKey_usesJdk() {
    Case honest = Ed25519EdgeCases.honest(new SplittableRandom(SEED + 3), 1).get(0);
    assertThat(BcEd25519NoteVerifier.forKey(VerifierKey.ed25519("k", honest.publicKey())))
        .isInstanceOf(BcEd25519NoteVerifier.class);
    byte[] identity = Ed25519Reference.Point.IDENTITY.encode();
    assertThat(BcEd25519NoteVerifier.forKey(VerifierKey.ed25519("k", identity)))
        .isNotInstanceOf(BcEd25519NoteVerifier.class);
  }

  @Test
  void scalarBelowOrder_boundaries() {
    byte[] sig = new byte[64];
    assertThat(BcEd25519NoteVerifier.scalarBelowOrder(sig)).as("S = 0").isTrue();
    byte[] l = Ed25519Reference.scalarBytes(Ed25519Reference.L);
    System.arraycopy(l, 0, sig, 32, 32);
    assertThat(BcEd25519NoteVerifier.scalarBelowOrder(sig)).as("S = L").isFalse();
    sig[32]--; // L - 1 (the low byte of L is 0xED)
    assertThat(BcEd25519NoteVerifier.scalarBelowOrder(sig)).as("S = L - 1").isTrue();
    sig[32] = (byte) (sig[32] + 2); // L + 1
    assertThat(BcEd25519NoteVerifier.scalarBelowOrder(sig)).as("S = L + 1").isFalse();
    byte[] top = new byte[64];
    top[63] = (byte) 0x80;
    assertThat(BcEd25519NoteVerifier.scalarBelowOrder(top)).as("S = 2^255").isFalse();
  }

  @Test
  void noteOpen_withBouncyCastleVerifier_verifiesAndRefusesLikeTheJdk() throws Exception {
    SignerKey key = SignerKey.fromSeed("party.test/us", new byte[32]);
    String note = Note.sign("countersign/statement/v1 test\n{}\n", key);
    NoteVerifier bc = Ed25519Provider.BOUNCY_CASTLE.verifier(key.publicKey());
    assertThat(bc.name()).isEqualTo(key.name());
    assertThat(bc.keyId()).isEqualTo(key.keyId());
    assertThat(bc.verifierKey()).isEqualTo(key.verifierKey());
    VerifiedNote opened = Note.open(note.getBytes(StandardCharsets.UTF_8), Verifiers.of(bc));
    assertThat(opened.verifiedSignatures()).hasSize(1);

    String tampered = note.replace("{}", "[]");
    NoteVerifier jdk = Ed25519Provider.JDK.verifier(key.publicKey());
    for (NoteVerifier v : List.of(jdk, bc)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> Note.open(tampered.getBytes(StandardCharsets.UTF_8), Verifiers.of(v)))
          .isInstanceOf(BadSignatureException.class);
    }
  }

  @Test
  void parse_labels_roundTrip_andUnknownIsRefused() {
    for (Ed25519Provider p : Ed25519Provider.values()) {
      assertThat(Ed25519Provider.parse(p.label())).isEqualTo(p);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ed25519Provider.parse("openssl"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"openssl\"");
  }

  private static VerifierKey key(Case c) {
    return VerifierKey.ed25519("edge.test/key", c.publicKey());
  }

  private static Outcome outcome(Ed25519Provider provider, Case c) {
    NoteVerifier v;
    try {
      v = provider.verifier(key(c));
    } catch (IllegalArgumentException e) {
      return Outcome.KEY_REFUSED;
    }
    return outcome(v, c);
  }

  private static Outcome outcome(NoteVerifier v, Case c) {
    try {
      v.verify(c.message(), c.signature());
      return Outcome.ACCEPT;
    } catch (BadSignatureException e) {
      return Outcome.REJECT;
    }
  }
}
