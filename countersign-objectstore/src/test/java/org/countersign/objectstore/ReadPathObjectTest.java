package org.countersign.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadPathObjectTest {
  private static Set<String> paths(List<ReadPathObject> objects) {
    Set<String> out = new HashSet<>();
    objects.forEach(o -> out.add(o.path()));
    return out;
  }

  @Test
  void needed_size70000_isTheTilesTheSpecArithmeticGives() {
    List<ReadPathObject> all = ReadPathObject.needed(70_000);
    Set<String> p = paths(all);
    // 273 full level-0 tiles + partial 112; 1 full level-1 tile + partial 17; level-2 partial 1;
    // 273 full bundles + a partial of 112.
    assertThat(all).hasSize(273 + 1 + 1 + 1 + 1 + 273 + 1);
    assertThat(p)
        .contains(
            "tile/0/272",
            "tile/0/273.p/112",
            "tile/1/000",
            "tile/1/001.p/17",
            "tile/2/000.p/1",
            "tile/entries/272",
            "tile/entries/273.p/112")
        .doesNotContain("tile/0/273", "tile/2/000");
    assertThat(all.stream().filter(ReadPathObject::isPartial).count()).isEqualTo(4);
  }

  @Test
  void needed_emptyTree_isNothing_andSize256HasNoLevel0Partial() {
    assertThat(ReadPathObject.needed(0)).isEmpty();
    assertThat(paths(ReadPathObject.needed(256)))
        .containsExactlyInAnyOrder("tile/0/000", "tile/1/000.p/1", "tile/entries/000");
  }

  @Test
  void added_coversWhatTheLargerTreeNeeds_andNothingTheSmallerHad() {
    Random r = new Random(14);
    for (int i = 0; i < 2000; i++) {
      long from = r.nextInt(3) == 0 ? r.nextInt(600) : r.nextInt(200_000);
      long to = from + (r.nextBoolean() ? r.nextInt(300) : r.nextInt(70_000));
      Set<String> before = paths(ReadPathObject.needed(from));
      List<ReadPathObject> added = ReadPathObject.added(from, to);
      Set<String> union = new HashSet<>(before);
      union.addAll(paths(added));
      assertThat(union).as("%d -> %d", from, to).containsAll(paths(ReadPathObject.needed(to)));
      for (ReadPathObject o : added) {
        assertThat(before).as("%d -> %d rewrites %s", from, to, o.path()).doesNotContain(o.path());
      }
      assertThat(paths(added)).hasSameSizeAs(added);
    }
    assertThat(ReadPathObject.added(500, 500)).isEmpty();
  }

  @Test
  void added_refusesAShrinkingTree() {
    assertThatThrownBy(() -> ReadPathObject.added(10, 9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 -> 9");
  }

  @Test
  void knownLength_isThirtyTwoBytesPerHash_andUnknownForBundles() {
    List<Long> lengths = new ArrayList<>();
    for (ReadPathObject o : ReadPathObject.needed(300)) {
      o.knownLength().ifPresent(lengths::add);
      if (o instanceof ReadPathObject.Bundle) {
        assertThat(o.knownLength()).isEmpty();
      }
    }
    assertThat(lengths).containsExactlyInAnyOrder(8192L, 44L * 32, 32L);
  }
}
