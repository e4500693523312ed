package org.countersign.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.countersign.log.Hash;
import org.countersign.log.tile.EntryBundle;
import org.countersign.log.tile.TileId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The value types refuse impossible batches before any driver sees them. */
class BatchTest {
  private static final NewEntry A = NewEntry.of(new byte[] {1});
  private static final NewEntry B = NewEntry.of(new byte[] {2});

  @Test
  void newEntry_maxSize_isAccepted_oneMore_throws() {
    assertThat(NewEntry.of(new byte[EntryBundle.MAX_ENTRY_SIZE]).data()).hasSize(65_535);
    assertThatThrownBy(() -> NewEntry.of(new byte[EntryBundle.MAX_ENTRY_SIZE + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65536");
  }

  @Test
  void newEntry_of_identityIsSha256OfData() {
    assertThat(A.identity()).isEqualTo(Hash.sha256(new byte[] {1}));
  }

  @Test
  void newEntry_copiesInAndOut() {
    byte[] data = {7, 8};
    NewEntry e = NewEntry.of(data);
    data[0] = 0;
    e.data()[1] = 0;
    assertThat(e.data()).containsExactly(7, 8);
  }

  @Test
  void batch_newSize_isExpectedPlusEntries() {
    assertThat(new Batch(10, List.of(A, B), Map.of(), "n").newSize()).isEqualTo(12);
  }

  @Test
  void batch_repeatedIdentity_throws() {
    assertThatThrownBy(() -> new Batch(0, List.of(A, B, A), Map.of(), "n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entry 2")
        .hasMessageContaining(A.identity().hex());
  }

  @Test
  void batch_negativeExpectedSize_throws() {
    assertThatThrownBy(() -> new Batch(-1, List.of(A), Map.of(), "n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void batch_emptyAfterSizeZero_throws() {
    assertThatThrownBy(() -> new Batch(5, List.of(), Map.of(), "n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty tree");
  }

  @Test
  void batch_emptyWithTiles_throws() {
    assertThatThrownBy(
            () -> new Batch(0, List.of(), Map.of(new TileId(0, 0, 1), new byte[32]), "n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void batch_sizeOverflow_throws() {
    assertThatThrownBy(() -> new Batch(Long.MAX_VALUE, List.of(A), Map.of(), "n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overflow");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 31, 33, 64, 8191, 8192, 8224})
  void batch_tileNotHoldingItsWidth_throws(int length) {
    TileId one = new TileId(0, 0, 1);
    assertThatThrownBy(() -> new Batch(0, List.of(A), Map.of(one, new byte[length]), "n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tile/0/000.p/1")
        .hasMessageContaining(length + " bytes");
  }

  @ParameterizedTest
  @ValueSource(ints = {32, 64, 8160, 8192})
  void batch_tileHoldingItsWidth_isAccepted(int length) {
    TileId id = new TileId(0, 0, length / 32);
    assertThat(new Batch(0, List.of(A), Map.of(id, new byte[length]), "n").tiles()).containsKey(id);
  }

  @Test
  void batch_twoVersionsOfOneTile_throws() {
    Map<TileId, byte[]> tiles = new LinkedHashMap<>();
    tiles.put(new TileId(0, 0, 1), new byte[32]);
    tiles.put(new TileId(0, 0, 2), new byte[64]);
    assertThatThrownBy(() -> new Batch(0, List.of(A), tiles, "n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two versions");
  }

  @Test
  void batch_tileAboveTheStoresTopLevel_throws() {
    assertThatThrownBy(
            () -> new Batch(0, List.of(A), Map.of(new TileId(8, 0, 1), new byte[32]), "n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tile level")
        .hasMessageContaining("8");
  }

  @Test
  void batch_tilesAreCopiedInAndOut() {
    byte[] tile = new byte[32];
    Map<TileId, byte[]> tiles = new HashMap<>();
    tiles.put(new TileId(0, 0, 1), tile);
    Batch b = new Batch(0, List.of(A), tiles, "n");
    tile[0] = 1;
    tiles.clear();
    Objects.requireNonNull(b.tiles().get(new TileId(0, 0, 1)))[1] = 1;

    assertThat(b.tiles().get(new TileId(0, 0, 1))).isEqualTo(new byte[32]);
  }

  @Test
  void batch_unstorableNote_throws() {
    assertThatThrownBy(() -> new Batch(0, List.of(A), Map.of(), ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Batch(0, List.of(A), Map.of(), "x\0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset 1");
    assertThatThrownBy(() -> new Batch(0, List.of(A), Map.of(), "x\udc00"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("surrogate");
    assertThatThrownBy(() -> new Batch(0, List.of(A), Map.of(), "x".repeat((1 << 20) + 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void treeState_nonEmptyWithoutCheckpoint_throws() {
    assertThatThrownBy(() -> new TreeState(1, "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TreeState(-1, "n")).isInstanceOf(IllegalArgumentException.class);
    assertThat(TreeState.EMPTY.hasCheckpoint()).isFalse();
    assertThat(new TreeState(0, "n").hasCheckpoint()).isTrue();
  }
}
