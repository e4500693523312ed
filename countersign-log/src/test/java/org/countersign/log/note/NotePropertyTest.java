package org.countersign.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.countersign.log.LogException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random notes: round trips, and every single-byte change refused. */
class NotePropertyTest {
  private static final int[] CODE_POINTS = {
    'a', 'z', 'Q', '0', ' ', '\n', '\n', '+', '=', '/', '-', 0xE9, 0x2014, 0x2013, 0x4E2D, 0x1F600,
    0xA0
  };

  static List<Long> seeds() {
    List<Long> seeds = new ArrayList<>();
    for (long s = 1; s <= 12; s++) {
      seeds.add(s * 0x9E3779B97F4A7C15L);
    }
    return seeds;
  }

  /** Fewer notes for the flip test: each flip costs up to three Ed25519 verifications. */
  static List<Long> flipSeeds() {
    return seeds().subList(0, 6);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void openOfSign_randomTextAndSigners_returnsTextAndAllSigners(long seed) throws Exception {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    String text = randomText(r);
    List<SignerKey> signers = randomSigners(r);
    String note = Note.sign(text, signers);
    VerifiedNote n =
        Note.open(note, Verifiers.of(signers.stream().map(SignerKey::verifier).toList()));
    assertThat(n.text()).isEqualTo(text);
    assertThat(n.verifiedSignatures()).hasSize(signers.size());
    assertThat(n.format()).isEqualTo(note);
  }

  @ParameterizedTest
  @MethodSource("flipSeeds")
  void open_anySingleByteFlipped_isRefused(long seed) throws Exception {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    String text = randomText(r);
    List<SignerKey> signers = randomSigners(r);
    List<NoteVerifier> verifiers = signers.stream().map(SignerKey::verifier).toList();
    byte[] note = Note.sign(text, signers).getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < note.length; i++) {
      byte[] changed = note.clone();
      changed[i] ^= (byte) (1 << r.nextInt(8));
      int at = i;
      Throwable t =
          catchThrowable(
              () -> Note.open(changed, Verifiers.of(verifiers)).requireSignedBy(verifiers));
      assertThat(t).as("flip at byte %d of %d", at, note.length).isInstanceOf(LogException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void sign_randomTextWithControlCharacter_isRefused(long seed) {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    String text = randomText(r);
    int at = r.nextInt(text.length());
    char control = (char) r.nextInt(0x20);
    String bad =
        text.substring(0, at) + (control == '\n' ? '\u007f' : control) + text.substring(at);
    assertThatThrownBy(() -> Note.sign(bad, TestKeys.key("k", seed)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String randomText(RandomGenerator r) {
    int n = r.nextInt(1, 120);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.appendCodePoint(CODE_POINTS[r.nextInt(CODE_POINTS.length)]);
    }
    return b.append('\n').toString();
  }

  private static List<SignerKey> randomSigners(RandomGenerator r) {
    int n = r.nextInt(1, 4);
    List<SignerKey> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(TestKeys.key("signer" + i + ".example/\u00e9", r.nextLong()));
    }
    return keys;
  }
}
