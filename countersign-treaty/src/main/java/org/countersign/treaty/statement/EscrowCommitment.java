package org.countersign.treaty.statement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;

/**
 * The public part of a declaration under escrow: a party commits to every item it holds as of a
 * date, and publishes only the Merkle root of the salted item commitments, the item count and the
 * totals per category and status.
 *
 * <p>Guarantees, once logged: the author can later open any item with a proof that anyone checks
 * against {@link #root()}, and cannot open an item that it did not commit to (SHA-256 collision
 * resistance); nobody learns an unopened item (each commitment hides its item behind a fresh
 * 256-bit salt). Successive declarations are linked by {@link #previousRoot()} so that the
 * differences between them must be explained by change notifications. See {@code
 * docs/escrow-and-inspections.md} for the byte formats.
 *
 * @param treaty the treaty id
 * @param author the declaring party
 * @param issuedAt when the party issued the commitment (UTC, whole seconds)
 * @param asOf the date the declared holdings refer to (e.g. a data-exchange date)
 * @param root the RFC 6962 Merkle root of the item commitments, 64 lowercase hex digits
 * @param itemCount the number of committed items (the tree size), at least 1
 * @param totals one total per (category, status) group present, sorted by category then status
 * @param previousRoot the root of the author's previous commitment for this treaty, or {@code ""}
 *     for the first one
 */
@StatementKind("escrow-commitment")
public record EscrowCommitment(
    String treaty,
    String author,
    Instant issuedAt,
    LocalDate asOf,
    String root,
    long itemCount,
    List<EscrowTotal> totals,
    String previousRoot)
    implements EscrowStatement {

  public EscrowCommitment {
    EscrowFieldRules.party("treaty", treaty);
    EscrowFieldRules.party("author", author);
    EscrowFieldRules.issuedAt(issuedAt);
    if (asOf == null) {
      throw new IllegalArgumentException("asOf is missing");
    }
    EscrowFieldRules.hex32("root", root);
    if (itemCount < 1) {
      throw new IllegalArgumentException("itemCount must be at least 1, got " + itemCount);
    }
    totals = EscrowFieldRules.list("totals", totals);
    EscrowFieldRules.optionalHex32("previousRoot", previousRoot);
    if (previousRoot.equals(root)) {
      throw new IllegalArgumentException("previousRoot must differ from root, both are " + root);
    }
    checkTotals(totals, itemCount);
  }

  /** Totals must be sorted, unique per group, and add up to the item count. */
  private static void checkTotals(List<EscrowTotal> totals, long itemCount) {
    var seen = new HashSet<String>();
    long sum = 0;
    EscrowTotal previous = null;
    for (EscrowTotal t : totals) {
      String group = t.category() + "/" + t.status();
      if (!seen.add(group)) {
        throw new IllegalArgumentException("totals list " + group + " twice");
      }
      if (previous != null && compare(previous, t) > 0) {
        throw new IllegalArgumentException(
            "totals must be sorted by category then status: "
                + previous.category()
                + "/"
                + previous.status()
                + " before "
                + group);
      }
      sum = Math.addExact(sum, t.items());
      previous = t;
    }
    if (sum != itemCount) {
      throw new IllegalArgumentException(
          "totals add up to " + sum + " items but itemCount is " + itemCount);
    }
  }

  private static int compare(EscrowTotal a, EscrowTotal b) {
    int c = a.category().compareTo(b.category());
    return c != 0 ? c : a.status().compareTo(b.status());
  }

  /** The total for one group, if the declaration has any item in it. */
  public java.util.Optional<EscrowTotal> total(String category, String status) {
    return totals.stream()
        .filter(t -> t.category().equals(category) && t.status().equals(status))
        .findFirst();
  }
}
