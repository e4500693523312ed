package org.countersign.log.note;

import java.security.MessageDigest;
import java.util.Arrays;
import org.countersign.log.MalformedInputException;
import org.jspecify.annotations.Nullable;

/**
 * A verifier key ("vkey"): {@code <name>+<hex8 key id>+<base64(type byte || public key)>}.
 *
 * <p>Security guarantees: an instance always has a valid name, a known signature type with a public
 * key of the right length, and a key id that matches {@code SHA-256(name || 0x0A || type ||
 * key)[:4]}. {@link #parse} refuses everything else, including non-canonical base64 and uppercase
 * hex, so every accepted vkey has exactly one spelling and {@code parse(s).encode().equals(s)}.
 *
 * <p>Known types: {@link #TYPE_ED25519} (0x01, signed-note Ed25519) and {@link
 * #TYPE_COSIGNATURE_V1} (0x04, tlog-cosignature timestamped Ed25519). Only Ed25519 keys produce a
 * {@link #verifier()} here; cosignature keys are checked by {@code
 * org.countersign.log.checkpoint.CosignatureVerifier}, which knows the cosigned message format.
 */
public final class VerifierKey {
  /** Signature type 0x01: Ed25519 over the note text. */
  public static final byte TYPE_ED25519 = 0x01;

  /** Signature type 0x04: timestamped Ed25519 checkpoint cosignature (cosignature/v1). */
  public static final byte TYPE_COSIGNATURE_V1 = 0x04;

  /** Upper bound on the text form, far above any known key type. */
  public static final int MAX_LENGTH = 4096;

  private final String name;
  private final int keyId;
  private final byte type;
  private final byte[] key;

  private VerifierKey(String name, int keyId, byte type, byte[] key) {
    this.name = name;
    this.keyId = keyId;
    this.type = type;
    this.key = key;
  }

  /**
   * The key of type {@code type} for a raw public key, with its key id computed.
   *
   * @throws IllegalArgumentException for an invalid name, unknown type or wrong key length
   */
  public static VerifierKey of(String name, byte type, byte[] publicKey) {
    KeyNames.requireValid(name);
    String problem = keyProblem(type, publicKey.length);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    byte[] copy = publicKey.clone();
    return new VerifierKey(name, KeyId.compute(name, type, copy), type, copy);
  }

  /** The Ed25519 (type 0x01) verifier key for a raw 32-byte public key. */
  public static VerifierKey ed25519(String name, byte[] publicKey) {
    return of(name, TYPE_ED25519, publicKey);
  }

  /**
   * Parses a vkey. The name is everything before the first {@code +}, the key id the next eight
   * characters; the base64 part may itself contain {@code +}.
   *
   * @throws MalformedInputException naming the problem: bad name, key id or base64, unknown type,
   *     wrong key length, or a key id that does not match the key
   */
  public static VerifierKey parse(String vkey) throws MalformedInputException {
    if (vkey.length() > MAX_LENGTH) {
      throw new MalformedInputException(
          "verifier key is " + vkey.length() + " characters, over the cap of " + MAX_LENGTH);
    }
    int first = vkey.indexOf('+');
    int second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
    if (second < 0) {
      throw new MalformedInputException(
          "verifier key must look like name+hex8+base64, got " + KeyNames.quote(vkey));
    }
    String name = vkey.substring(0, first);
    String problem = KeyNames.problem(name);
    if (problem != null) {
      throw new MalformedInputException("verifier key: " + problem);
    }
    int claimedId = KeyId.parseHex(vkey.substring(first + 1, second));
    byte[] typed = StrictBase64.decode(vkey.substring(second + 1), "verifier key material");
    byte type = typed[0];
    byte[] key = Arrays.copyOfRange(typed, 1, typed.length);
    problem = keyProblem(type, key.length);
    if (problem != null) {
      throw new MalformedInputException("verifier key " + name + ": " + problem);
    }
    int actualId = KeyId.compute(name, type, key);
    if (actualId != claimedId) {
      throw new MalformedInputException(
          "verifier key "
              + name
              + ": key id "
              + KeyId.hex(claimedId)
              + " does not match the key, which hashes to "
              + KeyId.hex(actualId));
    }
    return new VerifierKey(name, claimedId, type, key);
  }

  private static @Nullable String keyProblem(byte type, int length) {
    if (type != TYPE_ED25519 && type != TYPE_COSIGNATURE_V1) {
      return String.format(
          "unknown signature type 0x%02x (known: 0x01 Ed25519, 0x04 cosignature/v1)", type);
    }
    if (length != Ed25519.KEY_SIZE) {
      return String.format(
          "type 0x%02x needs a 32-byte Ed25519 public key, got %d bytes", type, length);
    }
    return null;
  }

  /** The key name. */
  public String name() {
    return name;
  }

  /** The key id. */
  public int keyId() {
    return keyId;
  }

  /** The signature type byte. */
  public byte type() {
    return type;
  }

  /** A copy of the raw public key, without the type byte. */
  public byte[] keyBytes() {
    return key.clone();
  }

  /** {@code name+hex8}, the short form used in messages. */
  public String id() {
    return name + "+" + KeyId.hex(keyId);
  }

  /**
   * A verifier for Ed25519 (type 0x01) keys.
   *
   * @throws IllegalStateException for any other type, whose signatures need their own verifier
   * @throws IllegalArgumentException if the JDK refuses the public key encoding
   */
  public NoteVerifier verifier() {
    if (type != TYPE_ED25519) {
      throw new IllegalStateException(
          String.format(
              "%s is a type 0x%02x key, not a plain Ed25519 note key; use the verifier for its type",
              id(), type));
    }
    try {
      return new Ed25519NoteVerifier(this, Ed25519.publicKey(key));
    } catch (MalformedInputException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The text form {@code name+hex8+base64(type || key)}. */
  public String encode() {
    byte[] typed = new byte[key.length + 1];
    typed[0] = type;
    System.arraycopy(key, 0, typed, 1, key.length);
    return name + "+" + KeyId.hex(keyId) + "+" + StrictBase64.encode(typed);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifierKey v
        && type == v.type
        && keyId == v.keyId
        && name.equals(v.name)
        && MessageDigest.isEqual(key, v.key);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + keyId;
  }

  /** The text form, as {@link #encode()}: a verifier key is public. */
  @Override
  public String toString() {
    return encode();
  }
}
