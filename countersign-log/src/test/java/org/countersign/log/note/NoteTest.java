package org.countersign.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.countersign.log.BadSignatureException;
import org.countersign.log.MalformedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoteTest {
  private final SignerKey alice = TestKeys.key("alice.example", 1);
  private final SignerKey bob = TestKeys.key("bob.example", 2);
  private final Verifiers both = Verifiers.of(alice.verifier(), bob.verifier());

  @Test
  void sign_textWithoutFinalNewline_throws() {
    assertThatThrownBy(() -> Note.sign("no newline", alice))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must end with a newline");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tab\there\n", "cr\r\n", "nul\0\n", "del\u007f\n", "esc\u001b\n"})
  void sign_textWithControlCharacter_throws(String text) {
    assertThatThrownBy(() -> Note.sign(text, alice)).hasMessageContaining("control character");
  }

  @Test
  void sign_textWithUnpairedSurrogate_throws() {
    assertThatThrownBy(() -> Note.sign("x\ud800\n", alice))
        .hasMessageContaining("unpaired surrogate");
  }

  @Test
  void sign_noSignersOrDuplicateSigners_throws() {
    assertThatThrownBy(() -> Note.sign("t\n")).hasMessageContaining("at least one signer");
    assertThatThrownBy(() -> Note.sign("t\n", alice, alice))
        .hasMessageContaining("two signers share");
  }

  @Test
  void open_textWithBlankLines_splitsAtLastBlankLine() throws Exception {
    String text = "first\n\nthird\n\n\nsixth\n";
    VerifiedNote n = Note.open(Note.sign(text, alice), both);
    assertThat(n.text()).isEqualTo(text);
  }

  @Test
  void open_textOfOnlyANewline_roundTrips() throws Exception {
    assertThat(Note.open(Note.sign("\n", alice), both).text()).isEqualTo("\n");
  }

  @Test
  void open_unicodeText_roundTrips() throws Exception {
    String text = "Договор СНВ-III\n条約 \uD83D\uDE00 — ok\n";
    assertThat(Note.open(Note.sign(text, alice, bob), both).verifiedSignatures()).hasSize(2);
  }

  @Test
  void open_knownKeyWithBadSignature_throwsEvenIfAnotherVerifies() {
    String good = Note.sign("t\n", alice, bob);
    String bad = good.replace(line(good, 1), corrupt(line(good, 1)));
    assertThatThrownBy(() -> Note.open(bad, both))
        .isInstanceOfSatisfying(
            BadSignatureException.class, e -> assertThat(e.noteText()).isEqualTo("t\n"))
        .hasMessageContaining("invalid signature for key bob.example+");
  }

  @Test
  void open_unknownKeyWithGarbageSignature_isIgnored() throws Exception {
    String note = Note.sign("t\n", alice) + "— stranger.example AAAAAAAAAAAAAAAA\n";
    VerifiedNote n = Note.open(note, both);
    assertThat(n.verifiedSignatures()).hasSize(1);
    assertThat(n.otherSignatures())
        .extracting(NoteSignature::name)
        .containsExactly("stranger.example");
  }

  @Test
  void open_duplicateLines_countOnce() throws Exception {
    String note = Note.sign("t\n", alice);
    String sigLine = line(note, 0);
    String stranger = "— stranger.example AAAAAAAAAAAAAAAA\n";
    VerifiedNote n = Note.open(note + sigLine + stranger + stranger, both);
    assertThat(n.verifiedSignatures()).hasSize(1);
    assertThat(n.otherSignatures()).hasSize(1);
  }

  @Test
  void open_secondDifferentBadSignatureBySameKnownKey_throws() {
    String note = Note.sign("t\n", alice);
    assertThatThrownBy(() -> Note.open(note + corrupt(line(note, 0)), both))
        .isInstanceOf(BadSignatureException.class);
  }

  @Test
  void open_emptyVerifierSet_throwsWithText() {
    assertThatThrownBy(() -> Note.open(Note.sign("t\n", alice), Verifiers.of()))
        .isInstanceOfSatisfying(
            BadSignatureException.class, e -> assertThat(e.noteText()).isEqualTo("t\n"))
        .hasMessageContaining("known: none");
  }

  @Test
  void open_overTheCap_isMalformed() {
    String note = Note.sign("x".repeat(1000) + "\n", alice);
    assertThatThrownBy(() -> Note.open(note.getBytes(StandardCharsets.UTF_8), both, 500))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("over the cap of 500");
  }

  @Test
  void sign_resultOverDefaultCap_throws() {
    String text = "x".repeat(Note.DEFAULT_MAX_NOTE_BYTES) + "\n";
    assertThatThrownBy(() -> Note.sign(text, alice)).hasMessageContaining("over the cap");
  }

  @Test
  void open_invalidUtf8_isMalformedNamingTheByte() {
    byte[] note = Note.sign("ab\n", alice).getBytes(StandardCharsets.UTF_8);
    note[1] = (byte) 0xC0; // overlong lead byte
    assertThatThrownBy(() -> Note.open(note, both))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("byte 1");
  }

  @Test
  void open_encodedSurrogate_isMalformed() {
    byte[] sig = Note.sign("abc\n", alice).getBytes(StandardCharsets.UTF_8);
    sig[0] = (byte) 0xED;
    sig[1] = (byte) 0xA0;
    sig[2] = (byte) 0x80;
    assertThatThrownBy(() -> Note.open(sig, both)).hasMessageContaining("not valid UTF-8");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\t", "\r", "\u0000", "\u007f"})
  void open_controlCharacter_isMalformed(String c) {
    String note = Note.sign("ab\n", alice).replaceFirst("b", c);
    assertThatThrownBy(() -> Note.open(note, both))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("control character");
  }

  @ParameterizedTest
  @ValueSource(strings = {"- ", "\u2013 ", "\u2014", "\u2014\u2014 ", " \u2014 "})
  void open_signatureLineWithoutEmDashAndSpace_isMalformed(String prefix) {
    String note = Note.sign("t\n", alice).replace("\u2014 ", prefix);
    assertThatThrownBy(() -> Note.open(note, both)).isInstanceOf(MalformedInputException.class);
  }

  @Test
  void open_signatureLineProblems_areNamed() {
    String note = Note.sign("t\n", alice);
    String sig = line(note, 0);
    String b64 = sig.substring(sig.lastIndexOf(' ') + 1, sig.length() - 1);
    String head = "t\n\n— alice.example ";
    assertMalformed(head.strip() + "\n", "no space between key name and signature");
    assertMalformed("t\n\n— alice+x " + b64 + "\n", "'+'");
    assertMalformed(head + "\n", "signature is empty");
    assertMalformed(head + b64 + " \n", "base64");
    assertMalformed(head + b64.replace("=", "") + "\n", "base64");
    assertMalformed(head + "AAAAAA==\n", "decodes to 4 bytes");
    String noncanonical =
        b64.substring(0, b64.length() - 2) + (char) (b64.charAt(b64.length() - 2) + 1) + "=";
    assertMalformed(head + noncanonical + "\n", "not canonical base64");
    assertMalformed("t\n\n", "no signature lines");
    assertMalformed("", "no blank line");
    assertMalformed("t\n", "no blank line");
  }

  @Test
  void addSignatures_toOpenedNote_keepsExistingAndAppends() throws Exception {
    SignerKey carol = TestKeys.key("carol.example", 3);
    VerifiedNote n = Note.open(Note.sign("t\n", alice, bob), Verifiers.of(alice.verifier()));
    String more = Note.addSignatures(n, carol);
    VerifiedNote all =
        Note.open(more, Verifiers.of(alice.verifier(), bob.verifier(), carol.verifier()));
    assertThat(all.verifiedSignatures())
        .extracting(NoteSignature::name)
        .containsExactly("alice.example", "bob.example", "carol.example");
    assertThat(Note.addSignatures(n, alice)).isEqualTo(Note.sign("t\n", bob, alice));
  }

  @Test
  void requireSignedBy_missingKey_throwsListingIt() throws Exception {
    SignerKey carol = TestKeys.key("carol.example", 3);
    VerifiedNote n =
        Note.open(Note.sign("t\n", alice), Verifiers.of(alice.verifier(), carol.verifier()));
    n.requireSignedBy(List.of(alice.verifier()));
    assertThatThrownBy(() -> n.requireSignedBy(List.of(alice.verifier(), carol.verifier())))
        .isInstanceOf(BadSignatureException.class)
        .hasMessageContaining("not signed by carol.example+");
  }

  private void assertMalformed(String note, String fragment) {
    assertThatThrownBy(() -> Note.open(note, both))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining(fragment);
  }

  /** The i-th signature line of a note, with its newline. */
  static String line(String note, int i) {
    String sigs = note.substring(note.lastIndexOf("\n\n") + 2);
    return sigs.split("(?<=\n)", -1)[i];
  }

  /** The same line with one bit of the Ed25519 signature flipped. */
  static String corrupt(String line) {
    int space = line.lastIndexOf(' ');
    byte[] payload = Base64.getDecoder().decode(line.substring(space + 1, line.length() - 1));
    payload[payload.length - 1] ^= 1;
    return line.substring(0, space + 1) + Base64.getEncoder().encodeToString(payload) + "\n";
  }
}
