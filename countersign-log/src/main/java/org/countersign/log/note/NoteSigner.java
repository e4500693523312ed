package org.countersign.log.note;

/**
 * Something that can add one signature line to a note: a key name, a key id and one action.
 *
 * <p>Implementations MUST return the signature payload without the key id; {@link Note#sign}
 * prepends the four key-id bytes itself. For plain Ed25519 the payload is the 64-byte RFC 8032
 * signature of the message; other signature types (such as the timestamped {@code cosignature/v1})
 * define their own payload over the same message.
 */
public interface NoteSigner {
  /** The key name written on the signature line; MUST be a valid name (see {@link KeyNames}). */
  String name();

  /** The 32-bit key id written as the first four bytes of the signature payload. */
  int keyId();

  /**
   * Signs {@code message}, the complete note text including its final newline.
   *
   * @return the signature bytes, without the key id
   */
  byte[] sign(byte[] message);
}
