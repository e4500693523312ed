package org.countersign.log.note;

import java.security.PublicKey;
import org.countersign.log.BadSignatureException;

/** Checks signed-note signatures of type 0x01: Ed25519 over the note text. */
final class Ed25519NoteVerifier implements NoteVerifier {
  private final VerifierKey key;
  private final PublicKey publicKey;
  private final String id;

  Ed25519NoteVerifier(VerifierKey key, PublicKey publicKey) {
    this.key = key;
    this.publicKey = publicKey;
    this.id = key.id();
  }

  @Override
  public String name() {
    return key.name();
  }

  @Override
  public int keyId() {
    return key.keyId();
  }

  @Override
  public void verify(byte[] message, byte[] signature) throws BadSignatureException {
    Ed25519.verify(publicKey, message, signature, id);
  }

  @Override
  public String verifierKey() {
    return key.encode();
  }

  @Override
  public String toString() {
    return "Ed25519NoteVerifier[" + id + "]";
  }
}
