package org.countersign.log.note;

import java.util.ArrayList;
import java.util.List;
import org.countersign.log.BadSignatureException;

/**
 * A note that is well-formed but whose signatures nobody has checked yet: the result of {@link
 * Note#parse}. Its text says what the note <em>claims</em>; a caller MAY read it to decide which
 * keys must have signed (a statement names its author, the author's key is then looked up), and
 * MUST then {@link #open} it with those keys before trusting anything it says.
 *
 * <p>Parsing once and opening later replaces the older idiom of opening with no keys and reading
 * the text out of the {@link BadSignatureException}, and spares the second parse of the bytes.
 */
public final class UnverifiedNote {
  private final String text;
  private final byte[] textBytes;
  private final List<Note.ParsedLine> lines;

  UnverifiedNote(String text, byte[] textBytes, List<Note.ParsedLine> lines) {
    this.text = text;
    this.textBytes = textBytes;
    this.lines = List.copyOf(lines);
  }

  /** The note's text, ending in a newline, without the blank line: NOT authenticated. */
  public String text() {
    return text;
  }

  /** Every signature line as parsed, in note order, none of them checked. */
  public List<NoteSignature> signatures() {
    List<NoteSignature> out = new ArrayList<>(lines.size());
    lines.forEach(l -> out.add(l.signature()));
    return List.copyOf(out);
  }

  /**
   * Verifies the signatures against {@code known}, with the rules of {@link Note#open}.
   *
   * @throws BadSignatureException if a known key's signature fails, or no known key signed; {@link
   *     BadSignatureException#noteText()} holds the text
   */
  public VerifiedNote open(Verifiers known) throws BadSignatureException {
    return Note.verify(text, textBytes, lines, known);
  }
}
