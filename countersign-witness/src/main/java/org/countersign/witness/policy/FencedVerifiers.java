package org.countersign.witness.policy;

import org.countersign.crypto.BcEd25519NoteVerifier;
import org.countersign.log.checkpoint.CosignatureVerifier;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.VerifierKey;

/**
 * Verifiers for a policy's log and witness keys that decide exactly as the JDK's Ed25519 does, at
 * BouncyCastle's speed ({@link BcEd25519NoteVerifier}, the fenced verifier the server and the
 * witness already use). A log server checks every cosignature of every round twice (once as it
 * arrives, once when the policy judges the merged note), on the round's own critical path: with the
 * JDK that was a tenth of the server's CPU at 1,000 statements/s (issue 14, item 2).
 */
public final class FencedVerifiers {
  private FencedVerifiers() {}

  /** A verifier for a log's Ed25519 (type 0x01) key. */
  public static NoteVerifier log(VerifierKey key) {
    return BcEd25519NoteVerifier.forKey(key);
  }

  /**
   * A verifier for a witness's cosignature (type 0x04) key.
   *
   * @throws IllegalArgumentException if the key is of another type or the JDK refuses it
   */
  public static CosignatureVerifier cosignature(VerifierKey key) {
    if (key.type() != VerifierKey.TYPE_COSIGNATURE_V1) {
      return CosignatureVerifier.of(key); // throws with its own message
    }
    return CosignatureVerifier.of(
        key, BcEd25519NoteVerifier.forKey(VerifierKey.ed25519(key.name(), key.keyBytes())));
  }
}
