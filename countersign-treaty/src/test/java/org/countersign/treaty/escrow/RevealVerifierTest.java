package org.countersign.treaty.escrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.countersign.treaty.escrow.EscrowFixtures.AS_OF;
import static org.countersign.treaty.escrow.EscrowFixtures.PARTY;
import static org.countersign.treaty.escrow.EscrowFixtures.T0;
import static org.countersign.treaty.escrow.EscrowFixtures.TREATY;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.countersign.log.Hash;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowReveal;
import org.countersign.treaty.statement.RevealSelection;
import org.countersign.treaty.statement.RevealSelectionKind;
import org.countersign.treaty.statement.RevealedItem;
import org.countersign.treaty.statement.StatementCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RevealVerifierTest {

  static Stream<Long> seeds() {
    return LongStream.rangeClosed(1, 25).boxed();
  }

  /** A random declaration and a random honest reveal of it (in one or more parts). */
  private record Case(
      EscrowDeclaration declaration, EscrowCommitment commitment, List<EscrowReveal> parts) {
    EscrowReveal reveal() {
      return parts.get(0);
    }
  }

  private static Case randomCase(long seed) {
    RandomGenerator r = EscrowFixtures.rng(seed);
    int n = 1 + r.nextInt(300);
    var d = EscrowDeclaration.commit(EscrowFixtures.items(r, n), r);
    EscrowCommitment c = d.commitment(TREATY, PARTY, T0, AS_OF, "");
    RevealSelection selection =
        switch (r.nextInt(5)) {
          case 0 -> RevealSelection.site(d.items().get(r.nextInt(n)).site());
          case 1 -> RevealSelection.zone(d.items().get(r.nextInt(n)).zone());
          case 2 -> RevealSelection.category(d.items().get(r.nextInt(n)).category());
          case 3 ->
              RevealSelection.sample(
                  Hash.sha256(new byte[] {(byte) seed}).hex(), 1 + r.nextInt(n), "req-" + seed);
          default -> null;
        };
    List<EscrowReveal> reveal =
        selection == null
            ? d.revealItems(
                TREATY, PARTY, T0.plusSeconds(60), List.of(d.items().get(r.nextInt(n)).id()))
            : d.reveal(TREATY, PARTY, T0.plusSeconds(60), selection);
    return new Case(d, c, reveal);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void verify_honestReveal_passes(long seed) {
    Case k = randomCase(seed);
    for (EscrowReveal part : k.parts()) {
      assertThatCode(() -> RevealVerifier.verify(k.commitment(), part)).doesNotThrowAnyException();
    }
    assertThatCode(() -> RevealVerifier.verifyWhole(k.commitment(), k.parts()))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void verify_anyChangedItemField_refused(long seed) {
    Case k = randomCase(seed);
    RevealedItem o = k.reveal().items().get(0);
    var attrs = new TreeMap<>(o.attributes());
    attrs.merge("reentry-vehicles", 1L, Long::sum);
    List<RevealedItem> variants =
        List.of(
            new RevealedItem(
                o.id() + "x",
                o.category(),
                o.status(),
                o.site(),
                o.zone(),
                o.attributes(),
                o.salt(),
                o.leafIndex(),
                o.proof()),
            new RevealedItem(
                o.id(),
                o.category().equals("icbm") ? "slbm" : "icbm",
                o.status(),
                o.site(),
                o.zone(),
                o.attributes(),
                o.salt(),
                o.leafIndex(),
                o.proof()),
            new RevealedItem(
                o.id(),
                o.category(),
                o.status() + "-x",
                o.site(),
                o.zone(),
                o.attributes(),
                o.salt(),
                o.leafIndex(),
                o.proof()),
            new RevealedItem(
                o.id(),
                o.category(),
                o.status(),
                o.site() + "x",
                o.zone(),
                o.attributes(),
                o.salt(),
                o.leafIndex(),
                o.proof()),
            new RevealedItem(
                o.id(),
                o.category(),
                o.status(),
                o.site(),
                o.zone() + "x",
                o.attributes(),
                o.salt(),
                o.leafIndex(),
                o.proof()),
            new RevealedItem(
                o.id(),
                o.category(),
                o.status(),
                o.site(),
                o.zone(),
                attrs,
                o.salt(),
                o.leafIndex(),
                o.proof()));
    for (RevealedItem changed : variants) {
      EscrowReveal bad = withFirst(k.reveal(), changed, RevealSelection.chosen());
      assertThatThrownBy(() -> RevealVerifier.verify(k.commitment(), bad))
          .isInstanceOf(RevealException.class)
          .hasMessageContaining("does not open the commitment (item, salt, proof or root altered)");
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void verify_anyFlippedSaltDigit_refused(long seed) {
    Case k = randomCase(seed);
    RevealedItem o = k.reveal().items().get(0);
    for (int pos = 0; pos < 64; pos += 7) {
      RevealedItem changed =
          new RevealedItem(
              o.id(),
              o.category(),
              o.status(),
              o.site(),
              o.zone(),
              o.attributes(),
              flipHex(o.salt(), pos),
              o.leafIndex(),
              o.proof());
      EscrowReveal bad = withFirst(k.reveal(), changed, RevealSelection.chosen());
      assertThatThrownBy(() -> RevealVerifier.verify(k.commitment(), bad))
          .isInstanceOf(RevealException.class)
          .hasMessageStartingWith(
              "item " + o.id() + " at leaf " + o.leafIndex() + " does not open the commitment");
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void verify_anyChangedProof_refused(long seed) {
    Case k = randomCase(seed);
    RevealedItem o = k.reveal().items().get(0);
    var variants = new ArrayList<List<String>>();
    for (int i = 0; i < o.proof().size(); i++) {
      var p = new ArrayList<>(o.proof());
      p.set(i, flipHex(p.get(i), i % 64));
      variants.add(p);
    }
    if (!o.proof().isEmpty()) {
      variants.add(o.proof().subList(0, o.proof().size() - 1)); // one hash short
    }
    var longer = new ArrayList<>(o.proof());
    longer.add(Hash.EMPTY.hex());
    variants.add(longer);
    for (List<String> proof : variants) {
      RevealedItem changed =
          new RevealedItem(
              o.id(),
              o.category(),
              o.status(),
              o.site(),
              o.zone(),
              o.attributes(),
              o.salt(),
              o.leafIndex(),
              proof);
      EscrowReveal bad = withFirst(k.reveal(), changed, RevealSelection.chosen());
      assertThatThrownBy(() -> RevealVerifier.verify(k.commitment(), bad))
          .isInstanceOf(RevealException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void verify_changedLeafIndex_refused(long seed) {
    Case k = randomCase(seed);
    RevealedItem o = k.reveal().items().get(0);
    long size = k.commitment().itemCount();
    for (long index : new long[] {o.leafIndex() + 1, o.leafIndex() - 1, size, size + 5}) {
      if (index < 0 || index == o.leafIndex()) {
        continue;
      }
      RevealedItem changed =
          new RevealedItem(
              o.id(),
              o.category(),
              o.status(),
              o.site(),
              o.zone(),
              o.attributes(),
              o.salt(),
              index,
              o.proof());
      EscrowReveal bad = withFirst(k.reveal(), changed, RevealSelection.chosen());
      assertThatThrownBy(() -> RevealVerifier.verify(k.commitment(), bad))
          .isInstanceOf(RevealException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void verify_changedRoot_refused(long seed) {
    Case k = randomCase(seed);
    EscrowCommitment c = k.commitment();
    EscrowCommitment otherRoot =
        new EscrowCommitment(
            c.treaty(),
            c.author(),
            c.issuedAt(),
            c.asOf(),
            flipHex(c.root(), (int) (seed % 64)),
            c.itemCount(),
            c.totals(),
            "");
    // The commitment's root changed: the reveal names a root that is no longer this commitment's.
    assertThatThrownBy(() -> RevealVerifier.verify(otherRoot, k.reveal()))
        .isInstanceOf(RevealException.class)
        .hasMessageStartingWith("reveal opens commitment root " + c.root());
    // The reveal's root changed to match: every proof now fails.
    EscrowReveal r = k.reveal();
    EscrowReveal retargeted =
        new EscrowReveal(
            r.treaty(),
            r.author(),
            r.issuedAt(),
            otherRoot.root(),
            r.selection(),
            r.part(),
            r.parts(),
            r.items());
    assertThatThrownBy(() -> RevealVerifier.verify(otherRoot, retargeted))
        .isInstanceOf(RevealException.class)
        .hasMessageContaining("does not open the commitment");
  }

  @Test
  void verify_unknownCommitment_refusedNamingRoot() {
    Case k = randomCase(1);
    Case other = randomCase(2);
    assertThatThrownBy(() -> RevealVerifier.verify(List.of(other.commitment()), k.reveal()))
        .isInstanceOf(RevealException.class)
        .hasMessage("reveal by russia opens unknown commitment root " + k.commitment().root());
  }

  @Test
  void verify_knownCommitmentAmongMany_returnsIt() throws Exception {
    Case k = randomCase(1);
    Case other = randomCase(2);
    assertThat(RevealVerifier.verify(List.of(other.commitment(), k.commitment()), k.reveal()))
        .isEqualTo(k.commitment());
  }

  @Test
  void verify_otherAuthor_refused() {
    Case k = randomCase(3);
    EscrowReveal r = k.reveal();
    var byOther =
        new EscrowReveal(
            r.treaty(),
            "united-states",
            r.issuedAt(),
            r.commitmentRoot(),
            r.selection(),
            r.part(),
            r.parts(),
            r.items());
    assertThatThrownBy(() -> RevealVerifier.verify(k.commitment(), byOther))
        .hasMessage("united-states cannot open a commitment made by russia");
  }

  @Test
  void verify_itemOutsideRevealedSite_refused() {
    var d = EscrowFixtures.declaration(11, 100);
    var c = d.commitment(TREATY, PARTY, T0, AS_OF, "");
    EscrowReveal other = d.reveal(TREATY, PARTY, T0, RevealSelection.site("engels")).get(0);
    // Claim the engels items are the yasny region.
    var forged =
        new EscrowReveal(
            TREATY,
            PARTY,
            T0,
            other.commitmentRoot(),
            RevealSelection.site("yasny"),
            1,
            1,
            other.items());
    assertThatThrownBy(() -> RevealVerifier.verify(c, forged))
        .isInstanceOf(RevealException.class)
        .hasMessage(
            "item "
                + other.items().get(0).id()
                + " has site \"engels\", outside the revealed site \"yasny\"");
  }

  @Test
  void verify_sampleNotTheDrawnLeaves_refused() {
    var d = EscrowFixtures.declaration(12, 200);
    var c = d.commitment(TREATY, PARTY, T0, AS_OF, "");
    String seed = Hash.sha256(new byte[] {1}).hex();
    EscrowReveal honest =
        single(d.reveal(TREATY, PARTY, T0, RevealSelection.sample(seed, 5, "req-1")));
    assertThatCode(() -> RevealVerifier.verify(c, honest)).doesNotThrowAnyException();
    // Swap one drawn leaf for another valid opening: the proofs verify, the selection does not.
    long[] drawn = honest.items().stream().mapToLong(RevealedItem::leafIndex).toArray();
    int substitute = 0;
    while (java.util.Arrays.binarySearch(drawn, substitute) >= 0) {
      substitute++;
    }
    var items = new ArrayList<>(honest.items().subList(1, 5));
    items.addAll(d.open(new int[] {substitute}));
    items.sort(java.util.Comparator.comparingLong(RevealedItem::leafIndex));
    var forged =
        new EscrowReveal(
            TREATY, PARTY, T0, honest.commitmentRoot(), honest.selection(), 1, 1, items);
    assertThatThrownBy(() -> RevealVerifier.verify(c, forged))
        .isInstanceOf(RevealException.class)
        .hasMessage(
            "a SAMPLE reveal must open exactly the 5 leaves drawn from seed "
                + seed
                + ": missing leaves ["
                + drawn[0]
                + "], leaves not drawn ["
                + substitute
                + "]");
  }

  @Test
  void revealedItem_saltOfWrongLength_refusedPrecisely() {
    RevealedItem o = randomCase(4).reveal().items().get(0);
    assertThatThrownBy(
            () ->
                new RevealedItem(
                    o.id(),
                    o.category(),
                    o.status(),
                    o.site(),
                    o.zone(),
                    o.attributes(),
                    o.salt().substring(2),
                    o.leafIndex(),
                    o.proof()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "opened item "
                + o.id()
                + ": salt must be 32 bytes as 64 lowercase hex digits, got 62 characters");
  }

  @Test
  void reveal_sameItemTwice_refused() {
    RevealedItem o = randomCase(4).reveal().items().get(0);
    assertThatThrownBy(
            () ->
                new EscrowReveal(
                    TREATY,
                    PARTY,
                    T0,
                    Hash.EMPTY.hex(),
                    RevealSelection.chosen(),
                    1,
                    1,
                    List.of(o, o)))
        .hasMessage("item " + o.id() + " is opened twice");
  }

  @Test
  void reveal_emptySiteReveal_allowedAsClaimOfNothingThere() {
    var d = EscrowFixtures.declaration(13, 50);
    var c = d.commitment(TREATY, PARTY, T0, AS_OF, "");
    EscrowReveal none = single(d.reveal(TREATY, PARTY, T0, RevealSelection.site("nowhere")));
    assertThat(none.items()).isEmpty();
    assertThat(none.selection().kind()).isEqualTo(RevealSelectionKind.SITE);
    assertThatCode(() -> RevealVerifier.verify(c, none)).doesNotThrowAnyException();
  }

  @Test
  void reveal_hundredOfManyItems_cutIntoPartsThatFitTheCodecAndVerify() throws Exception {
    var d = EscrowFixtures.declaration(14, 20_000);
    var c = d.commitment(TREATY, PARTY, T0, AS_OF, "");
    List<EscrowReveal> parts =
        d.reveal(
            TREATY,
            PARTY,
            T0,
            RevealSelection.sample(Hash.sha256(new byte[] {9}).hex(), 100, "req-9"));
    assertThat(parts).hasSizeGreaterThan(1);
    assertThat(parts.stream().mapToInt(p -> p.items().size()).sum()).isEqualTo(100);
    for (EscrowReveal part : parts) {
      assertThat(part.parts()).isEqualTo(parts.size());
      String text = StatementCodec.encodeText(part, "countersign.local/new-start");
      assertThat(text.length()).isLessThanOrEqualTo(StatementCodec.MAX_TEXT_BYTES);
      assertThat(StatementCodec.decodeText(text)).isEqualTo(part);
    }
    RevealVerifier.verifyWhole(c, parts);
  }

  @Test
  void verifyWhole_missingPart_refused() {
    var d = EscrowFixtures.declaration(14, 5_000);
    var c = d.commitment(TREATY, PARTY, T0, AS_OF, "");
    List<EscrowReveal> parts =
        d.reveal(
            TREATY,
            PARTY,
            T0,
            RevealSelection.sample(Hash.sha256(new byte[] {9}).hex(), 100, "req-9"));
    assertThat(parts.size()).isGreaterThan(1);
    assertThatThrownBy(() -> RevealVerifier.verifyWhole(c, parts.subList(1, parts.size())))
        .isInstanceOf(RevealException.class)
        .hasMessage("only " + (parts.size() - 1) + " of the " + parts.size() + " parts are given");
    assertThatThrownBy(() -> RevealVerifier.verifyWhole(c, List.of(parts.get(0), parts.get(0))))
        .hasMessage("part 1 of " + parts.size() + " is given twice");
  }

  @Test
  void verify_samplePartWithUndrawnLeaf_refused() {
    var d = EscrowFixtures.declaration(15, 5_000);
    var c = d.commitment(TREATY, PARTY, T0, AS_OF, "");
    String seed = Hash.sha256(new byte[] {3}).hex();
    long[] drawn =
        org.countersign.treaty.inspection.UniformSample.drawSorted(
            Hash.sha256(new byte[] {3}), 100, 5_000);
    int undrawn = 0;
    while (java.util.Arrays.binarySearch(drawn, undrawn) >= 0) {
      undrawn++;
    }
    RevealedItem stranger = d.open(new int[] {undrawn}).get(0);
    var part =
        new EscrowReveal(
            TREATY,
            PARTY,
            T0,
            c.root(),
            RevealSelection.sample(seed, 100, "req-3"),
            2,
            3,
            List.of(stranger));
    assertThatThrownBy(() -> RevealVerifier.verify(c, part))
        .hasMessage(
            "item "
                + stranger.id()
                + " at leaf "
                + undrawn
                + " is not among the leaves drawn from seed "
                + seed);
  }

  private static EscrowReveal single(List<EscrowReveal> parts) {
    assertThat(parts).hasSize(1);
    return parts.get(0);
  }

  /** A CHOSEN reveal of the one (altered) item, so that only the item checks can fail. */
  private static EscrowReveal withFirst(
      EscrowReveal r, RevealedItem first, RevealSelection selection) {
    return new EscrowReveal(
        r.treaty(), r.author(), r.issuedAt(), r.commitmentRoot(), selection, 1, 1, List.of(first));
  }

  static String flipHex(String hex, int pos) {
    char ch = hex.charAt(pos);
    char flipped = ch == '0' ? '1' : '0';
    return hex.substring(0, pos) + flipped + hex.substring(pos + 1);
  }
}
