package org.countersign.treaty.escrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.countersign.treaty.escrow.EscrowFixtures.AS_OF;
import static org.countersign.treaty.escrow.EscrowFixtures.PARTY;
import static org.countersign.treaty.escrow.EscrowFixtures.T0;
import static org.countersign.treaty.escrow.EscrowFixtures.TREATY;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.countersign.log.Hash;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowTotal;
import org.countersign.treaty.statement.RevealSelection;
import org.junit.jupiter.api.Test;

class EscrowDeclarationTest {

  @Test
  void commit_sameSeed_sameRoot_differentSeed_differentRoot() {
    var items = EscrowFixtures.items(EscrowFixtures.rng(1), 50);
    var a = EscrowDeclaration.commit(items, EscrowFixtures.rng(7));
    var b = EscrowDeclaration.commit(items, EscrowFixtures.rng(7));
    var c = EscrowDeclaration.commit(items, EscrowFixtures.rng(8));
    assertThat(a.root()).isEqualTo(b.root());
    assertThat(a.root()).isNotEqualTo(c.root()); // fresh salts hide equal declarations
  }

  @Test
  void restore_itemsAndSalts_rebuildsSameRootAndLeaves() {
    var d = EscrowFixtures.declaration(3, 300);
    byte[] salts = new byte[d.itemCount() * 32];
    for (int i = 0; i < d.itemCount(); i++) {
      System.arraycopy(d.salt(i), 0, salts, i * 32, 32);
    }
    var back = EscrowDeclaration.restore(d.items(), salts);
    assertThat(back.root()).isEqualTo(d.root());
    for (int i = 0; i < d.itemCount(); i++) {
      assertThat(back.leafIndexOfItem(i)).isEqualTo(d.leafIndexOfItem(i));
    }
  }

  @Test
  void commit_leavesInCommitmentOrder_notItemOrder() {
    var d = EscrowFixtures.declaration(4, 400);
    Hash previous = null;
    for (int leaf = 0; leaf < d.itemCount(); leaf++) {
      EscrowItem item = d.itemAtLeaf(leaf);
      int index = d.items().indexOf(item);
      Hash c = ItemCommitment.of(item, d.salt(index));
      if (previous != null) {
        assertThat(c.compareTo(previous)).isPositive();
      }
      previous = c;
    }
    // Leaf positions are a shuffle of item order, so an opened position says nothing about ids.
    long inPlace =
        java.util.stream.IntStream.range(0, d.itemCount())
            .filter(i -> d.leafIndexOfItem(i) == i)
            .count();
    assertThat(inPlace).isLessThan(20);
  }

  @Test
  void commit_duplicateId_refused() {
    var items = new ArrayList<>(EscrowFixtures.items(EscrowFixtures.rng(1), 10));
    items.add(EscrowItem.of("item-3", "icbm", "deployed", "yasny", ""));
    assertThatThrownBy(() -> EscrowDeclaration.commit(items, EscrowFixtures.rng(1)))
        .hasMessage("item id item-3 is declared twice");
  }

  @Test
  void commit_idsWithEqualHashCodes_acceptedAndTrueDuplicateFound() {
    // "Aa" and "BB" share String.hashCode: the uniqueness check must compare the strings.
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    var items =
        List.of(
            EscrowItem.of("Aa", "icbm", "deployed", "s", ""),
            EscrowItem.of("BB", "icbm", "deployed", "s", ""));
    assertThat(EscrowDeclaration.commit(items, EscrowFixtures.rng(1)).itemCount()).isEqualTo(2);
    var dup = List.of(items.get(0), items.get(1), EscrowItem.of("BB", "slbm", "deployed", "t", ""));
    assertThatThrownBy(() -> EscrowDeclaration.commit(dup, EscrowFixtures.rng(1)))
        .hasMessage("item id BB is declared twice");
  }

  @Test
  void sortByCommitment_prefixTies_orderedByFullValue() {
    // Six commitments that agree on their first 8 bytes and differ only later, in shuffled order.
    byte[][] values = new byte[6][32];
    int[] lastByte = {9, 3, 200, 0, 77, 128};
    for (int i = 0; i < 6; i++) {
      java.util.Arrays.fill(values[i], 0, 8, (byte) 0xAB);
      values[i][31] = (byte) lastByte[i];
    }
    values[5][0] = 0x01; // one with a smaller prefix goes first
    byte[] flat = new byte[6 * 32];
    for (int i = 0; i < 6; i++) {
      System.arraycopy(values[i], 0, flat, i * 32, 32);
    }
    assertThat(EscrowDeclaration.sortByCommitment(flat, 6)).containsExactly(5, 3, 1, 0, 4, 2);
  }

  @Test
  void commit_noItems_refused() {
    assertThatThrownBy(() -> EscrowDeclaration.commit(List.of(), EscrowFixtures.rng(1)))
        .hasMessage("a declaration commits to at least one item");
  }

  @Test
  void restore_wrongSaltLength_refused() {
    var items = EscrowFixtures.items(EscrowFixtures.rng(1), 3);
    assertThatThrownBy(() -> EscrowDeclaration.restore(items, new byte[95]))
        .hasMessage("3 items need 96 bytes of salt, got 95");
  }

  @Test
  void totals_countAndSumPerGroup_sortedAndPublished() {
    var items =
        List.of(
            EscrowFixtures.item("a", "icbm", "deployed", "s1", "", Map.of("reentry-vehicles", 4L)),
            EscrowFixtures.item("b", "icbm", "deployed", "s1", "", Map.of("reentry-vehicles", 3L)),
            EscrowFixtures.item(
                "c", "icbm", "non-deployed", "s2", "", Map.of("reentry-vehicles", 0L)),
            EscrowFixtures.item("d", "heavy-bomber", "deployed", "s3", "", Map.of("warheads", 1L)));
    var d = EscrowDeclaration.commit(items, EscrowFixtures.rng(1));
    assertThat(d.totals())
        .containsExactly(
            new EscrowTotal("heavy-bomber", "deployed", 1, Map.of("warheads", 1L)),
            new EscrowTotal("icbm", "deployed", 2, Map.of("reentry-vehicles", 7L)),
            new EscrowTotal("icbm", "non-deployed", 1, Map.of("reentry-vehicles", 0L)));
    EscrowCommitment c = d.commitment(TREATY, PARTY, T0, AS_OF, "");
    assertThat(c.root()).isEqualTo(d.root().hex());
    assertThat(c.itemCount()).isEqualTo(4);
    assertThat(c.kind()).isEqualTo("escrow-commitment");
  }

  @Test
  void select_regions_openExactlyTheirItems() {
    var d = EscrowFixtures.declaration(5, 500);
    for (String site : EscrowFixtures.SITES) {
      int[] leaves = d.select(RevealSelection.site(site));
      assertThat(leaves).isSorted();
      assertThat(Arrays.stream(leaves).mapToObj(d::itemAtLeaf).allMatch(i -> i.site().equals(site)))
          .isTrue();
      assertThat(leaves.length)
          .isEqualTo((int) d.items().stream().filter(i -> i.site().equals(site)).count());
    }
    int total = 0;
    for (String category : EscrowFixtures.CATEGORIES) {
      total += d.select(RevealSelection.category(category)).length;
    }
    assertThat(total).isEqualTo(500);
    int zoned =
        d.select(RevealSelection.zone("zone-west")).length
            + d.select(RevealSelection.zone("zone-east")).length;
    assertThat(zoned).isEqualTo(500);
  }

  @Test
  void select_sample_drawsDistinctLeavesFromSeed() {
    var d = EscrowFixtures.declaration(6, 1000);
    String seed = Hash.sha256("seed".getBytes(StandardCharsets.UTF_8)).hex();
    int[] a = d.select(RevealSelection.sample(seed, 100, "req-1"));
    int[] b = d.select(RevealSelection.sample(seed, 100, "req-1"));
    assertThat(a).hasSize(100).isSorted().doesNotHaveDuplicates().isEqualTo(b);
  }

  @Test
  void revealItems_unknownId_refusedNamingIt() {
    var d = EscrowFixtures.declaration(6, 10);
    assertThatThrownBy(() -> d.revealItems(TREATY, PARTY, T0, List.of("item-1", "ghost")))
        .hasMessage("not in this declaration: [ghost]");
  }

  @Test
  void toString_showsNoSecrets() {
    var d = EscrowFixtures.declaration(6, 10);
    assertThat(d.toString()).isEqualTo("EscrowDeclaration[root=" + d.root().hex() + ", items=10]");
  }
}
