package org.countersign.treaty.escrow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.ProofException;
import org.countersign.log.merkle.InclusionProof;
import org.countersign.log.merkle.ProofVerifier;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.treaty.inspection.UniformSample;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowReveal;
import org.countersign.treaty.statement.RevealSelection;
import org.countersign.treaty.statement.RevealSelectionKind;
import org.countersign.treaty.statement.RevealedItem;

/**
 * Checks a reveal against the commitment it claims to open: verify or throw.
 *
 * <p>Checks, in order, each failure a {@link RevealException} naming the item and the values:
 *
 * <ol>
 *   <li>the reveal names the commitment's treaty, author and root (a party opens only its own
 *       commitments; a reveal of any other root is a reveal of an unknown commitment);
 *   <li>for each opened item: its leaf index is below the item count; its commitment, recomputed
 *       from the item fields and the salt ({@link ItemCommitment}), is that leaf of the tree with
 *       the committed root (RFC 9162 inclusion, checked by {@link ProofVerifier} with all its
 *       preconditions). A changed item, salt, leaf index, proof hash or root fails here;
 *   <li>the items fit the selection: every item of a region reveal lies in the region, and a
 *       {@code SAMPLE} reveal opens exactly the leaves drawn from its seed ({@link UniformSample}).
 * </ol>
 *
 * <p>What verification cannot show, by design, is that a region reveal is complete: the unopened
 * leaves stay hidden. Completeness is tested by inspections ({@link EscrowChecks#completeness}).
 */
public final class RevealVerifier {
  private RevealVerifier() {}

  /**
   * Finds the commitment the reveal opens among {@code known} (by root) and verifies against it.
   *
   * @return the commitment opened
   * @throws RevealException if no known commitment has the reveal's root, or as {@link
   *     #verify(EscrowCommitment, EscrowReveal)}
   */
  public static EscrowCommitment verify(Collection<EscrowCommitment> known, EscrowReveal reveal)
      throws RevealException {
    for (EscrowCommitment c : known) {
      if (c.root().equals(reveal.commitmentRoot())) {
        verify(c, reveal);
        return c;
      }
    }
    throw new RevealException(
        "", "reveal by " + reveal.author() + " opens unknown commitment root " + reveal.commitmentRoot());
  }

  /**
   * Verifies that every item of {@code reveal} opens {@code commitment} and fits the selection.
   *
   * @throws RevealException naming the first failed check
   */
  public static void verify(EscrowCommitment commitment, EscrowReveal reveal) throws RevealException {
    if (!reveal.commitmentRoot().equals(commitment.root())) {
      throw new RevealException(
          "", "reveal opens commitment root " + reveal.commitmentRoot()
              + ", not the given commitment's root " + commitment.root());
    }
    if (!reveal.treaty().equals(commitment.treaty())) {
      throw new RevealException(
          "", "reveal is for treaty " + reveal.treaty() + " but the commitment is for treaty " + commitment.treaty());
    }
    if (!reveal.author().equals(commitment.author())) {
      throw new RevealException(
          "", reveal.author() + " cannot open a commitment made by " + commitment.author());
    }
    Hash root = parse(commitment.root(), "", "commitment root");
    long size = commitment.itemCount();
    for (RevealedItem opened : reveal.items()) {
      verifyItem(opened, root, size);
    }
    verifySelection(reveal.selection(), reveal.items(), size);
  }

  private static void verifyItem(RevealedItem opened, Hash root, long size) throws RevealException {
    String id = opened.id();
    if (opened.leafIndex() >= size) {
      throw new RevealException(
          id, "item " + id + ": leaf index " + opened.leafIndex()
              + " is outside the commitment's " + size + " items");
    }
    EscrowItem item;
    try {
      item = EscrowItem.from(opened);
    } catch (IllegalArgumentException e) {
      throw new RevealException(id, e.getMessage(), e);
    }
    byte[] salt = HexFormat.of().parseHex(opened.salt()); // shape checked by RevealedItem
    Hash commitment = ItemCommitment.of(item, salt);
    var path = new ArrayList<Hash>(opened.proof().size());
    for (int i = 0; i < opened.proof().size(); i++) {
      path.add(parse(opened.proof().get(i), id, "proof hash " + i));
    }
    Hash leaf = Rfc6962.leafHash(commitment.bytes());
    try {
      ProofVerifier.verifyInclusion(new InclusionProof(opened.leafIndex(), size, path), leaf, root);
    } catch (ProofException e) {
      throw new RevealException(
          id, "item " + id + " at leaf " + opened.leafIndex()
              + " does not open the commitment (item, salt, proof or root altered): " + e.getMessage(), e);
    }
  }

  private static void verifySelection(RevealSelection selection, List<RevealedItem> items, long size)
      throws RevealException {
    if (selection.kind().claimsRegion()) {
      String what = selection.kind().name().toLowerCase(Locale.ROOT);
      for (RevealedItem opened : items) {
        EscrowItem item = EscrowItem.from(opened);
        if (!RevealRules.inRegion(selection, item)) {
          throw new RevealException(
              opened.id(), "item " + opened.id() + " has " + what + " \"" + RevealRules.regionOf(selection, item)
                  + "\", outside the revealed " + what + " \"" + selection.value() + "\"");
        }
      }
    } else if (selection.kind() == RevealSelectionKind.SAMPLE) {
      if (selection.sampleSize() > size) {
        throw new RevealException(
            "", "a sample of " + selection.sampleSize() + " leaves cannot be drawn from " + size + " items");
      }
      Hash seed = parse(selection.value(), "", "sample seed");
      long[] expected = UniformSample.drawSorted(seed, selection.sampleSize(), size);
      long[] actual = items.stream().mapToLong(RevealedItem::leafIndex).toArray(); // sorted by EscrowReveal
      if (!Arrays.equals(expected, actual)) {
        throw new RevealException(
            "", "a SAMPLE reveal must open exactly the " + expected.length + " leaves drawn from seed "
                + selection.value() + ": " + difference(expected, actual));
      }
    }
  }

  /** Which drawn leaves are missing and which opened ones were not drawn, abbreviated. */
  private static String difference(long[] expected, long[] actual) {
    var missing = Arrays.stream(expected).filter(x -> Arrays.binarySearch(actual, x) < 0).limit(10).boxed().toList();
    var extra = Arrays.stream(actual).filter(x -> Arrays.binarySearch(expected, x) < 0).limit(10).boxed().toList();
    return "missing leaves " + missing + ", leaves not drawn " + extra;
  }

  private static Hash parse(String hex, String itemId, String what) throws RevealException {
    try {
      return Hash.fromHex(hex);
    } catch (MalformedInputException e) {
      throw new RevealException(itemId, what + (itemId.isEmpty() ? "" : " of item " + itemId) + ": " + e.getMessage(), e);
    }
  }
}
