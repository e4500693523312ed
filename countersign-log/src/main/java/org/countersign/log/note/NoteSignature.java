package org.countersign.log.note;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * One signature line of a note: key name, key id and the signature bytes that follow the key id.
 *
 * <p>A final class rather than a record so that the bytes are copied in and out and compared by
 * content. Whether the signature was checked depends on where the instance came from: see {@link
 * VerifiedNote}.
 */
public final class NoteSignature {
  private final String name;
  private final int keyId;
  private final byte[] signature;

  /**
   * @throws IllegalArgumentException if {@code name} is not a valid key name or {@code signature}
   *     is empty
   */
  public NoteSignature(String name, int keyId, byte[] signature) {
    this.name = KeyNames.requireValid(name);
    if (signature.length == 0) {
      throw new IllegalArgumentException(
          "a note signature needs at least one byte after the key id");
    }
    this.keyId = keyId;
    this.signature = signature.clone();
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  /** A copy of the signature bytes, without the key id. */
  public byte[] signature() {
    return signature.clone();
  }

  /** {@code name+hex8}, the short form used in messages. */
  public String id() {
    return name + "+" + KeyId.hex(keyId);
  }

  /** The base64 of key id || signature, as written on the line. */
  public String base64() {
    byte[] payload = new byte[4 + signature.length];
    KeyId.write(keyId, payload, 0);
    System.arraycopy(signature, 0, payload, 4, signature.length);
    return StrictBase64.encode(payload);
  }

  /** The signature line, {@code "— name base64\n"}. */
  public String line() {
    return Note.SIGNATURE_PREFIX + name + " " + base64() + "\n";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteSignature s
        && keyId == s.keyId
        && name.equals(s.name)
        && MessageDigest.isEqual(signature, s.signature);
  }

  @Override
  public int hashCode() {
    return (name.hashCode() * 31 + keyId) * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return line().strip();
  }
}
