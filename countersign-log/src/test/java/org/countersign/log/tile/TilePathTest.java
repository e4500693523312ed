package org.countersign.log.tile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;
import org.countersign.log.MalformedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TilePathTest {
  @Test
  void path_specExamples_encodeIndexInGroupsOfThree() {
    assertThat(TileId.full(0, 1234067).path()).isEqualTo("tile/0/x001/x234/067");
    assertThat(TileId.full(0, 1234).path()).isEqualTo("tile/0/x001/234");
    assertThat(TileId.full(0, 5).path()).isEqualTo("tile/0/005");
    assertThat(TileId.full(0, 123456789).path()).isEqualTo("tile/0/x123/x456/789");
    assertThat(TileId.full(3, 0).path()).isEqualTo("tile/3/000");
    assertThat(TileId.full(1, 1000).path()).isEqualTo("tile/1/x001/000");
    assertThat(new TileId(2, 5, 17).path()).isEqualTo("tile/2/005.p/17");
    assertThat(new TileId(0, 1234067, 255).path()).isEqualTo("tile/0/x001/x234/067.p/255");
    assertThat(TileId.full(63, Long.MAX_VALUE).path())
        .isEqualTo("tile/63/x009/x223/x372/x036/x854/x775/807");
    assertThat(new EntryBundleId(1234067, 256).path()).isEqualTo("tile/entries/x001/x234/067");
    assertThat(new EntryBundleId(5, 1).path()).isEqualTo("tile/entries/005.p/1");
  }

  @Test
  void parse_specExamples_giveTheIds() throws Exception {
    assertThat(TileId.parse("tile/0/x001/x234/067")).isEqualTo(TileId.full(0, 1234067));
    assertThat(TileId.parse("tile/2/005.p/17")).isEqualTo(new TileId(2, 5, 17));
    assertThat(TileId.parse("tile/63/x009/x223/x372/x036/x854/x775/807"))
        .isEqualTo(TileId.full(63, Long.MAX_VALUE));
    assertThat(EntryBundleId.parse("tile/entries/x001/234.p/5"))
        .isEqualTo(new EntryBundleId(1234, 5));
  }

  @Test
  void parse_randomIds_roundTrips() throws Exception {
    RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(8);
    for (int i = 0; i < 50_000; i++) {
      long index = rnd.nextLong() >>> rnd.nextInt(1, 64);
      int width = rnd.nextBoolean() ? 256 : rnd.nextInt(1, 257);
      TileId id = new TileId(rnd.nextInt(64), index, width);
      assertThat(TileId.parse(id.path())).isEqualTo(id);
      assertThat(TileId.parse(id.path()).path()).isEqualTo(id.path());
      EntryBundleId b = new EntryBundleId(index, width);
      assertThat(EntryBundleId.parse(b.path())).isEqualTo(b);
    }
  }

  static Stream<Arguments> malformedTilePaths() throws IOException {
    return fixtures("malformed-tile-paths.txt");
  }

  static Stream<Arguments> malformedBundlePaths() throws IOException {
    return fixtures("malformed-bundle-paths.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedTilePaths")
  void parse_malformedTilePath_throwsNamingTheProblem(String path, String fragment) {
    assertThatThrownBy(() -> TileId.parse(path))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining(fragment);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBundlePaths")
  void parse_malformedBundlePath_throwsNamingTheProblem(String path, String fragment) {
    assertThatThrownBy(() -> EntryBundleId.parse(path))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining(fragment);
  }

  @Test
  void constructor_outOfRange_throws() {
    assertThatThrownBy(() -> new TileId(64, 0, 256)).hasMessageContaining("level");
    assertThatThrownBy(() -> new TileId(0, -1, 256)).hasMessageContaining("index");
    assertThatThrownBy(() -> new TileId(0, 0, 0)).hasMessageContaining("width");
    assertThatThrownBy(() -> new TileId(0, 0, 257)).hasMessageContaining("width");
    assertThatThrownBy(() -> new EntryBundleId(0, 0)).hasMessageContaining("width");
  }

  private static Stream<Arguments> fixtures(String name) throws IOException {
    try (InputStream in = TilePathTest.class.getResourceAsStream(name)) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      return lines.stream()
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .map(
              l -> {
                int bar = l.lastIndexOf('|');
                return Arguments.of(l.substring(0, bar), l.substring(bar + 1));
              })
          .toList()
          .stream();
    }
  }
}
