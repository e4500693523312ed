package org.countersign.treaty.statement;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.countersign.treaty.json.CanonicalJson;
import org.countersign.treaty.json.RecordJson;

/**
 * Cuts an item-level inventory into {@link Declaration} parts that each fit the statement size cap
 * ({@link StatementCodec#MAX_TEXT_BYTES}), keeping the items' order.
 */
public final class DeclarationParts {
  private DeclarationParts() {}

  /**
   * The inventory as parts {@code 1..n}, as few as fit, every part encodable.
   *
   * @throws IllegalArgumentException if one item alone is too large for a statement, or the
   *     inventory needs more than {@link Declaration#MAX_PARTS} parts
   */
  public static List<Declaration> split(
      String treaty, String author, Instant issuedAt, LocalDate asOf, List<DeclaredItem> items) {
    // The fixed part of a statement, with the widest part numbers and origin it could carry.
    int overhead =
        StatementCodec.encode(
                new Declaration(
                    treaty,
                    author,
                    issuedAt,
                    asOf,
                    Declaration.MAX_PARTS,
                    Declaration.MAX_PARTS,
                    List.of()),
                StatementCodec.WIDEST_ORIGIN)
            .length;
    int budget = StatementCodec.MAX_TEXT_BYTES - overhead;
    var groups = new ArrayList<List<DeclaredItem>>();
    var current = new ArrayList<DeclaredItem>();
    int used = 0;
    for (DeclaredItem item : items) {
      int size =
          CanonicalJson.canonicalize(RecordJson.toTree(item))
                  .getBytes(StandardCharsets.UTF_8)
                  .length
              + 1;
      if (size > budget) {
        throw new IllegalArgumentException("item " + item.id() + " alone exceeds a statement");
      }
      if (used + size > budget) {
        groups.add(current);
        current = new ArrayList<>();
        used = 0;
      }
      current.add(item);
      used += size;
    }
    groups.add(current);
    if (groups.size() > Declaration.MAX_PARTS) {
      throw new IllegalArgumentException(
          "inventory needs " + groups.size() + " parts, more than " + Declaration.MAX_PARTS);
    }
    var out = new ArrayList<Declaration>(groups.size());
    for (int i = 0; i < groups.size(); i++) {
      out.add(new Declaration(treaty, author, issuedAt, asOf, i + 1, groups.size(), groups.get(i)));
    }
    return out;
  }
}
