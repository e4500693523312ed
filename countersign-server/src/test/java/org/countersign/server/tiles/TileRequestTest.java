package org.countersign.server.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TileRequestTest {
  @Test
  void parse_canonicalPaths() {
    assertThat(TileRequest.parse("tile/0/005")).contains(new TileRequest(0, 5, 256));
    assertThat(TileRequest.parse("tile/1/x001/234.p/17")).contains(new TileRequest(1, 1234, 17));
    assertThat(TileRequest.parse("tile/entries/x123/x456/789"))
        .contains(new TileRequest(-1, 123456789, 256));
    assertThat(TileRequest.parse("tile/entries/000.p/1").get().isEntries()).isTrue();
  }

  @Test
  void parse_nonCanonical_empty() {
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
      assertThat(TileRequest.parse(p)).as(p).isEmpty();
    }
  }

  @Test
  void requiredTreeSize_matchesTlogTiles() {
    assertThat(new TileRequest(0, 0, 1).requiredTreeSize()).isEqualTo(1);
    assertThat(new TileRequest(0, 0, 256).requiredTreeSize()).isEqualTo(256);
    assertThat(new TileRequest(0, 273, 112).requiredTreeSize()).isEqualTo(70_000);
    assertThat(new TileRequest(1, 0, 17).requiredTreeSize()).isEqualTo(17 * 256);
    assertThat(new TileRequest(1, 1, 256).requiredTreeSize()).isEqualTo(2 * 65_536);
    assertThat(new TileRequest(2, 0, 1).requiredTreeSize()).isEqualTo(65_536);
    assertThat(new TileRequest(-1, 2, 3).requiredTreeSize()).isEqualTo(515);
    assertThat(new TileRequest(7, 1, 1).requiredTreeSize()).isEqualTo(Long.MAX_VALUE);
    assertThat(new TileRequest(8, 0, 1).requiredTreeSize()).isEqualTo(Long.MAX_VALUE);
    assertThat(new TileRequest(0, Long.MAX_VALUE / 2, 256).requiredTreeSize())
        .isEqualTo(Long.MAX_VALUE);
  }
}
