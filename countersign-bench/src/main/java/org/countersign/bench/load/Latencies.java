package org.countersign.bench.load;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies in nanoseconds, by the nearest-rank method on a sorted copy:
 * exact, and cheap enough for the few hundred thousand samples of one run.
 */
final class Latencies {
  private final long[] sorted;

  Latencies(long[] nanos, int count) {
    this.sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
  }

  int count() {
    return sorted.length;
  }

  /** The {@code p}-th percentile (0 < p <= 100) in milliseconds, or NaN without samples. */
  double percentileMillis(double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1e6;
  }

  double maxMillis() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
  }

  double meanMillis() {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (long v : sorted) {
      sum += v;
    }
    return sum / sorted.length / 1e6;
  }
}
