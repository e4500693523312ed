package org.countersign.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.countersign.log.BadSignatureException;
import org.junit.jupiter.api.Test;

class VerifiersTest {
  @Test
  void of_twoDifferentVerifiersWithSameNameAndId_throwsAmbiguous() {
    NoteVerifier real = TestKeys.key("log.example", 1).verifier();
    NoteVerifier impostor =
        new NoteVerifier() {
          @Override
          public String name() {
            return real.name();
          }

          @Override
          public int keyId() {
            return real.keyId();
          }

          @Override
          public void verify(byte[] message, byte[] signature) {}

          @Override
          public String verifierKey() {
            return "impostor";
          }
        };
    assertThatThrownBy(() -> Verifiers.of(real, impostor))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ambiguous key log.example+");
  }

  @Test
  void of_sameKeyTwice_keepsOne() {
    SignerKey k = TestKeys.key("log.example", 1);
    Verifiers v = Verifiers.of(k.verifier(), k.verifier());
    assertThat(v.size()).isEqualTo(1);
    assertThat(v.find("log.example", k.keyId())).isPresent();
    assertThat(v.find("log.example", k.keyId() + 1)).isEmpty();
    assertThat(v.find("other", k.keyId())).isEmpty();
  }

  @Test
  void open_signatureWhoseNameMatchesButIdDoesNot_isIgnored() throws Exception {
    SignerKey known = TestKeys.key("log.example", 1);
    SignerKey sameName = TestKeys.key("log.example", 2);
    String note = Note.sign("t\n", sameName);
    assertThatThrownBy(() -> Note.open(note, Verifiers.of(known.verifier())))
        .isInstanceOf(BadSignatureException.class)
        .hasMessageContaining("no signature by a known key");
  }
}
