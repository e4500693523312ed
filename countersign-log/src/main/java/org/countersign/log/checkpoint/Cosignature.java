package org.countersign.log.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.Ed25519;
import org.countersign.log.note.KeyNames;
import org.countersign.log.note.NoteSignature;

/**
 * An Ed25519 checkpoint cosignature (C2SP tlog-cosignature v1.0.1, signature type 0x04).
 *
 * <p>On a note's signature line the payload is {@code key id[4] || timestamp[8, big-endian] ||
 * Ed25519 signature[64]}: 76 bytes. The signature covers {@link #signedMessage}: {@code
 * "cosignature/v1\ntime <timestamp>\n"} followed by the whole checkpoint body. Its meaning: as of
 * {@code timestamp} (POSIX seconds), the largest tree consistent with this one that the cosigner
 * has seen for the origin has this root. It says nothing about extension lines.
 *
 * <p>An instance is only a decoded value; whether it verifies is decided by {@link
 * CosignatureVerifier}.
 */
public final class Cosignature {
  /** Bytes after the key id: timestamp and signature. */
  public static final int PAYLOAD_SIZE = 8 + Ed25519.SIGNATURE_SIZE;

  private final String name;
  private final int keyId;
  private final long timestamp;
  private final byte[] signature;

  /**
   * @throws IllegalArgumentException for an invalid name, a negative timestamp (the spec caps
   *     timestamps at 2^63 - 1) or a signature that is not 64 bytes
   */
  public Cosignature(String name, int keyId, long timestamp, byte[] signature) {
    this.name = KeyNames.requireValid(name);
    if (timestamp < 0) {
      throw new IllegalArgumentException(
          "cosignature timestamp must be in [0, 2^63-1], got " + Long.toUnsignedString(timestamp));
    }
    if (signature.length != Ed25519.SIGNATURE_SIZE) {
      throw new IllegalArgumentException(
          "a cosignature's Ed25519 signature is 64 bytes, got " + signature.length);
    }
    this.keyId = keyId;
    this.timestamp = timestamp;
    this.signature = signature.clone();
  }

  /**
   * Decodes the payload of a note signature line.
   *
   * @throws MalformedInputException if the payload is not 72 bytes or the timestamp exceeds 2^63-1
   */
  public static Cosignature fromNoteSignature(NoteSignature s) throws MalformedInputException {
    byte[] payload = s.signature();
    if (payload.length != PAYLOAD_SIZE) {
      throw new MalformedInputException(
          "cosignature by "
              + s.id()
              + " has "
              + (payload.length + 4)
              + " bytes, a cosignature/v1 line has 76");
    }
    long t = readTimestamp(payload);
    if (t < 0) {
      throw new MalformedInputException(
          "cosignature by "
              + s.id()
              + " has timestamp "
              + Long.toUnsignedString(t)
              + ", over 2^63-1");
    }
    return new Cosignature(s.name(), s.keyId(), t, Arrays.copyOfRange(payload, 8, PAYLOAD_SIZE));
  }

  /** The exact bytes a cosigner signs for {@code checkpointBody} at {@code timestamp}. */
  public static byte[] signedMessage(long timestamp, String checkpointBody) {
    if (timestamp < 0) {
      throw new IllegalArgumentException("cosignature timestamp must be >= 0, got " + timestamp);
    }
    return ("cosignature/v1\ntime " + timestamp + "\n" + checkpointBody)
        .getBytes(StandardCharsets.UTF_8);
  }

  static long readTimestamp(byte[] payload) {
    long t = 0;
    for (int i = 0; i < 8; i++) {
      t = (t << 8) | (payload[i] & 0xFF);
    }
    return t;
  }

  /** {@code timestamp[8] || signature[64]}: the payload after the key id. */
  static byte[] payload(long timestamp, byte[] signature) {
    byte[] p = new byte[PAYLOAD_SIZE];
    for (int i = 0; i < 8; i++) {
      p[i] = (byte) (timestamp >>> (56 - 8 * i));
    }
    System.arraycopy(signature, 0, p, 8, Ed25519.SIGNATURE_SIZE);
    return p;
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  /** POSIX seconds at which the cosigner made its statement. */
  public long timestamp() {
    return timestamp;
  }

  /** A copy of the 64-byte Ed25519 signature. */
  public byte[] signature() {
    return signature.clone();
  }

  /** As a note signature (payload {@code timestamp || signature}). */
  public NoteSignature toNoteSignature() {
    return new NoteSignature(name, keyId, payload(timestamp, signature));
  }

  /** The signature line {@code "— name base64(key id || timestamp || signature)\n"}. */
  public String line() {
    return toNoteSignature().line();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cosignature c
        && keyId == c.keyId
        && timestamp == c.timestamp
        && name.equals(c.name)
        && MessageDigest.isEqual(signature, c.signature);
  }

  @Override
  public int hashCode() {
    return (name.hashCode() * 31 + keyId) * 31 + Long.hashCode(timestamp);
  }

  @Override
  public String toString() {
    return line().strip();
  }
}
