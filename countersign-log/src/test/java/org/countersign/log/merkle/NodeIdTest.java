package org.countersign.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class NodeIdTest {
  /** Storage indexes number hashes in the order appends produce them (Go tlog's order). */
  @Test
  void storageIndex_firstHundredThousand_matchesAppendOrder() {
    long next = 0;
    for (long leaf = 0; leaf < 100_000; leaf++) {
      // Appending leaf i stores its hash, then one node per trailing one bit of i.
      int completed = Long.numberOfTrailingZeros(~leaf);
      for (int level = 0; level <= completed; level++) {
        NodeId node = new NodeId(level, ((leaf + 1) >> level) - 1);
        assertThat(node.storageIndex()).as("%s", node).isEqualTo(next);
        assertThat(NodeId.fromStorageIndex(next)).isEqualTo(node);
        next++;
      }
      assertThat(NodeId.storedHashCount(leaf + 1)).isEqualTo(next);
    }
  }

  /** Values from Go's documentation of StoredHashIndex: tree of 8 leaves has 15 hashes. */
  @Test
  void storageIndex_smallTree_matchesGoLayout() {
    assertThat(new NodeId(0, 0).storageIndex()).isZero();
    assertThat(new NodeId(0, 1).storageIndex()).isEqualTo(1);
    assertThat(new NodeId(1, 0).storageIndex()).isEqualTo(2);
    assertThat(new NodeId(0, 2).storageIndex()).isEqualTo(3);
    assertThat(new NodeId(0, 3).storageIndex()).isEqualTo(4);
    assertThat(new NodeId(1, 1).storageIndex()).isEqualTo(5);
    assertThat(new NodeId(2, 0).storageIndex()).isEqualTo(6);
    assertThat(new NodeId(3, 0).storageIndex()).isEqualTo(14);
    assertThat(NodeId.storedHashCount(8)).isEqualTo(15);
  }

  @Test
  void fromStorageIndex_randomLargeIndexes_roundTrips() {
    RandomGenerator rnd = TestTrees.random(11);
    long max = NodeId.storedHashCount(NodeId.MAX_STORED_LEAVES);
    for (int i = 0; i < 200_000; i++) {
      long index = rnd.nextLong(max);
      NodeId node = NodeId.fromStorageIndex(index);
      assertThat(node.storageIndex()).isEqualTo(index);
    }
    assertThat(NodeId.fromStorageIndex(max - 1).storageIndex()).isEqualTo(max - 1);
    assertThatThrownBy(() -> NodeId.fromStorageIndex(max))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NodeId.fromStorageIndex(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cover_ranges_areMaximalAlignedBlocksLeftToRight() {
    assertThat(NodeId.cover(0, 0)).isEmpty();
    assertThat(NodeId.cover(0, 7))
        .containsExactly(new NodeId(2, 0), new NodeId(1, 2), new NodeId(0, 6));
    assertThat(NodeId.cover(8, 13)).containsExactly(new NodeId(2, 2), new NodeId(0, 12));
    assertThat(NodeId.cover(3, 8)).containsExactly(new NodeId(0, 3), new NodeId(2, 1));
    assertThat(NodeId.cover(0, Long.MAX_VALUE)).hasSize(63);
    RandomGenerator rnd = TestTrees.random(5);
    for (int i = 0; i < 10_000; i++) {
      long end = rnd.nextLong(1L << 40);
      long start = rnd.nextLong(end + 1);
      List<NodeId> cover = NodeId.cover(start, end);
      long at = start;
      for (NodeId n : cover) {
        assertThat(n.firstLeaf()).isEqualTo(at);
        at = n.endLeaf();
      }
      assertThat(at).isEqualTo(end);
    }
  }

  @Test
  void constructor_outOfRange_throws() {
    assertThatThrownBy(() -> new NodeId(-1, 0)).hasMessageContaining("level");
    assertThatThrownBy(() -> new NodeId(63, 0)).hasMessageContaining("level");
    assertThatThrownBy(() -> new NodeId(0, -1)).hasMessageContaining("index");
    assertThatThrownBy(() -> new NodeId(62, 1)).hasMessageContaining("index");
    assertThat(new NodeId(0, Long.MAX_VALUE - 1).endLeaf()).isEqualTo(Long.MAX_VALUE);
  }
}
