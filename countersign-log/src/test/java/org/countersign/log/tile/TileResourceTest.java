package org.countersign.log.tile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.countersign.log.MalformedInputException;
import org.junit.jupiter.api.Test;

class TileResourceTest {
  @Test
  void parse_canonicalPaths() throws Exception {
    assertThat(TileResource.parse("tile/0/005")).isEqualTo(new TileId(0, 5, 256));
    assertThat(TileResource.parse("tile/1/x001/234.p/17")).isEqualTo(new TileId(1, 1234, 17));
    assertThat(TileResource.parse("tile/entries/x123/x456/789"))
        .isEqualTo(new EntryBundleId(123456789, 256));
    assertThat(TileResource.parse("tile/entries/000.p/1").isPartial()).isTrue();
  }

  @Test
  void fullTile_namesTheTileEveryPartialIsAPrefixOf() {
    assertThat(new TileId(2, 7, 17).fullTile()).isEqualTo(new TileId(2, 7, 256));
    TileId full = TileId.full(2, 7);
    assertThat(full.fullTile()).isSameAs(full);
  }

  @Test
  void parse_nonCanonical_refused() {
    for (String p :
        new String[] {
          "tile/0/5",
          "tile/00/005",
          "tile/0/x000/005",
          "tile/0/005.p/0",
          "tile/0/005.p/256",
          "tile/0/005.p/017",
          "tile/0/005/",
          "tile/-1/005",
          "tile/entries/005.p/",
          "tile/x/005",
          "tile/0/1234",
          "checkpoint"
        }) {
      assertThatThrownBy(() -> TileResource.parse(p))
          .as(p)
          .isInstanceOf(MalformedInputException.class);
    }
  }

  @Test
  void requiredTreeSize_matchesTlogTiles() {
    assertThat(new TileId(0, 0, 1).requiredTreeSize()).isEqualTo(1);
    assertThat(new TileId(0, 0, 256).requiredTreeSize()).isEqualTo(256);
    assertThat(new TileId(0, 273, 112).requiredTreeSize()).isEqualTo(70_000);
    assertThat(new TileId(1, 0, 17).requiredTreeSize()).isEqualTo(17 * 256);
    assertThat(new TileId(1, 1, 256).requiredTreeSize()).isEqualTo(2 * 65_536);
    assertThat(new TileId(2, 0, 1).requiredTreeSize()).isEqualTo(65_536);
    assertThat(new EntryBundleId(2, 3).requiredTreeSize()).isEqualTo(515);
    assertThat(new TileId(7, 1, 1).requiredTreeSize()).isEqualTo(Long.MAX_VALUE);
    assertThat(new TileId(8, 0, 1).requiredTreeSize()).isEqualTo(Long.MAX_VALUE);
    assertThat(new TileId(0, Long.MAX_VALUE / 2, 256).requiredTreeSize()).isEqualTo(Long.MAX_VALUE);
  }
}
