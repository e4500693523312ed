package org.countersign.server.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.countersign.log.Hash;
import org.countersign.log.merkle.Rfc6962;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TileSubtreesTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 8, 100, 128, 129, 255, 256})
  void node_everyCompleteSubtree_equalsRootOfItsHashes(int width) {
    byte[] tile = new byte[width * Hash.SIZE];
    new SplittableRandom(width).nextBytes(tile);
    TileSubtrees t = TileSubtrees.of(tile);
    assertThat(t.width()).isEqualTo(width);
    int checked = 0;
    for (int r = 0; r <= TileSubtrees.HEIGHT; r++) {
      for (int j = 0; ((j + 1) << r) <= width; j++) {
        assertThat(t.covers(r, j)).isTrue();
        assertThat(t.node(r, j))
            .as("height %d, position %d", r, j)
            .isEqualTo(Rfc6962.rootOf(tile, (j << r) * Hash.SIZE, 1 << r));
        checked++;
      }
      int beyond = width >>> r;
      assertThat(t.covers(r, beyond)).as("height %d, first incomplete", r).isFalse();
    }
    assertThat(checked).isGreaterThanOrEqualTo(width);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 31, 33, 257 * 32})
  void of_notWholeHashesOrTooWide_throws(int bytes) {
    assertThatThrownBy(() -> TileSubtrees.of(new byte[bytes]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Integer.toString(bytes));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 200})
  void node_outsideTheTile_throws(int width) {
    TileSubtrees t = TileSubtrees.of(new byte[width * Hash.SIZE]);
    assertThatThrownBy(() -> t.node(8, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.node(0, width)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.node(-1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
