package org.countersign.cli.verify;

import java.nio.charset.StandardCharsets;
import org.countersign.log.BadSignatureException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.note.Note;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;

/**
 * The verifier key of a log that an observer trusts, and the one way to turn a checkpoint note into
 * a {@link VerifiedCheckpoint}: signed by this key, and naming the key's name as its origin.
 *
 * <p>Countersign logs name their key after their origin (C2SP tlog-checkpoint: the key name SHOULD
 * equal the origin), so the key alone pins which log a checkpoint speaks for: a checkpoint the same
 * key signed for another origin is refused, not quietly accepted.
 */
public final class LogKey {
  private final VerifierKey key;
  private final NoteVerifier verifier;

  private LogKey(VerifierKey key) {
    this.key = key;
    this.verifier = key.verifier();
  }

  /**
   * Parses a log verifier key ({@code name+hex8+base64}); the log signs with Ed25519 (type 0x01).
   *
   * @throws MalformedInputException if the text is not an Ed25519 verifier key
   */
  public static LogKey parse(String vkey) throws MalformedInputException {
    VerifierKey key = VerifierKey.parse(vkey.strip());
    if (key.type() != VerifierKey.TYPE_ED25519) {
      throw new MalformedInputException(
          "a log key is an Ed25519 signed-note key (type 0x01), got type "
              + key.type()
              + ": "
              + key.id());
    }
    try {
      return new LogKey(key);
    } catch (IllegalArgumentException e) {
      throw new MalformedInputException("unusable log key " + key.id() + ": " + e.getMessage(), e);
    }
  }

  /** The log's origin: the key's name. */
  public String origin() {
    return key.name();
  }

  /** The verifier key text. */
  public String vkey() {
    return key.encode();
  }

  /** The note verifier for this key. */
  public NoteVerifier verifier() {
    return verifier;
  }

  /**
   * Opens a checkpoint note signed by this log key.
   *
   * @throws MalformedInputException if the note or its checkpoint body does not parse
   * @throws BadSignatureException if this key did not sign it, or it names another origin
   */
  public VerifiedCheckpoint openCheckpoint(String note)
      throws MalformedInputException, BadSignatureException {
    VerifiedNote opened = Note.open(note.getBytes(StandardCharsets.UTF_8), Verifiers.of(verifier));
    Checkpoint checkpoint = Checkpoint.fromNote(opened);
    if (!checkpoint.origin().equals(origin())) {
      throw new BadSignatureException(
          "the checkpoint is for origin \""
              + checkpoint.origin()
              + "\", but the log key "
              + key.id()
              + " is for \""
              + origin()
              + "\"",
          opened.text());
    }
    return new VerifiedCheckpoint(checkpoint, note, opened.otherSignatures().size());
  }

  @Override
  public String toString() {
    return key.encode();
  }
}
