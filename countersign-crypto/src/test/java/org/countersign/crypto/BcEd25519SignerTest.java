package org.countersign.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.countersign.log.note.SignerKey;
import org.junit.jupiter.api.Test;

class BcEd25519SignerTest {
  @Test
  void sign_manyKeysAndMessages_byteForByteTheJdksSignature() {
    SplittableRandom random = new SplittableRandom(0x5167L);
    for (int k = 0; k < 20; k++) {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      SignerKey jdk = SignerKey.fromSeed("signer.test/k" + k, seed);
      BcEd25519Signer bc = BcEd25519Signer.of(jdk);
      assertThat(bc.name()).isEqualTo(jdk.name());
      assertThat(bc.keyId()).isEqualTo(jdk.keyId());
      for (int i = 0; i < 10; i++) {
        byte[] m = new byte[random.nextInt(0, 500)];
        random.nextBytes(m);
        assertThat(bc.sign(m)).isEqualTo(jdk.sign(m));
      }
    }
  }

  @Test
  void toString_neverShowsTheSecret() {
    SignerKey jdk = SignerKey.fromSeed("signer.test/k", new byte[32]);
    assertThat(BcEd25519Signer.of(jdk).toString()).isEqualTo("BcEd25519Signer[signer.test/k]");
  }
}
