package org.countersign.log.note;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import org.countersign.log.MalformedInputException;

/**
 * An Ed25519 signer key: a key name and a 32-byte secret seed, in Go's text form {@code
 * PRIVATE+KEY+<name>+<hex8 key id>+<base64(0x01 || seed)>}.
 *
 * <p>Security guarantees: the seed never leaves this object except through {@link #encodeSecret()},
 * whose name is meant to stand out in review; {@link #toString()} prints only the name and key id.
 * {@link #parse} checks that the key id matches the public key derived from the seed, so a key file
 * that was edited or mixed up fails at load time rather than producing signatures that no one can
 * verify.
 *
 * <p>As a {@link NoteSigner} it makes plain signed-note signatures (type 0x01). The same key can
 * cosign checkpoints through {@code org.countersign.log.checkpoint.CosignatureSigner}, which
 * derives the separate type-0x04 key id.
 */
public final class SignerKey implements NoteSigner {
  private static final String PREFIX = "PRIVATE+KEY+";

  private final String name;
  private final byte[] seed;
  private final byte[] publicKey;
  private final int keyId;
  private final PrivateKey privateKey;

  private SignerKey(String name, byte[] seed) {
    this.name = name;
    this.seed = seed;
    this.publicKey = Ed25519.publicKeyOf(seed);
    this.keyId = KeyId.compute(name, VerifierKey.TYPE_ED25519, publicKey);
    this.privateKey = Ed25519.privateKey(seed);
  }

  /**
   * A new key named {@code name} with a seed drawn from {@code random}.
   *
   * @throws IllegalArgumentException if {@code name} is not a valid key name
   */
  public static SignerKey generate(String name, SecureRandom random) {
    KeyNames.requireValid(name);
    byte[] seed = new byte[Ed25519.KEY_SIZE];
    random.nextBytes(seed);
    return new SignerKey(name, seed);
  }

  /**
   * The key for a known 32-byte seed: for deterministic test keys and key import. Treat {@code
   * seed} as secret.
   */
  public static SignerKey fromSeed(String name, byte[] seed) {
    KeyNames.requireValid(name);
    if (seed.length != Ed25519.KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, got " + seed.length);
    }
    return new SignerKey(name, seed.clone());
  }

  /**
   * Parses the text form. Messages never include the secret part of the input.
   *
   * @throws MalformedInputException naming the problem: wrong prefix, bad name, key id or base64,
   *     unsupported type, wrong seed length, or a key id that does not match the key
   */
  public static SignerKey parse(String skey) throws MalformedInputException {
    if (!skey.startsWith(PREFIX)) {
      throw new MalformedInputException("signer key must start with PRIVATE+KEY+");
    }
    if (skey.length() > VerifierKey.MAX_LENGTH) {
      throw new MalformedInputException(
          "signer key is " + skey.length() + " characters, over the cap");
    }
    String rest = skey.substring(PREFIX.length());
    int first = rest.indexOf('+');
    int second = first < 0 ? -1 : rest.indexOf('+', first + 1);
    if (second < 0) {
      throw new MalformedInputException("signer key must look like PRIVATE+KEY+name+hex8+base64");
    }
    String name = rest.substring(0, first);
    String problem = KeyNames.problem(name);
    if (problem != null) {
      throw new MalformedInputException("signer key: " + problem);
    }
    int claimedId = KeyId.parseHex(rest.substring(first + 1, second));
    byte[] typed;
    try {
      typed = StrictBase64.decode(rest.substring(second + 1), "signer key material");
    } catch (MalformedInputException e) {
      // The generic message would quote the secret.
      throw new MalformedInputException(
          "signer key " + name + ": key material is not canonical base64");
    }
    try {
      if (typed[0] != VerifierKey.TYPE_ED25519) {
        throw new MalformedInputException(
            String.format(
                "signer key %s: unsupported signature type 0x%02x (only 0x01 Ed25519)",
                name, typed[0]));
      }
      if (typed.length != 1 + Ed25519.KEY_SIZE) {
        throw new MalformedInputException(
            "signer key " + name + ": an Ed25519 seed is 32 bytes, got " + (typed.length - 1));
      }
      SignerKey key = new SignerKey(name, Arrays.copyOfRange(typed, 1, typed.length));
      if (key.keyId != claimedId) {
        throw new MalformedInputException(
            "signer key "
                + name
                + ": key id "
                + KeyId.hex(claimedId)
                + " does not match the key, which hashes to "
                + KeyId.hex(key.keyId));
      }
      return key;
    } finally {
      Arrays.fill(typed, (byte) 0);
    }
  }

  @Override
  public String name() {
    return name;
  }

  /** The key id of the Ed25519 (type 0x01) public key. */
  @Override
  public int keyId() {
    return keyId;
  }

  /** The 64-byte Ed25519 signature of {@code message}. */
  @Override
  public byte[] sign(byte[] message) {
    return Ed25519.sign(privateKey, message);
  }

  /** The public half as a typed verifier key (type 0x01). */
  public VerifierKey publicKey() {
    return VerifierKey.ed25519(name, publicKey);
  }

  /** The verifier key text {@code name+hex8+base64(0x01 || public key)}. */
  public String verifierKey() {
    return publicKey().encode();
  }

  /** A verifier for the signatures this key makes. */
  public NoteVerifier verifier() {
    return publicKey().verifier();
  }

  /**
   * The SECRET text form {@code PRIVATE+KEY+name+hex8+base64(0x01 || seed)}, as Go's {@code
   * note.GenerateKey} writes it. Whoever holds this string can sign as this key: write it only to a
   * file readable by its owner alone.
   */
  public String encodeSecret() {
    byte[] typed = new byte[1 + Ed25519.KEY_SIZE];
    typed[0] = VerifierKey.TYPE_ED25519;
    System.arraycopy(seed, 0, typed, 1, Ed25519.KEY_SIZE);
    try {
      return PREFIX + name + "+" + KeyId.hex(keyId) + "+" + StrictBase64.encode(typed);
    } finally {
      Arrays.fill(typed, (byte) 0);
    }
  }

  /** Name and key id only: never the secret. */
  @Override
  public String toString() {
    return "SignerKey[" + name + "+" + KeyId.hex(keyId) + ", secret redacted]";
  }
}
