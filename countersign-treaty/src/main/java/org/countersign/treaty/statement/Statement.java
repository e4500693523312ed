package org.countersign.treaty.statement;

import java.time.Instant;

/**
 * A fact that a party signs and the log records: the only way anything enters Countersign.
 *
 * <p>Kinds form a sealed hierarchy, grouped by the part of the system that gives them meaning, so
 * that the compliance replay can switch over them exhaustively and a new kind cannot slip in
 * without every consumer being told by the compiler. Every statement names the treaty it belongs
 * to, the party that makes it (and signs it), and when it was issued (UTC).
 */
public sealed interface Statement
    permits RegistryStatement,
        TreatyStatement,
        EscrowStatement,
        InspectionStatement,
        NegotiationStatement {

  /** The kind as it appears in the header line and the JSON body, e.g. {@code "declaration"}. */
  String kind();

  /** The treaty id this statement belongs to, e.g. {@code "new-start"}. */
  String treaty();

  /** The id of the party (or observer, or witness) that makes and signs the statement. */
  String author();

  /** When the author issued it, in UTC, to the second. */
  Instant issuedAt();
}
