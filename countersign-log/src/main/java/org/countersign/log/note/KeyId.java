package org.countersign.log.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;

/**
 * Key ids: the 32-bit value that binds a signature line to a (name, key) pair.
 *
 * <p>C2SP signed-note (mandatory for Ed25519): {@code key ID = SHA-256(name || 0x0A || type ||
 * public key)[:4]}, big-endian. The type byte takes part in the hash, so one Ed25519 key has
 * different ids as a plain note signer (0x01) and as a checkpoint cosigner (0x04).
 */
public final class KeyId {
  private KeyId() {}

  /** The key id of {@code publicKey} under {@code name} for signature type {@code type}. */
  public static int compute(String name, byte type, byte[] publicKey) {
    MessageDigest d = Hash.newDigest();
    d.update(name.getBytes(StandardCharsets.UTF_8));
    d.update((byte) '\n');
    d.update(type);
    d.update(publicKey);
    byte[] sum = d.digest();
    return ((sum[0] & 0xFF) << 24)
        | ((sum[1] & 0xFF) << 16)
        | ((sum[2] & 0xFF) << 8)
        | (sum[3] & 0xFF);
  }

  /** Eight lowercase hex digits, as in verifier keys. */
  public static String hex(int keyId) {
    return HexFormat.of().toHexDigits(keyId);
  }

  /**
   * Parses exactly eight lowercase hex digits.
   *
   * @throws MalformedInputException naming the value otherwise
   */
  public static int parseHex(String text) throws MalformedInputException {
    if (text.length() != 8
        || !text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new MalformedInputException(
          "key id must be 8 lowercase hex digits, got " + KeyNames.quote(text));
    }
    return (int) Long.parseLong(text, 16);
  }

  /** Reads a big-endian key id from the first four bytes of {@code b}. */
  static int read(byte[] b) {
    return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
  }

  /** Writes {@code keyId} big-endian into {@code target} at {@code offset}. */
  static void write(int keyId, byte[] target, int offset) {
    target[offset] = (byte) (keyId >>> 24);
    target[offset + 1] = (byte) (keyId >>> 16);
    target[offset + 2] = (byte) (keyId >>> 8);
    target[offset + 3] = (byte) keyId;
  }
}
