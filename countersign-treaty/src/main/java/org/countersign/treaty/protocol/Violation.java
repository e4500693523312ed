package org.countersign.treaty.protocol;

/**
 * Each protocol rule an entry can break. The server maps every one to its refusal code and HTTP
 * status; an auditor reports it against the entry's index.
 */
public enum Violation {
  /** The entry exceeds 65,535 bytes, the C2SP tlog-tiles entry limit. */
  ENTRY_TOO_LARGE,
  /** The bytes are not a C2SP signed note (syntax, encoding, signature lines). */
  MALFORMED_NOTE,
  /** The note text is not a statement: unknown header, kind or fields, or an unusable key. */
  MALFORMED_STATEMENT,
  /** The statement's JSON is valid but not in RFC 8785 canonical form. */
  NON_CANONICAL_STATEMENT,
  /** The statement is addressed to another log: its signed origin is not this log's. */
  WRONG_LOG,
  /** The author has no registered key and is not registering its first one. */
  UNKNOWN_AUTHOR,
  /** A required signature is missing or fails, or the note carries a stranger's signature. */
  BAD_SIGNATURE,
  /**
   * A first key registration names a key other than the one the participants agreed for its author
   * outside the log ({@link FirstKeys}), or none was agreed.
   */
  FIRST_KEY_NOT_AGREED,
  /** A key registration or rotation conflicts with the party's registered keys. */
  KEY_CONFLICT,
  /** The statement still holds a template's fill-in marker ({@link Templates}). */
  UNFILLED_TEMPLATE
}
