package org.countersign.server.submit;

import org.countersign.treaty.protocol.Violation;

/**
 * Every reason the server refuses a submitted statement, with the HTTP status and the stable error
 * code that clients may switch on.
 *
 * <p>Codes are part of the public API ({@code {"error": "<code>", "reason": "..."}}): they never
 * change meaning once released. Statuses follow the usual split: 400 for input that does not parse,
 * 413 for input over the size cap, 403 for a signature or author the log cannot accept, 422 for a
 * well-formed statement that does not fit this log or this time, 409 for a key registration that
 * conflicts with the registry.
 */
public enum Refusal {
  /** The entry exceeds 65,535 bytes, the C2SP tlog-tiles entry limit. */
  ENTRY_TOO_LARGE(413, "entry-too-large"),
  /** The body is not a C2SP signed note (syntax, encoding, signature lines). */
  MALFORMED_NOTE(400, "malformed-note"),
  /** The note text is not a statement: unknown header, kind or fields. */
  MALFORMED_STATEMENT(400, "malformed-statement"),
  /** The statement's JSON is valid but not in RFC 8785 canonical form. */
  NON_CANONICAL_STATEMENT(400, "non-canonical-statement"),
  /** The statement names a treaty other than the one this log serves. */
  WRONG_TREATY(422, "wrong-treaty"),
  /**
   * The statement is addressed to another log: its signed {@code origin} is not this log's, so it
   * was signed for another log and is being replayed here.
   */
  WRONG_LOG(422, "wrong-log"),
  /**
   * A first key registration names a key other than the one agreed for its author outside the log
   * (the first-keys file), or no key was agreed for it: no first key is trusted on first use.
   */
  FIRST_KEY_NOT_AGREED(403, "first-key-not-agreed"),
  /** The author is neither a party of the treaty nor registering its own first key. */
  UNKNOWN_AUTHOR(403, "unknown-author"),
  /** No signature by the author's key valid at {@code issuedAt} verifies, or one fails. */
  BAD_SIGNATURE(403, "bad-signature"),
  /**
   * The statement does not fit the treaty file ({@code Admission}): an undefined category, status,
   * change kind or limit, a value out of range, an author whose role may not make it, or content a
   * notification duty requires left empty. The reason names the field and the value.
   */
  INADMISSIBLE(422, "inadmissible-statement"),
  /** {@code issuedAt} lies further in the future than the clock-skew window allows. */
  ISSUED_IN_FUTURE(422, "issued-in-future"),
  /** {@code issuedAt} lies further in the past than the clock-skew window allows. */
  STALE(422, "stale"),
  /** A key registration or rotation conflicts with the party's registered keys. */
  KEY_CONFLICT(409, "key-conflict"),
  /**
   * The statement still holds a {@code statement new} template's fill-in marker ({@code
   * Templates}); the reason names the field.
   */
  UNFILLED_TEMPLATE(422, "unfilled-template");

  private final int status;
  private final String code;

  Refusal(int status, String code) {
    this.status = status;
    this.code = code;
  }

  /** The refusal that answers a broken protocol rule. */
  public static Refusal of(Violation violation) {
    return switch (violation) {
      case ENTRY_TOO_LARGE -> ENTRY_TOO_LARGE;
      case MALFORMED_NOTE -> MALFORMED_NOTE;
      case MALFORMED_STATEMENT -> MALFORMED_STATEMENT;
      case NON_CANONICAL_STATEMENT -> NON_CANONICAL_STATEMENT;
      case WRONG_LOG -> WRONG_LOG;
      case FIRST_KEY_NOT_AGREED -> FIRST_KEY_NOT_AGREED;
      case UNKNOWN_AUTHOR -> UNKNOWN_AUTHOR;
      case BAD_SIGNATURE -> BAD_SIGNATURE;
      case KEY_CONFLICT -> KEY_CONFLICT;
      case UNFILLED_TEMPLATE -> UNFILLED_TEMPLATE;
    };
  }

  /** The HTTP status answered. */
  public int status() {
    return status;
  }

  /** The stable, lowercase, hyphenated error code. */
  public String code() {
    return code;
  }
}
