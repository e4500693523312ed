package org.countersign.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A SHA-256 value: exactly 32 bytes, immutable.
 *
 * <p>A final class rather than a record because a record over {@code byte[]} would compare by
 * identity and leak its array. Input is copied, output is copied, and {@link #equals} runs in
 * constant time so that comparing a computed root against an expected one leaks nothing.
 */
public final class Hash implements Comparable<Hash> {
  /** The size of a hash in bytes. */
  public static final int SIZE = 32;

  /** SHA-256 of the empty string: the root of the empty tree (RFC 6962 §2.1). */
  public static final Hash EMPTY = sha256(new byte[0]);

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps a copy of {@code bytes}.
   *
   * @throws IllegalArgumentException if {@code bytes} is not exactly 32 bytes long
   */
  public static Hash of(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("a hash is 32 bytes, got " + bytes.length);
    }
    return new Hash(bytes.clone());
  }

  /** Reads 32 bytes of {@code source} starting at {@code offset}. */
  public static Hash of(byte[] source, int offset) {
    if (offset < 0 || source.length - offset < SIZE) {
      throw new IllegalArgumentException(
          "need 32 bytes at offset " + offset + ", have " + (source.length - offset));
    }
    return new Hash(Arrays.copyOfRange(source, offset, offset + SIZE));
  }

  /** Takes ownership of an array that no one else holds (internal fast path: no copy). */
  static Hash wrapUnsafe(byte[] owned) {
    if (owned.length != SIZE) {
      throw new IllegalArgumentException("a hash is 32 bytes, got " + owned.length);
    }
    return new Hash(owned);
  }

  /**
   * Parses standard base64 (RFC 4648 §4, with padding) of exactly 32 bytes, canonical only.
   *
   * @throws MalformedInputException if the text is not the canonical base64 of 32 bytes
   */
  public static Hash fromBase64(String text) throws MalformedInputException {
    if (text.length() != 44) {
      throw new MalformedInputException(
          "a base64 hash is 44 characters, got " + text.length() + ": " + abbreviate(text));
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedInputException("not base64: " + abbreviate(text));
    }
    if (raw.length != SIZE) {
      // 44 characters without padding decode to 33 bytes: refuse rather than build a bad Hash.
      throw new MalformedInputException(
          "a base64 hash decodes to 32 bytes, got " + raw.length + ": " + abbreviate(text));
    }
    Hash h = new Hash(raw);
    if (!h.base64().equals(text)) {
      // Non-zero padding bits would give a second spelling of the same hash.
      throw new MalformedInputException("non-canonical base64 hash: " + text);
    }
    return h;
  }

  /**
   * Parses 64 lowercase hex digits.
   *
   * @throws MalformedInputException if the text is not 64 lowercase hex digits
   */
  public static Hash fromHex(String text) throws MalformedInputException {
    if (text.length() != 64
        || !text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new MalformedInputException(
          "a hex hash is 64 lowercase hex digits: " + abbreviate(text));
    }
    return new Hash(HexFormat.of().parseHex(text));
  }

  /** SHA-256 of {@code data}. */
  public static Hash sha256(byte[] data) {
    return new Hash(newDigest().digest(data));
  }

  /**
   * Completes {@code digest} and wraps its output without a copy: the array that {@link
   * MessageDigest#digest()} returns is fresh and held by no one else. The hot path of Merkle
   * hashing uses this to avoid one allocation and copy per node.
   *
   * @throws IllegalArgumentException if the digest does not produce 32 bytes
   */
  public static Hash fromDigest(MessageDigest digest) {
    return wrapUnsafe(digest.digest());
  }

  // Never updated: only cloned. A clone skips the provider lookup of getInstance, which request
  // handlers paid per call, since each runs on a fresh virtual thread (issue 14). In a holder, as
  // this class's own constants hash with it while it is being initialised.
  private static final class Sha256 {
    static final MessageDigest PROTOTYPE = lookUpDigest();
  }

  /** A fresh SHA-256 digest; SHA-256 is required of every JDK, so absence is a broken runtime. */
  public static MessageDigest newDigest() {
    try {
      return (MessageDigest) Sha256.PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return lookUpDigest();
    }
  }

  private static MessageDigest lookUpDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Feeds the 32 bytes to {@code digest} without copying them. */
  public void updateDigest(MessageDigest digest) {
    digest.update(bytes);
  }

  /** Copies the 32 bytes into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, SIZE);
  }

  /** Standard base64 with padding, as in checkpoints and proof files. */
  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Lowercase hex. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(Hash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  /** Base64, as the value appears in checkpoints. */
  @Override
  public String toString() {
    return base64();
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? "\"" + s + "\"" : "\"" + s.substring(0, 77) + "...\"";
  }
}
