package org.countersign.testing.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.countersign.log.LogException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.Note;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;
import org.countersign.testing.GoInterop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signed notes and keys against Go's golang.org/x/mod/sumdb/note. */
class GoNoteInteropIT {
  private static final String[] PIECES = {
    "a", "Z", "0", " ", "\n", "\n\n", "+", "—", "é", "中", "\uD83D\uDE00", "— x y\n"
  };

  private GoInterop go;

  @BeforeEach
  void setUp() {
    go = GoInterop.require();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void ourNote_randomText_verifiesInGoWithEveryKey(long seed) {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    SignerKey a = key("alice.example/log", r);
    SignerKey b = key("bob.example", r);
    String text = randomText(r);
    String note = Note.sign(text, a, b);
    assertThat(go.runOk(note, "verify", a.verifierKey(), b.verifierKey())).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14})
  void goNote_randomText_opensInOursAndEqualsOurs(long seed) throws Exception {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    String[] keys = go.runOk("", "keygen", "go.example/k" + seed, seedHex(r)).split("\n", -1);
    String text = randomText(r);
    String goNote = go.runOk(text, "sign", keys[0]);
    VerifiedNote n = Note.open(goNote, Verifiers.of(VerifierKey.parse(keys[1]).verifier()));
    assertThat(n.text()).isEqualTo(text);
    // Ed25519 is deterministic: the same key and text give the same bytes in both.
    assertThat(Note.sign(text, SignerKey.parse(keys[0]))).isEqualTo(goNote);
  }

  @Test
  void goKeygen_keys_areAcceptedByUsAndMatch() throws Exception {
    for (int i = 0; i < 5; i++) {
      String[] keys = go.runOk("", "keygen", "name" + i + ".example/é").split("\n", -1);
      SignerKey skey = SignerKey.parse(keys[0]);
      assertThat(skey.verifierKey()).isEqualTo(keys[1]);
      assertThat(skey.encodeSecret()).isEqualTo(keys[0]);
      assertThat(VerifierKey.parse(keys[1]).encode()).isEqualTo(keys[1]);
    }
  }

  @Test
  void ourKeys_areAcceptedByGo() throws Exception {
    SignerKey ours = SignerKey.generate("ours.example", new SecureRandom());
    String goNote = go.runOk("signed in Go with our key\n", "sign", ours.encodeSecret());
    Note.open(goNote, Verifiers.of(ours.verifier()));
    assertThat(go.runOk(goNote, "verify", ours.verifierKey()))
        .isEqualTo("signed in Go with our key\n");
  }

  @Test
  void goKeygen_fixedSeed_equalsOurKeyForThatSeed() {
    byte[] seed =
        HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    String[] keys =
        go.runOk("", "keygen", "rfc8032.example", HexFormat.of().formatHex(seed)).split("\n", -1);
    SignerKey ours = SignerKey.fromSeed("rfc8032.example", seed);
    assertThat(ours.encodeSecret()).isEqualTo(keys[0]);
    assertThat(ours.verifierKey()).isEqualTo(keys[1]);
  }

  /**
   * Differential: single-byte changes of a valid note. Whatever we accept, Go accepts with the same
   * text; where Go accepts and we refuse, it is one of our documented strictnesses.
   */
  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23})
  void mutatedNote_weNeverAcceptWhatGoRefuses(long seed) {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    SignerKey a = key("a.example", r);
    SignerKey b = key("b.example", r);
    List<NoteVerifier> vs = List.of(a.verifier(), b.verifier());
    byte[] note = Note.sign(randomText(r), a, b).getBytes(StandardCharsets.UTF_8);
    int agreedRejections = 0;
    for (int i = 0; i < 60; i++) {
      byte[] m = note.clone();
      int at = r.nextInt(m.length);
      m[at] =
          (byte)
              (r.nextBoolean()
                  ? m[at] ^ (1 << r.nextInt(8))
                  : "\n\u007f +=A/-".charAt(r.nextInt(8)));
      GoInterop.Result goResult = go.run(m, "verify", a.verifierKey(), b.verifierKey());
      VerifiedNote ours = null;
      LogException refusal = null;
      try {
        ours = Note.open(m, Verifiers.of(vs));
        ours.requireSignedBy(vs);
      } catch (LogException e) {
        refusal = e;
      }
      if (refusal == null) {
        assertThat(goResult.ok()).as("Go refused what we accepted: %s", goResult.stderr()).isTrue();
        // No refusal: the note opened.
        assertThat(goResult.out()).isEqualTo(Objects.requireNonNull(ours).text());
      } else if (goResult.ok()) {
        assertThat(refusal).isInstanceOf(MalformedInputException.class);
        assertThat(refusal.getMessage())
            .containsAnyOf("canonical base64", "control character 0x7f");
      } else {
        agreedRejections++;
      }
    }
    assertThat(agreedRejections).isPositive();
  }

  @Test
  void over100Signatures_bothRefuse() {
    SignerKey a = SignerKey.fromSeed("a.example", new byte[32]);
    String note = Note.sign("t\n", a);
    String line = note.substring(note.indexOf('—'));
    String tooMany = note + line.repeat(100);
    assertThat(go.run(tooMany, "verify", a.verifierKey()).ok()).isFalse();
    assertThat(go.run(note + line.repeat(99), "verify", a.verifierKey()).ok()).isTrue();
  }

  static String randomText(RandomGenerator r) {
    StringBuilder b = new StringBuilder();
    for (int n = r.nextInt(1, 60); n > 0; n--) {
      b.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return b.append('\n').toString();
  }

  static SignerKey key(String name, RandomGenerator r) {
    byte[] seed = new byte[32];
    r.nextBytes(seed);
    return SignerKey.fromSeed(name, seed);
  }

  private static String seedHex(RandomGenerator r) {
    byte[] seed = new byte[32];
    r.nextBytes(seed);
    return HexFormat.of().formatHex(seed);
  }
}
