package org.countersign.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.countersign.log.BadSignatureException;
import org.countersign.log.MalformedInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fact in the frozen vector file sumdb-note.txt (Go's sumdb/note docs and tests). */
class SumdbNoteVectorsTest {
  private SumdbNoteVectors v;
  private VerifierKey peter;
  private VerifierKey enoch;

  @BeforeEach
  void load() throws Exception {
    v = SumdbNoteVectors.load();
    peter = VerifierKey.parse(v.vkeys().get(0));
    enoch = VerifierKey.parse(v.vkeys().get(1));
  }

  @Test
  void parse_everyVectorVkey_reencodesExactly() throws Exception {
    for (String vkey : v.vkeys()) {
      assertThat(VerifierKey.parse(vkey).encode()).isEqualTo(vkey);
    }
    assertThat(peter.name()).isEqualTo("PeterNeumann");
    assertThat(peter.keyId()).isEqualTo(0xc74f20a3);
    assertThat(peter.type()).isEqualTo(VerifierKey.TYPE_ED25519);
  }

  @Test
  void parse_vectorSkey_matchesItsVkeyAndReencodes() throws Exception {
    SignerKey key = SignerKey.parse(v.skeys().get(0));
    assertThat(key.verifierKey()).isEqualTo(v.vkeys().get(0));
    assertThat(key.encodeSecret()).isEqualTo(v.skeys().get(0));
    assertThat(key.keyId()).isEqualTo(0xc74f20a3);
  }

  @Test
  void fromSeed_allZeroSeed_isEnochRoot() {
    assertThat(SignerKey.fromSeed("EnochRoot", new byte[32]).verifierKey())
        .isEqualTo(v.vkeys().get(1));
  }

  @Test
  void sign_vectorTextWithBothKeys_givesExactNote() throws Exception {
    SignerKey peterKey = SignerKey.parse(v.skeys().get(0));
    SignerKey enochKey = SignerKey.fromSeed("EnochRoot", new byte[32]);
    assertThat(Note.sign(v.text(), peterKey, enochKey)).isEqualTo(v.note());
  }

  @Test
  void open_vectorNoteWithBothKeys_verifiesBoth() throws Exception {
    VerifiedNote n = Note.open(v.note(), Verifiers.of(peter.verifier(), enoch.verifier()));
    assertThat(n.text()).isEqualTo(v.text());
    assertThat(n.verifiedSignatures())
        .extracting(NoteSignature::id)
        .containsExactly("PeterNeumann+c74f20a3", "EnochRoot+af0cfe78");
    assertThat(n.otherSignatures()).isEmpty();
    assertThat(n.format()).isEqualTo(v.note());
  }

  @Test
  void open_vectorNoteWithOneKey_reportsTheOtherAsUnverified() throws Exception {
    VerifiedNote n = Note.open(v.note(), Verifiers.of(enoch.verifier()));
    assertThat(n.verifiedSignatures()).extracting(NoteSignature::name).containsExactly("EnochRoot");
    assertThat(n.otherSignatures()).extracting(NoteSignature::name).containsExactly("PeterNeumann");
  }

  @Test
  void open_vectorNoteWithNoKnownKey_throwsWithText() {
    SignerKey stranger = SignerKey.fromSeed("PeterNeumann", new byte[32]);
    assertThatThrownBy(() -> Note.open(v.note(), Verifiers.of(stranger.verifier())))
        .isInstanceOfSatisfying(
            BadSignatureException.class, e -> assertThat(e.noteText()).isEqualTo(v.text()))
        .hasMessageContaining("no signature by a known key");
  }

  @Test
  void parse_eachBadVkey_throws() {
    assertThat(v.badVkeys()).isNotEmpty();
    for (String bad : v.badVkeys()) {
      assertThatThrownBy(() -> VerifierKey.parse(bad))
          .as(bad)
          .isInstanceOf(MalformedInputException.class);
    }
    assertThatThrownBy(() -> VerifierKey.parse(v.badVkeys().get(0)))
        .hasMessageContaining("not canonical base64");
    assertThatThrownBy(() -> VerifierKey.parse(v.badVkeys().get(1)))
        .hasMessageContaining("unknown signature type 0x65");
  }

  @Test
  void parse_vkeyWithAnyByteChanged_throws() {
    for (String vkey : v.vkeys()) {
      int second = vkey.indexOf('+', vkey.indexOf('+') + 1);
      byte[] typed = Base64.getDecoder().decode(vkey.substring(second + 1));
      for (int i = 0; i < typed.length; i++) {
        for (int bit = 0; bit < 8; bit++) {
          byte[] changed = typed.clone();
          changed[i] ^= (byte) (1 << bit);
          String bad = vkey.substring(0, second + 1) + Base64.getEncoder().encodeToString(changed);
          assertThatThrownBy(() -> VerifierKey.parse(bad))
              .as(bad)
              .isInstanceOf(MalformedInputException.class);
        }
      }
      String renamed = "X" + vkey;
      assertThatThrownBy(() -> VerifierKey.parse(renamed))
          .hasMessageContaining("does not match the key");
    }
  }

  @Test
  void open_signatureNameWithSpace_isMalformed() {
    String note = v.note().replace("— PeterNeumann ", "— Peter Neumann ");
    assertMalformed(note, "signature line 1");
  }

  @Test
  void open_missingFinalNewline_isMalformed() {
    String note = v.note();
    assertMalformed(note.substring(0, note.length() - 1), "does not end with a newline");
  }

  @Test
  void open_noBlankLineBeforeSignatures_isMalformed() {
    String note = v.text() + v.sigLines().get(0) + "\n";
    assertMalformed(note, "no blank line");
  }

  @Test
  void open_lineAfterSignatures_isMalformed() {
    assertMalformed(v.note() + "Doctor Who\n", "signature line 3 does not start with an em dash");
  }

  @Test
  void open_101Signatures_isMalformedBut100AreAccepted() throws Exception {
    String line = v.sigLines().get(1) + "\n";
    String hundred = v.text() + "\n" + line.repeat(100);
    assertThat(Note.open(hundred, Verifiers.of(enoch.verifier())).verifiedSignatures()).hasSize(1);
    assertMalformed(hundred + line, "more than 100 signature lines");
  }

  @Test
  void open_flippedSignatureByte_isRejected() {
    String sigLine = v.sigLines().get(0);
    int space = sigLine.lastIndexOf(' ');
    byte[] payload = Base64.getDecoder().decode(sigLine.substring(space + 1));
    payload[10] ^= 1;
    String note =
        v.text()
            + "\n"
            + sigLine.substring(0, space + 1)
            + Base64.getEncoder().encodeToString(payload)
            + "\n"
            + v.sigLines().get(1)
            + "\n";
    assertThatThrownBy(() -> Note.open(note, Verifiers.of(peter.verifier(), enoch.verifier())))
        .isInstanceOf(BadSignatureException.class)
        .hasMessageContaining("invalid signature for key PeterNeumann+c74f20a3");
  }

  @Test
  void open_flippedTextByte_isRejected() {
    String note = v.note().replaceFirst("answer", "anlwer");
    assertThatThrownBy(() -> Note.open(note, Verifiers.of(peter.verifier())))
        .isInstanceOf(BadSignatureException.class);
  }

  private void assertMalformed(String note, String fragment) {
    List<NoteVerifier> both = List.of(peter.verifier(), enoch.verifier());
    assertThatThrownBy(() -> Note.open(note.getBytes(StandardCharsets.UTF_8), Verifiers.of(both)))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining(fragment);
  }
}
