package org.countersign.log;

/**
 * A signature that does not verify, or a note that no trusted key signed. Where a note was parsed,
 * {@link #noteText()} still holds its text so that a caller can show what it refused.
 */
public final class BadSignatureException extends LogException {
  private final String noteText;

  public BadSignatureException(String message) {
    this(message, "");
  }

  public BadSignatureException(String message, String noteText) {
    super(message);
    this.noteText = noteText;
  }

  /** The text of the refused note, or the empty string where none was parsed. */
  public String noteText() {
    return noteText;
  }
}
