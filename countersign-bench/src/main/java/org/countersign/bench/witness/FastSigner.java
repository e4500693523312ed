package org.countersign.bench.witness;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.countersign.log.note.NoteSigner;
import org.countersign.log.note.SignerKey;

/**
 * An Ed25519 note signer on BouncyCastle, several times faster than the JDK's, so that preparing a
 * load does not take longer than running it. Ed25519 signatures are deterministic: the constructor
 * checks that both sign a probe identically, so nothing the witness sees changes.
 */
final class FastSigner implements NoteSigner {
  private final SignerKey key;
  private final byte[] seed;
  private final byte[] publicKey;

  FastSigner(String name, byte[] seed) {
    this.key = SignerKey.fromSeed(name, seed);
    this.seed = seed.clone();
    this.publicKey = key.publicKey().keyBytes();
    byte[] probe = ("probe " + name).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(sign(probe), key.sign(probe))) {
      throw new IllegalStateException("BouncyCastle and the JDK disagree on Ed25519 signatures");
    }
  }

  @Override
  public String name() {
    return key.name();
  }

  @Override
  public int keyId() {
    return key.keyId();
  }

  @Override
  public byte[] sign(byte[] message) {
    byte[] signature = new byte[64];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
        seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
    return signature;
  }

  /** The verifier key, {@code name+hex8+base64}. */
  String verifierKey() {
    return key.verifierKey();
  }
}
