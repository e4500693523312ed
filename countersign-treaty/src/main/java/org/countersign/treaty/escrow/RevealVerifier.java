package org.countersign.treaty.escrow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
 * <p>{@link #verify(EscrowCommitment, EscrowReveal)} checks one statement (one part), in order,
 * each failure a {@link RevealException} naming the item and the values:
 *
 * <ol>
 *   <li>the reveal names the commitment's root, treaty and author (a party opens only its own
 *       commitments; a reveal of any other root is a reveal of an unknown commitment);
 *   <li>for each opened item: its leaf index is below the item count; its commitment, recomputed
 *       from the item fields and the salt ({@link ItemCommitment}), is that leaf of the tree with
 *       the committed root (RFC 9162 inclusion, checked by {@link ProofVerifier} with all its
 *       preconditions). A changed item, salt, leaf index, proof hash or root fails here;
 *   <li>the items fit the selection: every item of a region reveal lies in the region, and every
 *       leaf of a {@code SAMPLE} reveal is one drawn from its seed ({@link UniformSample}); a
 *       one-part {@code SAMPLE} reveal must open exactly the drawn leaves.
 * </ol>
 *
 * <p>{@link #verifyWhole} checks a reveal cut into parts: every part verifies, the parts are
 * numbered 1..n once each with one selection, no item is opened twice, and a {@code SAMPLE} opens
 * exactly the drawn leaves across its parts.
 *
 * <p>What verification cannot show, by design, is that a region reveal is complete: the unopened
 * leaves stay hidden. Completeness is tested by inspections ({@link EscrowChecks#inspections}).
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
        "",
        "reveal by "
            + reveal.author()
            + " opens unknown commitment root "
            + reveal.commitmentRoot());
  }

  /**
   * Verifies that every item of {@code reveal} opens {@code commitment} and fits the selection.
   *
   * @throws RevealException naming the first failed check
   */
  public static void verify(EscrowCommitment commitment, EscrowReveal reveal)
      throws RevealException {
    if (!reveal.commitmentRoot().equals(commitment.root())) {
      throw new RevealException(
          "",
          "reveal opens commitment root "
              + reveal.commitmentRoot()
              + ", not the given commitment's root "
              + commitment.root());
    }
    if (!reveal.treaty().equals(commitment.treaty())) {
      throw new RevealException(
          "",
          "reveal is for treaty "
              + reveal.treaty()
              + " but the commitment is for treaty "
              + commitment.treaty());
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
    verifySelection(reveal, size);
  }

  /**
   * Verifies all the parts of one reveal, and the claim of its selection over their union.
   *
   * @throws RevealException if a part fails {@link #verify(EscrowCommitment, EscrowReveal)}, a part
   *     is missing or repeated, the parts disagree on the selection, an item is opened twice, or a
   *     {@code SAMPLE} does not open exactly the drawn leaves
   */
  public static void verifyWhole(EscrowCommitment commitment, List<EscrowReveal> parts)
      throws RevealException {
    if (parts.isEmpty()) {
      throw new RevealException("", "a reveal has at least one part");
    }
    EscrowReveal first = parts.get(0);
    int count = first.parts();
    var seen = new java.util.BitSet(count + 1);
    var leaves = new java.util.TreeSet<Long>();
    for (EscrowReveal part : parts) {
      if (part.parts() != count || !part.selection().equals(first.selection())) {
        throw new RevealException(
            "",
            "part "
                + part.part()
                + " of "
                + part.parts()
                + " ("
                + part.selection()
                + ") does not belong to a reveal of "
                + count
                + " parts of "
                + first.selection());
      }
      if (seen.get(part.part())) {
        throw new RevealException("", "part " + part.part() + " of " + count + " is given twice");
      }
      seen.set(part.part());
      verify(commitment, part);
      for (RevealedItem item : part.items()) {
        if (!leaves.add(item.leafIndex())) {
          throw new RevealException(
              item.id(),
              "item " + item.id() + " at leaf " + item.leafIndex() + " is opened by two parts");
        }
      }
    }
    if (seen.cardinality() != count) {
      throw new RevealException(
          "", "only " + seen.cardinality() + " of the " + count + " parts are given");
    }
    if (first.selection().kind() == RevealSelectionKind.SAMPLE) {
      long[] actual = leaves.stream().mapToLong(Long::longValue).toArray();
      checkSampleExact(first.selection(), commitment.itemCount(), actual);
    }
  }

  private static void verifyItem(RevealedItem opened, Hash root, long size) throws RevealException {
    String id = opened.id();
    if (opened.leafIndex() >= size) {
      throw new RevealException(
          id,
          "item "
              + id
              + ": leaf index "
              + opened.leafIndex()
              + " is outside the commitment's "
              + size
              + " items");
    }
    EscrowItem item;
    try {
      item = EscrowItem.from(opened);
    } catch (IllegalArgumentException e) {
      throw new RevealException(id, Objects.requireNonNullElse(e.getMessage(), e.toString()), e);
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
          id,
          "item "
              + id
              + " at leaf "
              + opened.leafIndex()
              + " does not open the commitment (item, salt, proof or root altered): "
              + e.getMessage(),
          e);
    }
  }

  private static void verifySelection(EscrowReveal reveal, long size) throws RevealException {
    RevealSelection selection = reveal.selection();
    List<RevealedItem> items = reveal.items();
    if (selection.kind().claimsRegion()) {
      String what = selection.kind().name().toLowerCase(Locale.ROOT);
      for (RevealedItem opened : items) {
        EscrowItem item = EscrowItem.from(opened);
        if (!RevealRules.inRegion(selection, item)) {
          throw new RevealException(
              opened.id(),
              "item "
                  + opened.id()
                  + " has "
                  + what
                  + " \""
                  + RevealRules.regionOf(selection, item)
                  + "\", outside the revealed "
                  + what
                  + " \""
                  + selection.value()
                  + "\"");
        }
      }
    } else if (selection.kind() == RevealSelectionKind.SAMPLE) {
      long[] actual =
          items.stream().mapToLong(RevealedItem::leafIndex).toArray(); // sorted by EscrowReveal
      if (reveal.parts() == 1) {
        checkSampleExact(selection, size, actual);
        return;
      }
      long[] drawn = drawnLeaves(selection, size);
      for (RevealedItem opened : items) {
        if (Arrays.binarySearch(drawn, opened.leafIndex()) < 0) {
          throw new RevealException(
              opened.id(),
              "item "
                  + opened.id()
                  + " at leaf "
                  + opened.leafIndex()
                  + " is not among the leaves drawn from seed "
                  + selection.value());
        }
      }
    }
  }

  private static long[] drawnLeaves(RevealSelection selection, long size) throws RevealException {
    if (selection.sampleSize() > size) {
      throw new RevealException(
          "",
          "a sample of "
              + selection.sampleSize()
              + " leaves cannot be drawn from "
              + size
              + " items");
    }
    return UniformSample.drawSorted(
        parse(selection.value(), "", "sample seed"), selection.sampleSize(), size);
  }

  private static void checkSampleExact(RevealSelection selection, long size, long[] actual)
      throws RevealException {
    long[] expected = drawnLeaves(selection, size);
    if (!Arrays.equals(expected, actual)) {
      throw new RevealException(
          "",
          "a SAMPLE reveal must open exactly the "
              + expected.length
              + " leaves drawn from seed "
              + selection.value()
              + ": "
              + difference(expected, actual));
    }
  }

  /** Which drawn leaves are missing and which opened ones were not drawn, abbreviated. */
  private static String difference(long[] expected, long[] actual) {
    var missing =
        Arrays.stream(expected)
            .filter(x -> Arrays.binarySearch(actual, x) < 0)
            .limit(10)
            .boxed()
            .toList();
    var extra =
        Arrays.stream(actual)
            .filter(x -> Arrays.binarySearch(expected, x) < 0)
            .limit(10)
            .boxed()
            .toList();
    return "missing leaves " + missing + ", leaves not drawn " + extra;
  }

  private static Hash parse(String hex, String itemId, String what) throws RevealException {
    try {
      return Hash.fromHex(hex);
    } catch (MalformedInputException e) {
      throw new RevealException(
          itemId, what + (itemId.isEmpty() ? "" : " of item " + itemId) + ": " + e.getMessage(), e);
    }
  }
}
