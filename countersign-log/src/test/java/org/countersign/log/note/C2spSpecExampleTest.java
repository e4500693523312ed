package org.countersign.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.countersign.log.BadSignatureException;
import org.junit.jupiter.api.Test;

/** The example in C2SP signed-note v1.0.0 (frozen here: it is short and public). */
class C2spSpecExampleTest {
  static final String VKEY =
      "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
  static final String NOTE =
      """
      This is an example message.

      — example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=
      """;

  @Test
  void open_specExample_verifies() throws Exception {
    VerifierKey key = VerifierKey.parse(VKEY);
    assertThat(key.name()).isEqualTo("example.com/foo");
    assertThat(key.keyId()).isEqualTo(0x530d903a);
    VerifiedNote n = Note.open(NOTE, Verifiers.of(key.verifier()));
    assertThat(n.text()).isEqualTo("This is an example message.\n");
    assertThat(n.verifiedSignatures())
        .singleElement()
        .satisfies(s -> assertThat(s.id()).isEqualTo("example.com/foo+530d903a"));
  }

  @Test
  void open_specExampleWithChangedText_throws() throws Exception {
    VerifierKey key = VerifierKey.parse(VKEY);
    assertThatThrownBy(
            () ->
                Note.open(
                    NOTE.replace("example message", "example massage"),
                    Verifiers.of(key.verifier())))
        .isInstanceOf(BadSignatureException.class)
        .hasMessageContaining("example.com/foo+530d903a");
  }
}
