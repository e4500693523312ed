package org.countersign.witness.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.countersign.log.BadSignatureException;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.checkpoint.CosignatureVerifier;
import org.countersign.log.note.Note;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;
import org.junit.jupiter.api.Test;

/**
 * Real cosignatures by production Armored Witness devices (see {@code
 * src/test/resources/vectors/armored-witness/README.md}) verify with our cosignature verifier, from
 * the witnesses' published identities.
 */
class ArmoredWitnessVectorsTest {
  private static final String DIR = "/vectors/armored-witness/";

  private static String read(String name) throws IOException {
    try (InputStream in = ArmoredWitnessVectorsTest.class.getResourceAsStream(DIR + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static VerifierKey key(String kind, String name) throws Exception {
    for (String line : read("keys.txt").lines().toArray(String[]::new)) {
      if (line.startsWith(kind + " " + name + "+")) {
        return VerifierKey.parse(line.substring(kind.length() + 1));
      }
    }
    throw new AssertionError("no " + kind + " key " + name);
  }

  /** The same Ed25519 key as a cosigner (type 0x04), with its key id recomputed. */
  private static CosignatureVerifier cosigner(VerifierKey published) {
    return CosignatureVerifier.of(
        VerifierKey.of(published.name(), VerifierKey.TYPE_COSIGNATURE_V1, published.keyBytes()));
  }

  @Test
  void weatheredRain_cosignatureOnFirmwareLog_verifies() throws Exception {
    VerifierKey log = key("log", "transparency.dev-aw-ftlog-ci-3");
    CosignatureVerifier witness = cosigner(key("witness", "ArmoredWitness-weathered-rain"));
    assertThat(witness.verifierKey())
        .isEqualTo(
            "ArmoredWitness-weathered-rain+0a78df20+BGLblKp5JuiyrgRh6ev2nNJ5XAd+sc/mM2D2HW/b4d5S");

    VerifiedNote note =
        Note.open(read("ftlog-ci-3-size-59.checkpoint"), Verifiers.of(log.verifier(), witness));

    assertThat(note.verifiedSignatures()).hasSize(2);
    assertThat(witness.cosignatureIn(note).timestamp()).isEqualTo(1729698503L);
    Checkpoint c = Checkpoint.fromNote(note);
    assertThat(c.origin()).isEqualTo("transparency.dev/armored-witness/firmware_transparency/ci/3");
    assertThat(c.size()).isEqualTo(59);
  }

  @Test
  void smallBreeze_cosignatureOnPixelLog_verifiesIgnoringEcdsaLogSignature() throws Exception {
    CosignatureVerifier witness = cosigner(key("witness", "ArmoredWitness-small-breeze"));
    VerifiedNote note = Note.open(read("pixel-size-611.checkpoint"), Verifiers.of(witness));
    assertThat(witness.cosignatureIn(note).timestamp()).isEqualTo(1738713836L);
    assertThat(note.otherSignatures()).hasSize(2);
  }

  @Test
  void publishedCosignature_onAlteredCheckpoint_isRefused() throws Exception {
    CosignatureVerifier witness = cosigner(key("witness", "ArmoredWitness-weathered-rain"));
    for (String altered :
        List.of(
            read("ftlog-ci-3-size-59.checkpoint").replace("\n59\n", "\n60\n"),
            read("ftlog-ci-3-size-59.checkpoint").replace("kOFM", "kOFN"))) {
      assertThatThrownBy(() -> Note.open(altered, Verifiers.of(witness)))
          .isInstanceOf(BadSignatureException.class);
    }
  }

  @Test
  void publishedWitnessKeyAsPlainNoteKey_doesNotVerifyCosignature() throws Exception {
    VerifierKey plain = key("witness", "ArmoredWitness-weathered-rain");
    // The type-0x01 key id (ea3d386d) is not the one on the cosignature line: unknown, ignored.
    assertThatThrownBy(
            () -> Note.open(read("ftlog-ci-3-size-59.checkpoint"), Verifiers.of(plain.verifier())))
        .isInstanceOf(BadSignatureException.class);
  }
}
