package org.countersign.log.note;

import org.countersign.log.BadSignatureException;

/**
 * A trusted public key that checks one kind of note signature.
 *
 * <p>{@link Note#open} selects a verifier by the (name, key id) pair of a signature line and hands
 * it the note text and the signature bytes that follow the key id. A verifier throws rather than
 * returning a boolean, so a forgotten check cannot pass for a successful one.
 */
public interface NoteVerifier {
  /** The key name this verifier answers for. */
  String name();

  /** The key id this verifier answers for. */
  int keyId();

  /**
   * Checks {@code signature} (the signature payload without its key id) over {@code message} (the
   * note text, including its final newline).
   *
   * @throws BadSignatureException if the signature does not verify
   */
  void verify(byte[] message, byte[] signature) throws BadSignatureException;

  /** The verifier key in its text form {@code name+hex8+base64(type || key)}. */
  String verifierKey();
}
