package org.countersign.treaty.inspection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import org.countersign.log.Hash;
import org.countersign.treaty.statement.RandomnessCommit;
import org.countersign.treaty.statement.RandomnessReveal;

/**
 * A side's secret random value for a joint draw, and its hash commitment:
 *
 * <pre>
 *   commitment = SHA-256("countersign/inspection/randomness/v1" || 0x00
 *                        || u32 len || requestId || u32 len || author || value[32])
 * </pre>
 *
 * <p>The commitment binds the value (SHA-256 preimage and collision resistance) and hides it (the
 * value has 256 bits of entropy). Binding the request id and the author into the hash means a side
 * cannot copy the other side's commitment, nor reuse one from an earlier request.
 */
public final class RandomnessCommitments {
  static final byte[] DOMAIN =
      "countersign/inspection/randomness/v1\0".getBytes(StandardCharsets.US_ASCII);

  /** Length of a random value in bytes. */
  public static final int VALUE_LENGTH = 32;

  private RandomnessCommitments() {}

  /**
   * A fresh secret value. {@code random} MUST be a {@link java.security.SecureRandom} in
   * production: a predictable value lets the other side steer the draw.
   */
  public static byte[] newValue(RandomGenerator random) {
    byte[] v = new byte[VALUE_LENGTH];
    random.nextBytes(v);
    return v;
  }

  /**
   * The commitment to {@code value} by {@code author} for {@code requestId}.
   *
   * @throws IllegalArgumentException unless the value is 32 bytes
   */
  public static Hash commitment(String requestId, String author, byte[] value) {
    if (value.length != VALUE_LENGTH) {
      throw new IllegalArgumentException(
          "a random value is " + VALUE_LENGTH + " bytes, got " + value.length);
    }
    MessageDigest md = Hash.newDigest();
    md.update(DOMAIN);
    putString(md, requestId);
    putString(md, author);
    md.update(value);
    return Hash.of(md.digest());
  }

  /** The commit statement for {@code value}. */
  public static RandomnessCommit commit(
      String treaty, String author, Instant issuedAt, String requestId, byte[] value) {
    return new RandomnessCommit(
        treaty, author, issuedAt, requestId, commitment(requestId, author, value).hex());
  }

  /** The reveal statement for {@code value}. */
  public static RandomnessReveal reveal(
      String treaty, String author, Instant issuedAt, String requestId, byte[] value) {
    if (value.length != VALUE_LENGTH) {
      throw new IllegalArgumentException(
          "a random value is " + VALUE_LENGTH + " bytes, got " + value.length);
    }
    return new RandomnessReveal(
        treaty, author, issuedAt, requestId, HexFormat.of().formatHex(value));
  }

  static void putString(MessageDigest md, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    md.update((byte) (b.length >>> 24));
    md.update((byte) (b.length >>> 16));
    md.update((byte) (b.length >>> 8));
    md.update((byte) b.length);
    md.update(b);
  }
}
