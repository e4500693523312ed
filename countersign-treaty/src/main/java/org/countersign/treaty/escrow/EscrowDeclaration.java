package org.countersign.treaty.escrow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.countersign.log.Hash;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.treaty.inspection.UniformSample;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowReveal;
import org.countersign.treaty.statement.EscrowTotal;
import org.countersign.treaty.statement.RevealSelection;
import org.countersign.treaty.statement.RevealedItem;

/**
 * A declaration under escrow, as the declaring party holds it: the items, their secret salts and
 * the Merkle tree of their commitments. Its public part is {@link #root()}, {@link #itemCount()}
 * and {@link #totals()}, published as an {@link EscrowCommitment}; everything else MUST stay with
 * the party (persist it only through {@link EscrowVault}).
 *
 * <h2>Construction</h2>
 *
 * <ol>
 *   <li>Each item gets a fresh 256-bit salt and its {@link ItemCommitment}.
 *   <li>The commitments are sorted (unsigned, bytewise) and become the RFC 6962 leaves in that
 *       order. Sorting by the salted commitments, not by item id, makes a leaf's position a
 *       uniformly random rank: an opened item's leaf index says nothing about the unopened items
 *       (sorting by id would leak how many ids fall below the opened one).
 *   <li>The tree's root, the item count and the totals per (category, status) are the public part.
 * </ol>
 *
 * <p>Item identifiers MUST be unique: successive declarations are linked through them, and two
 * items under one id could be opened selectively. {@link #restore} rebuilds the identical
 * declaration from the items and salts alone; nothing else needs to be stored.
 *
 * <p>Costs: one pass of SHA-256 over the items plus about {@code 2n} node hashes, and two sorts of
 * a million primitive longs; memory about 140 bytes per item beyond the items themselves (salts 32,
 * tree levels 64, leaf order 8, and the transient commitments).
 */
public final class EscrowDeclaration {
  /** Largest declaration accepted: the flat tree levels must fit in Java arrays. */
  public static final int MAX_ITEMS = 1 << 25;

  private final List<EscrowItem> items;
  private final byte[] salts; // salt of items.get(i) at i * 32
  private final int[] leafToItem;
  private final int[] itemToLeaf;
  private final CommitmentTree tree;
  private final List<EscrowTotal> totals;

  private EscrowDeclaration(
      List<EscrowItem> items,
      byte[] salts,
      int[] leafToItem,
      CommitmentTree tree,
      List<EscrowTotal> totals) {
    this.items = items;
    this.salts = salts;
    this.leafToItem = leafToItem;
    this.itemToLeaf = new int[leafToItem.length];
    for (int leaf = 0; leaf < leafToItem.length; leaf++) {
      itemToLeaf[leafToItem[leaf]] = leaf;
    }
    this.tree = tree;
    this.totals = totals;
  }

  /**
   * Commits to {@code items} with fresh salts from {@code saltSource}.
   *
   * <p>{@code saltSource} MUST be a cryptographically strong generator ({@link
   * java.security.SecureRandom}) in production: predictable salts let anyone test guesses of an
   * unopened item against the tree. Tests pass a seeded generator for reproducibility.
   *
   * @throws IllegalArgumentException if there are no items, too many, or two share an id
   */
  public static EscrowDeclaration commit(List<EscrowItem> items, RandomGenerator saltSource) {
    checkCount(items.size());
    byte[] salts = new byte[items.size() * ItemCommitment.SALT_LENGTH];
    saltSource.nextBytes(salts);
    return restore(items, salts);
  }

  /**
   * Rebuilds a declaration from its items and their salts ({@code salts} holds the salt of item
   * {@code i} at byte {@code 32 i}); the result has the same root as when it was committed.
   *
   * @throws IllegalArgumentException if the counts disagree, or as {@link #commit}
   */
  public static EscrowDeclaration restore(List<EscrowItem> items, byte[] salts) {
    int n = items.size();
    checkCount(n);
    if (salts.length != (long) n * ItemCommitment.SALT_LENGTH) {
      throw new IllegalArgumentException(
          n
              + " items need "
              + (long) n * ItemCommitment.SALT_LENGTH
              + " bytes of salt, got "
              + salts.length);
    }
    List<EscrowItem> copy = List.copyOf(items);
    checkUniqueIds(copy);

    var md = Hash.newDigest();
    byte[] commitments = new byte[n * Hash.SIZE];
    for (int i = 0; i < n; i++) {
      ItemCommitment.compute(
          md,
          salts,
          i * ItemCommitment.SALT_LENGTH,
          copy.get(i).canonicalBytes(),
          commitments,
          i * Hash.SIZE);
    }
    int[] order = sortByCommitment(commitments, n);
    byte[] leaves = new byte[n * Hash.SIZE];
    for (int leaf = 0; leaf < n; leaf++) {
      Rfc6962.leafHash(commitments, order[leaf] * Hash.SIZE, Hash.SIZE)
          .copyTo(leaves, leaf * Hash.SIZE);
    }
    return new EscrowDeclaration(
        copy, salts.clone(), order, CommitmentTree.build(leaves, n), totalsOf(copy));
  }

  /** The Merkle root of the item commitments: the public face of the declaration. */
  public Hash root() {
    return tree.root();
  }

  /** The number of committed items (the tree size). */
  public int itemCount() {
    return items.size();
  }

  /** The published totals, one per (category, status) group, sorted. */
  public List<EscrowTotal> totals() {
    return totals;
  }

  /** The items as committed, in the order given to {@link #commit}. Private to the party. */
  public List<EscrowItem> items() {
    return items;
  }

  /** The leaf index of {@code items().get(itemIndex)}. */
  public int leafIndexOfItem(int itemIndex) {
    return itemToLeaf[itemIndex];
  }

  /** The item committed at {@code leafIndex}. */
  public EscrowItem itemAtLeaf(int leafIndex) {
    return items.get(leafToItem[leafIndex]);
  }

  /** A copy of the salt of {@code items().get(itemIndex)}. Secret until the item is revealed. */
  public byte[] salt(int itemIndex) {
    int from = itemIndex * ItemCommitment.SALT_LENGTH;
    return Arrays.copyOfRange(salts, from, from + ItemCommitment.SALT_LENGTH);
  }

  /** The public statement for this declaration. */
  public EscrowCommitment commitment(
      String treaty, String author, Instant issuedAt, LocalDate asOf, String previousRoot) {
    return new EscrowCommitment(
        treaty, author, issuedAt, asOf, root().hex(), itemCount(), totals, previousRoot);
  }

  /**
   * The leaf indexes a selection opens, ascending: every item of the site, zone or category, or the
   * leaves drawn from a {@code SAMPLE} seed.
   *
   * @throws IllegalArgumentException for a {@code CHOSEN} selection (use {@link #revealItems})
   */
  public int[] select(RevealSelection selection) {
    return switch (selection.kind()) {
      case SITE, ZONE, CATEGORY -> {
        var leaves = new ArrayList<Integer>();
        for (int i = 0; i < items.size(); i++) {
          if (RevealRules.inRegion(selection, items.get(i))) {
            leaves.add(itemToLeaf[i]);
          }
        }
        yield leaves.stream().mapToInt(Integer::intValue).sorted().toArray();
      }
      case SAMPLE -> {
        Hash seed = Hash.of(HexFormat.of().parseHex(selection.value()));
        yield Arrays.stream(UniformSample.drawSorted(seed, selection.sampleSize(), itemCount()))
            .mapToInt(Math::toIntExact)
            .toArray();
      }
      case CHOSEN ->
          throw new IllegalArgumentException("a CHOSEN selection has no rule; name the items");
    };
  }

  /**
   * A reveal of everything {@code selection} selects (see {@link #select}), cut into as few parts
   * as the statement size cap allows (about 35 items a part for a million-item declaration).
   */
  public List<EscrowReveal> reveal(
      String treaty, String author, Instant issuedAt, RevealSelection selection) {
    return RevealParts.split(
        treaty, author, issuedAt, root().hex(), selection, open(select(selection)));
  }

  /**
   * A {@code CHOSEN} reveal of the named items, in parts as {@link #reveal}.
   *
   * @throws IllegalArgumentException if an id is not in the declaration, or none is named
   */
  public List<EscrowReveal> revealItems(
      String treaty, String author, Instant issuedAt, Collection<String> itemIds) {
    var wanted = new HashSet<>(itemIds);
    var leaves = new ArrayList<Integer>();
    for (int i = 0; i < items.size(); i++) {
      if (wanted.remove(items.get(i).id())) {
        leaves.add(itemToLeaf[i]);
      }
    }
    if (!wanted.isEmpty()) {
      throw new IllegalArgumentException(
          "not in this declaration: " + new java.util.TreeSet<>(wanted));
    }
    int[] sorted = leaves.stream().mapToInt(Integer::intValue).sorted().toArray();
    return RevealParts.split(
        treaty, author, issuedAt, root().hex(), RevealSelection.chosen(), open(sorted));
  }

  /** Opens the items at {@code leafIndexes} (ascending): fields, salt, index and proof. */
  public List<RevealedItem> open(int[] leafIndexes) {
    var out = new ArrayList<RevealedItem>(leafIndexes.length);
    HexFormat hex = HexFormat.of();
    for (int leaf : leafIndexes) {
      int itemIndex = leafToItem[leaf];
      EscrowItem item = items.get(itemIndex);
      List<String> proof = tree.inclusionPath(leaf).stream().map(Hash::hex).toList();
      out.add(
          new RevealedItem(
              item.id(),
              item.category(),
              item.status(),
              item.site(),
              item.zone(),
              item.attributes(),
              hex.formatHex(
                  salts,
                  itemIndex * ItemCommitment.SALT_LENGTH,
                  (itemIndex + 1) * ItemCommitment.SALT_LENGTH),
              leaf,
              proof,
              item.type()));
    }
    return out;
  }

  /** Prints only public facts; salts and items are never part of a string. */
  @Override
  public String toString() {
    return "EscrowDeclaration[root=" + root().hex() + ", items=" + itemCount() + "]";
  }

  private static void checkCount(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a declaration commits to at least one item");
    }
    if (n > MAX_ITEMS) {
      throw new IllegalArgumentException(
          "a declaration holds at most " + MAX_ITEMS + " items, got " + n);
    }
  }

  /**
   * Refuses two items with one id. Sorts (hash, index) pairs packed in longs rather than the
   * strings themselves, then compares the strings only within runs of equal hashes.
   */
  private static void checkUniqueIds(List<EscrowItem> items) {
    int n = items.size();
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ((long) items.get(i).id().hashCode() << 32) | i;
    }
    Arrays.sort(keys);
    for (int start = 0; start < n; ) {
      int end = start + 1;
      while (end < n && (keys[end] >>> 32) == (keys[start] >>> 32)) {
        end++;
      }
      for (int a = start; a < end; a++) {
        for (int b = a + 1; b < end; b++) {
          String id = items.get((int) keys[a]).id();
          if (id.equals(items.get((int) keys[b]).id())) {
            throw new IllegalArgumentException("item id " + id + " is declared twice");
          }
        }
      }
      start = end;
    }
  }

  /**
   * Item indexes ordered by their commitments (unsigned, bytewise). Each commitment's first 39 bits
   * and its 25-bit index are packed into one long and sorted as primitives; runs that tie on the 39
   * bits (a handful in a million) are then ordered by the full 32 bytes.
   */
  static int[] sortByCommitment(byte[] commitments, int n) {
    final int indexBits = 25; // MAX_ITEMS = 2^25
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      long prefix = 0;
      for (int b = 0; b < 8; b++) {
        prefix = (prefix << 8) | (commitments[i * Hash.SIZE + b] & 0xff);
      }
      // Flipping the sign bit makes the signed sort follow the unsigned order of the prefix.
      keys[i] = (((prefix >>> indexBits) << indexBits) | i) ^ Long.MIN_VALUE;
    }
    Arrays.sort(keys);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = (int) (keys[i] & ((1L << indexBits) - 1));
    }
    for (int start = 0; start < n; ) {
      int end = start + 1;
      while (end < n && (keys[end] >>> indexBits) == (keys[start] >>> indexBits)) {
        end++;
      }
      if (end - start > 1) {
        Integer[] run = new Integer[end - start];
        for (int j = 0; j < run.length; j++) {
          run[j] = out[start + j];
        }
        Arrays.sort(
            run,
            (a, b) ->
                Arrays.compareUnsigned(
                    commitments,
                    a * Hash.SIZE,
                    (a + 1) * Hash.SIZE,
                    commitments,
                    b * Hash.SIZE,
                    (b + 1) * Hash.SIZE));
        for (int j = 0; j < run.length; j++) {
          out[start + j] = run[j];
        }
      }
      start = end;
    }
    return out;
  }

  private static List<EscrowTotal> totalsOf(List<EscrowItem> items) {
    // Key "category\0status" sorts by category, then status: NUL sorts below every name character.
    var counts = new TreeMap<String, long[]>();
    var sums = new TreeMap<String, Map<String, Long>>();
    for (EscrowItem item : items) {
      String key = item.category() + '\0' + item.status();
      counts.computeIfAbsent(key, k -> new long[1])[0]++;
      var groupSums = sums.computeIfAbsent(key, k -> new TreeMap<>());
      item.attributes().forEach((name, value) -> groupSums.merge(name, value, Math::addExact));
    }
    var out = new ArrayList<EscrowTotal>(counts.size());
    counts.forEach(
        (key, count) -> {
          int nul = key.indexOf('\0');
          out.add(
              new EscrowTotal(
                  key.substring(0, nul),
                  key.substring(nul + 1),
                  count[0],
                  Objects.requireNonNull(sums.get(key))));
        });
    return List.copyOf(out);
  }
}
