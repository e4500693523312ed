package org.countersign.treaty.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import org.countersign.log.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UniformSampleTest {

  static Hash seed(long i) {
    return Hash.sha256(ByteBuffer.allocate(8).putLong(i).array());
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "5, 5", "10, 3", "1000, 100", "1000000, 100", "123456789, 1000"})
  void draw_distinctInRangeAndReproducible(long n, long k) {
    long[] a = UniformSample.draw(seed(n), k, n);
    assertThat(a).hasSize((int) k).doesNotHaveDuplicates();
    assertThat(Arrays.stream(a).allMatch(x -> x >= 0 && x < n)).isTrue();
    assertThat(UniformSample.draw(seed(n), k, n)).isEqualTo(a);
    assertThat(UniformSample.drawSorted(seed(n), k, n)).isSorted().containsExactlyInAnyOrder(a);
  }

  @Test
  void draw_allPositions_isAPermutation() {
    long[] a = UniformSample.draw(seed(1), 50, 50);
    Arrays.sort(a);
    for (int i = 0; i < 50; i++) {
      assertThat(a[i]).isEqualTo(i);
    }
  }

  @Test
  void draw_twoOfFive_everySubsetEquallyLikely() {
    // 10 unordered pairs; 20,000 seeds; chi-square with 9 degrees of freedom.
    var counts = new HashMap<String, Integer>();
    int draws = 20_000;
    for (int i = 0; i < draws; i++) {
      long[] s = UniformSample.drawSorted(seed(i), 2, 5);
      counts.merge(s[0] + "," + s[1], 1, Integer::sum);
    }
    assertThat(counts).hasSize(10);
    double expected = draws / 10.0;
    double chi2 =
        counts.values().stream().mapToDouble(c -> (c - expected) * (c - expected) / expected).sum();
    assertThat(chi2).isLessThan(33.7); // 99.99% quantile of chi-square(9)
  }

  @Test
  void draw_firstPosition_uniformOverPopulation() {
    int n = 7;
    long[] counts = new long[n];
    for (int i = 0; i < 14_000; i++) {
      counts[(int) UniformSample.draw(seed(i), 3, n)[0]]++;
    }
    double expected = 2000;
    double chi2 =
        Arrays.stream(counts).mapToDouble(c -> (c - expected) * (c - expected) / expected).sum();
    assertThat(chi2).isLessThan(27.9); // 99.99% quantile of chi-square(6)
  }

  @Test
  void draw_badArguments_refused() {
    assertThatThrownBy(() -> UniformSample.draw(seed(0), 6, 5))
        .hasMessage("cannot draw 6 distinct positions among 5");
    assertThatThrownBy(() -> UniformSample.draw(seed(0), 1, 0))
        .hasMessage("cannot draw from 0 positions");
  }
}
