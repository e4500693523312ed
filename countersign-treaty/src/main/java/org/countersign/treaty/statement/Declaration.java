package org.countersign.treaty.statement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;

/**
 * An item-level inventory in the clear, as of a date: one part of it.
 *
 * <p>Why parts: a statement is capped at 60 KiB (one log entry), and a party's inventory may hold
 * tens of thousands of items. The inventory as of {@code asOf} is the union of parts {@code
 * 1..parts}; the compliance replay uses it only once every part is logged, and a later statement
 * for the same part number replaces the earlier one (a correction). An item id appears in at most
 * one part. {@code DeclarationParts.split} cuts an inventory into parts that fit.
 *
 * @param treaty the treaty id
 * @param author the declaring party
 * @param issuedAt when it was issued (UTC, whole seconds)
 * @param asOf the date the inventory describes (its state at 00:00 UTC that day)
 * @param part which part this is, 1-based
 * @param parts how many parts the inventory has
 * @param items the items of this part, distinct ids; may be empty (a party with nothing to declare
 *     declares an empty inventory)
 */
@StatementKind("declaration")
public record Declaration(
    String treaty,
    String author,
    Instant issuedAt,
    LocalDate asOf,
    int part,
    int parts,
    List<DeclaredItem> items)
    implements TreatyStatement {

  /** Most parts one inventory may be cut into. */
  public static final int MAX_PARTS = 10_000;

  public Declaration {
    Fields.treaty(treaty);
    Fields.party("author", author);
    Fields.instant("issuedAt", issuedAt);
    Fields.date("asOf", asOf);
    Fields.notAfterIssue("asOf", asOf, issuedAt);
    Fields.positive("parts", parts, MAX_PARTS);
    Fields.positive("part", part, parts);
    items = Fields.list("items", items);
    var ids = new HashSet<String>();
    for (DeclaredItem item : items) {
      if (!ids.add(item.id())) {
        throw new IllegalArgumentException("items: item " + item.id() + " is declared twice");
      }
    }
  }
}
