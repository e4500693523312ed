package org.countersign.bench.load;

import java.security.SecureRandom;
import org.countersign.log.note.NoteSigner;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;

/**
 * An Ed25519 note signer on BouncyCastle's RFC 8032 code, for signing many statements quickly
 * before a timed phase. Ed25519 signatures are deterministic, so its signatures are byte-identical
 * to the JDK signer's ({@link SignerKey}); the constructor checks that on one message.
 */
final class BcNoteSigner implements NoteSigner {
  private final SignerKey jdk;
  private final byte[] seed;
  private final byte[] publicKey;

  BcNoteSigner(String name, byte[] seed) {
    this.seed = seed.clone();
    this.jdk = SignerKey.fromSeed(name, seed);
    this.publicKey = jdk.publicKey().keyBytes();
    byte[] probe = "countersign bench probe\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (!java.util.Arrays.equals(sign(probe), jdk.sign(probe))) {
      throw new IllegalStateException("BouncyCastle and the JDK sign differently: bench is void");
    }
  }

  /** A signer for a fresh random key named {@code name}. */
  static BcNoteSigner generate(String name, SecureRandom random) {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return new BcNoteSigner(name, seed);
  }

  @Override
  public String name() {
    return jdk.name();
  }

  @Override
  public int keyId() {
    return jdk.keyId();
  }

  @Override
  public byte[] sign(byte[] message) {
    byte[] sig = new byte[64];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
        seed, 0, publicKey, 0, message, 0, message.length, sig, 0);
    return sig;
  }

  /** The verifier key text, as the party registers it. */
  String verifierKey() {
    return jdk.verifierKey();
  }

  VerifierKey publicKey() {
    return jdk.publicKey();
  }
}
