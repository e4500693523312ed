/**
 * Statements: the signed facts that parties append to the log, and their one text encoding.
 *
 * <p>Kinds form a sealed hierarchy under {@link org.countersign.treaty.statement.Statement}; each
 * concrete kind is a record annotated with {@link org.countersign.treaty.statement.StatementKind}.
 * {@link org.countersign.treaty.statement.StatementCodec} turns a statement into the text of a C2SP
 * signed note (a versioned header line and an RFC 8785 canonical JSON body) and back, strictly.
 *
 * <p>Conventions every record follows, so that each statement has exactly one encoding: no
 * component is ever null ("none" is an empty string or an empty collection); times are UTC instants
 * to the second; names (categories, statuses, kinds, limits, attributes) are lowercase kebab-case;
 * identifiers (items, sites, zones) are short ASCII; free text has no control characters. Records
 * check the shape of their own fields; whether a statement makes sense under a given treaty is
 * decided by {@code org.countersign.treaty.compliance.Admission}.
 */
@NullMarked
package org.countersign.treaty.statement;

import org.jspecify.annotations.NullMarked;
