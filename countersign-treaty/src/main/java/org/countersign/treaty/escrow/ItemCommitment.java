package org.countersign.treaty.escrow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.countersign.log.Hash;

/**
 * The salted commitment to one item:
 *
 * <pre>
 *   commitment = SHA-256("countersign/escrow/item/v1" || 0x00 || salt[32] || canonicalBytes(item))
 * </pre>
 *
 * <p>Hiding: the 256-bit salt is fresh, secret and uniformly random per item, so the commitment
 * says nothing about the item (not even whether two declarations hold the same item). Binding: the
 * item encoding is injective and the salt has a fixed length, so opening a commitment to two
 * different items needs a SHA-256 collision. The tag, terminated by {@code 0x00}, separates these
 * hashes from every other SHA-256 use in Countersign (each tag is NUL-terminated, so no tag is a
 * prefix of another's input). The commitment becomes an RFC 6962 leaf, {@code SHA-256(0x00 ||
 * commitment)}, so it cannot be mistaken for an inner node either.
 */
public final class ItemCommitment {
  /** The domain tag, including its terminating NUL. */
  static final byte[] DOMAIN = "countersign/escrow/item/v1\0".getBytes(StandardCharsets.US_ASCII);

  /** Length of a salt in bytes (256 bits). */
  public static final int SALT_LENGTH = 32;

  private ItemCommitment() {}

  /**
   * The commitment to {@code item} under {@code salt}.
   *
   * @throws IllegalArgumentException if the salt is not exactly 32 bytes
   */
  public static Hash of(EscrowItem item, byte[] salt) {
    if (salt.length != SALT_LENGTH) {
      throw new IllegalArgumentException(
          "an item salt is " + SALT_LENGTH + " bytes, got " + salt.length);
    }
    byte[] out = new byte[Hash.SIZE];
    compute(Hash.newDigest(), salt, 0, item.canonicalBytes(), out, 0);
    return Hash.of(out);
  }

  /**
   * The allocation-light form used when committing a whole declaration: reads the salt at {@code
   * saltOffset} and writes the commitment at {@code outOffset}.
   */
  static void compute(
      MessageDigest md, byte[] salts, int saltOffset, byte[] itemBytes, byte[] out, int outOffset) {
    md.update(DOMAIN);
    md.update(salts, saltOffset, SALT_LENGTH);
    md.update(itemBytes);
    try {
      md.digest(out, outOffset, Hash.SIZE);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("SHA-256 refused a 32-byte output buffer", e);
    }
  }
}
