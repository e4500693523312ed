package org.countersign.treaty.negotiation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import org.countersign.treaty.statement.OpeningCommitment;
import org.countersign.treaty.statement.Proposal;

/**
 * The salted commitment of a sealed opening position.
 *
 * <pre>
 * commitment = SHA-256("countersign/negotiation/opening/v1" || 0x00
 *                      || len(negotiation) || negotiation || len(author) || author
 *                      || salt (32 bytes) || proposalDigest (32 bytes))
 * </pre>
 *
 * <p>Lengths are 32-bit big-endian byte counts of the UTF-8 strings. The salt MUST come from a
 * cryptographically strong generator: the texts a party might propose are few enough to guess, and
 * only the salt keeps the commitment from telling which one it is before the reveal.
 */
public final class OpeningSeal {
  /** The domain separator: no other Countersign hash starts with it. */
  public static final String DOMAIN = "countersign/negotiation/opening/v1";

  private static final HexFormat HEX = HexFormat.of();

  private OpeningSeal() {}

  /** A fresh 32-byte salt, as 64 lowercase hex digits. */
  public static String newSalt(RandomGenerator random) {
    byte[] salt = new byte[32];
    random.nextBytes(salt);
    return HEX.formatHex(salt);
  }

  /**
   * The commitment, as 64 lowercase hex digits.
   *
   * @throws IllegalArgumentException if {@code salt} or {@code proposalDigest} is not 64 hex digits
   */
  public static String commitment(
      String negotiation, String author, String salt, String proposalDigest) {
    byte[] n = negotiation.getBytes(StandardCharsets.UTF_8);
    byte[] a = author.getBytes(StandardCharsets.UTF_8);
    byte[] s = bytes32("salt", salt);
    byte[] d = bytes32("proposalDigest", proposalDigest);
    byte[] domain = DOMAIN.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buf = ByteBuffer.allocate(domain.length + 1 + 4 + n.length + 4 + a.length + 64);
    buf.put(domain).put((byte) 0).putInt(n.length).put(n).putInt(a.length).put(a).put(s).put(d);
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(buf.array()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  /** Whether {@code reveal} (an opening proposal) opens {@code commitment}. */
  public static boolean opens(OpeningCommitment commitment, Proposal reveal) {
    if (!reveal.isOpening()) {
      return false;
    }
    String expected =
        commitment(
            commitment.treaty(),
            commitment.author(),
            reveal.openingSalt(),
            reveal.proposalDigest());
    return MessageDigest.isEqual(HEX.parseHex(expected), HEX.parseHex(commitment.commitment()))
        && commitment.author().equals(reveal.author())
        && commitment.treaty().equals(reveal.treaty());
  }

  private static byte[] bytes32(String field, String hex) {
    if (hex.length() != 64) {
      throw new IllegalArgumentException(field + " must be 64 hex digits, got " + hex.length());
    }
    return HEX.parseHex(hex);
  }
}
