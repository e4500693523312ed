package org.countersign.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.countersign.log.note.NoteSigner;
import org.countersign.log.note.SignerKey;

/**
 * Signs as a {@link SignerKey} does, with BouncyCastle's RFC 8032 code: about thirty times the
 * JDK's rate on the reference machine (see {@code docs/benchmarks.md}). Ed25519 signing is
 * deterministic, so the signatures are byte for byte the JDK's; {@link #of} checks that on a probe
 * message before handing the signer out.
 *
 * <p>Holds the key's seed: treat it as the key itself. Thread-safe and immutable.
 */
public final class BcEd25519Signer implements NoteSigner {
  private static final byte[] PROBE =
      "countersign: BouncyCastle and the JDK must sign alike\n".getBytes(StandardCharsets.UTF_8);

  private final String name;
  private final int keyId;
  private final byte[] seed;
  private final byte[] publicKey;

  private BcEd25519Signer(SignerKey key, byte[] seed) {
    this.name = key.name();
    this.keyId = key.keyId();
    this.seed = seed;
    this.publicKey = key.publicKey().keyBytes();
  }

  /**
   * A fast signer for {@code key}.
   *
   * @throws IllegalStateException if BouncyCastle derives another public key from the seed, or
   *     signs the probe differently from the JDK (then nothing may be signed with it)
   */
  public static BcEd25519Signer of(SignerKey key) {
    BcEd25519Signer signer = new BcEd25519Signer(key, seedOf(key));
    byte[] derived = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(signer.seed, 0, derived, 0);
    if (!Arrays.equals(derived, signer.publicKey)
        || !Arrays.equals(signer.sign(PROBE), key.sign(PROBE))) {
      throw new IllegalStateException(
          "BouncyCastle and the JDK disagree on key " + key.name() + ": refusing to sign");
    }
    return signer;
  }

  // The seed is reachable only through the key's secret text form, PRIVATE+KEY+name+hex8+base64;
  // names never hold '+', base64 may.
  private static byte[] seedOf(SignerKey key) {
    String[] parts = key.encodeSecret().split("\\+", 5);
    byte[] typed = Base64.getDecoder().decode(parts[4]);
    try {
      return Arrays.copyOfRange(typed, 1, typed.length);
    } finally {
      Arrays.fill(typed, (byte) 0);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int keyId() {
    return keyId;
  }

  /** The 64-byte Ed25519 signature of {@code message}. */
  @Override
  public byte[] sign(byte[] message) {
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
    return signature;
  }

  /** Name and key id only: never the secret. */
  @Override
  public String toString() {
    return "BcEd25519Signer[" + name + "]";
  }
}
