package org.countersign.treaty.statement;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;

/**
 * Opens chosen items of one of the author's escrow commitments, named by its root.
 *
 * <p>Anyone can check a reveal against the commitment alone ({@code RevealVerifier}): each item is
 * recomputed from its fields and salt and proven to be a leaf of the committed tree, and the opened
 * items must fit the selection rule. A reveal never changes the commitment; a reveal that
 * contradicts it, or the totals it published, is a discrepancy.
 *
 * <p>A statement is capped in size (60 KiB), and an opened item of a million-item declaration costs
 * about 1.6 KB (twenty proof hashes), so one reveal may be cut into {@code parts} statements
 * numbered by {@code part}, each with the same root and selection. Each part verifies on its own;
 * the selection's claim (a whole region, or exactly the drawn sample) holds only once every part is
 * logged.
 *
 * @param treaty the treaty id
 * @param author the declaring party (it may open only its own commitments)
 * @param issuedAt when the party issued the reveal (UTC, whole seconds)
 * @param commitmentRoot the root of the commitment opened, 64 lowercase hex digits
 * @param selection the rule that chose the items
 * @param part this part's number, 1 to {@code parts}
 * @param parts how many parts the reveal has, 1 to {@value #MAX_PARTS}
 * @param items the opened items, at least one, sorted by leaf index, no index twice
 */
@StatementKind("escrow-reveal")
public record EscrowReveal(
    String treaty,
    String author,
    Instant issuedAt,
    String commitmentRoot,
    RevealSelection selection,
    int part,
    int parts,
    List<RevealedItem> items)
    implements EscrowStatement {

  /** Most parts one reveal may be cut into. */
  public static final int MAX_PARTS = 10_000;

  public EscrowReveal {
    EscrowFieldRules.party("treaty", treaty);
    EscrowFieldRules.party("author", author);
    EscrowFieldRules.issuedAt(issuedAt);
    EscrowFieldRules.hex32("commitmentRoot", commitmentRoot);
    if (selection == null) {
      throw new IllegalArgumentException("selection is missing");
    }
    if (parts < 1 || parts > MAX_PARTS || part < 1 || part > parts) {
      throw new IllegalArgumentException(
          "part must be 1..parts and parts 1.."
              + MAX_PARTS
              + ", got part "
              + part
              + " of "
              + parts);
    }
    items = EscrowFieldRules.list("items", items);
    if (items.isEmpty() && !(selection.kind().claimsRegion() && parts == 1)) {
      // An empty region reveal is meaningful ("nothing here"); an empty sample, choice or part is
      // not.
      throw new IllegalArgumentException(
          "a "
              + selection.kind()
              + " reveal"
              + (parts > 1 ? " part" : "")
              + " must open at least one item");
    }
    var ids = new HashSet<String>();
    long previousIndex = -1;
    for (RevealedItem item : items) {
      if (!ids.add(item.id())) {
        throw new IllegalArgumentException("item " + item.id() + " is opened twice");
      }
      if (item.leafIndex() <= previousIndex) {
        throw new IllegalArgumentException(
            "items must be sorted by leaf index without repeats: "
                + item.leafIndex()
                + " (item "
                + item.id()
                + ") follows "
                + previousIndex);
      }
      previousIndex = item.leafIndex();
    }
  }
}
