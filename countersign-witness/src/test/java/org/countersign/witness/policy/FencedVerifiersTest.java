package org.countersign.witness.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Random;
import org.countersign.log.BadSignatureException;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.checkpoint.CosignatureSigner;
import org.countersign.log.checkpoint.CosignatureVerifier;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;
import org.junit.jupiter.api.Test;

class FencedVerifiersTest {
  private static final Instant T = Instant.parse("2026-12-07T20:00:00Z");

  /** What a verifier decides: "accepted", or the refusal's message. */
  private static String decision(NoteVerifier v, byte[] message, byte[] signature) {
    try {
      v.verify(message, signature);
      return "accepted";
    } catch (BadSignatureException e) {
      return String.valueOf(e.getMessage());
    }
  }

  @Test
  void cosignature_genuineAndTamperedSignatures_decidesAsTheJdkVerifier() throws Exception {
    Random random = new Random(14);
    int accepted = 0;
    for (int i = 0; i < 200; i++) {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      SignerKey key = SignerKey.fromSeed("witness-" + i + ".example", seed);
      CosignatureSigner signer = new CosignatureSigner(key, InstantSource.fixed(T));
      VerifierKey vkey = VerifierKey.parse(signer.verifierKey());
      CosignatureVerifier jdk = CosignatureVerifier.of(vkey);
      CosignatureVerifier fenced = FencedVerifiers.cosignature(vkey);
      Checkpoint c = new Checkpoint("example.com/log", i + 1L, Hash.sha256(seed));
      String line = signer.cosign(c).line();
      byte[] payload =
          Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1).strip());
      byte[] signature = java.util.Arrays.copyOfRange(payload, 4, payload.length);
      byte[] message = c.body().getBytes(StandardCharsets.UTF_8);
      if (i % 4 == 1) {
        signature[8 + random.nextInt(64)] ^= (byte) (1 << random.nextInt(8)); // the Ed25519 part
      } else if (i % 4 == 2) {
        signature[7] ^= 1; // the timestamp
      } else if (i % 4 == 3) {
        message[random.nextInt(message.length)] ^= 1; // another checkpoint
      }
      String expected = decision(jdk, message, signature);
      assertThat(decision(fenced, message, signature)).isEqualTo(expected);
      if (expected.equals("accepted")) {
        accepted++;
      }
    }
    assertThat(accepted).isEqualTo(50);
  }

  @Test
  void cosignature_aLogKey_refusedAsTheJdkPathRefusesIt() {
    SignerKey key = SignerKey.fromSeed("example.com/log", new byte[32]);
    VerifierKey logKey = key.publicKey();
    assertThatThrownBy(() -> FencedVerifiers.cosignature(logKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type 0x04");
    assertThat(FencedVerifiers.log(logKey).verifierKey()).isEqualTo(logKey.encode());
  }
}
