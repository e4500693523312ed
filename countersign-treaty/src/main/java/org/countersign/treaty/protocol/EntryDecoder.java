package org.countersign.treaty.protocol;

import org.countersign.log.MalformedInputException;
import org.countersign.log.note.Note;
import org.countersign.log.note.UnverifiedNote;
import org.countersign.log.tile.EntryBundle;
import org.countersign.treaty.json.CanonicalJson;
import org.countersign.treaty.statement.AddressedStatement;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.StatementCodec;

/**
 * Entry bytes to statement, the one way every reader of the log does it: the entry MUST fit a C2SP
 * tile entry, be a well-formed signed note, and carry as text a statement in its one canonical
 * spelling ({@link StatementCodec}), addressed to this log: the statement's signed {@code origin}
 * must be the origin of the log that records it, so that a statement signed for one log is refused
 * (and flagged on replay) in any other. Signatures are not checked here (see {@link SigningRule}),
 * so a decoded statement is a claim until its note is opened.
 */
public final class EntryDecoder {
  private EntryDecoder() {}

  /**
   * Decodes {@code entry}, an entry of the log whose origin is {@code logOrigin}.
   *
   * @throws EntryRejectedException {@link Violation#ENTRY_TOO_LARGE}, {@link
   *     Violation#MALFORMED_NOTE}, {@link Violation#NON_CANONICAL_STATEMENT} (valid JSON in another
   *     spelling, told apart for a precise answer), {@link Violation#MALFORMED_STATEMENT} or {@link
   *     Violation#WRONG_LOG} (addressed to another log)
   */
  public static DecodedEntry decode(byte[] entry, String logOrigin) throws EntryRejectedException {
    if (entry.length > EntryBundle.MAX_ENTRY_SIZE) {
      throw new EntryRejectedException(
          Violation.ENTRY_TOO_LARGE,
          "an entry holds at most " + EntryBundle.MAX_ENTRY_SIZE + " bytes, got " + entry.length);
    }
    UnverifiedNote note;
    try {
      note = Note.parse(entry, EntryBundle.MAX_ENTRY_SIZE);
    } catch (MalformedInputException e) {
      throw new EntryRejectedException(
          Violation.MALFORMED_NOTE, "not a signed note: " + e.getMessage(), e);
    }
    AddressedStatement addressed = statement(note.text());
    if (!addressed.origin().equals(logOrigin)) {
      throw new EntryRejectedException(
          Violation.WRONG_LOG,
          "the statement is addressed to the log \""
              + addressed.origin()
              + "\", not to this log (\""
              + logOrigin
              + "\"): a statement signed for one log is never recorded in another");
    }
    return new DecodedEntry(note, addressed.statement());
  }

  /**
   * The statement a note's text holds, with the log it is addressed to.
   *
   * @throws EntryRejectedException {@link Violation#NON_CANONICAL_STATEMENT} or {@link
   *     Violation#MALFORMED_STATEMENT}
   */
  public static AddressedStatement statement(String text) throws EntryRejectedException {
    try {
      // The codec accepts only the exact canonical encoding of a valid statement, so a statement
      // it decodes needs no separate canonical-form check.
      return StatementCodec.decodeAddressed(text);
    } catch (InvalidStatementException e) {
      requireCanonicalJson(text);
      String m = e.getMessage() == null ? "invalid statement" : e.getMessage();
      Violation v =
          m.contains("canonical form")
              ? Violation.NON_CANONICAL_STATEMENT
              : Violation.MALFORMED_STATEMENT;
      throw new EntryRejectedException(v, m, e);
    }
  }

  /** Rejects a one-line JSON body that parses but is not in RFC 8785 canonical form. */
  private static void requireCanonicalJson(String text) throws EntryRejectedException {
    int nl = text.indexOf('\n');
    if (nl > 0 && nl < text.length() - 1) {
      String body = text.substring(nl + 1, text.length() - 1);
      if (body.indexOf('\n') < 0) {
        try {
          String canonical = CanonicalJson.canonicalize(CanonicalJson.parse(body));
          if (!canonical.equals(body)) {
            throw new EntryRejectedException(
                Violation.NON_CANONICAL_STATEMENT,
                "the statement's JSON is not in RFC 8785 canonical form (member order, whitespace,"
                    + " number or string escapes)");
          }
        } catch (IllegalArgumentException notJson) {
          // Reported with the codec's own message.
        }
      }
    }
  }
}
