package org.countersign.bench.witness;

import java.util.Arrays;
import java.util.Locale;

/** Latencies recorded in nanoseconds, summarised as exact percentiles (nearest rank). */
final class Percentiles {
  private long[] values = new long[1024];
  private int count;

  synchronized void add(long nanos) {
    if (count == values.length) {
      values = Arrays.copyOf(values, count * 2);
    }
    values[count++] = nanos;
  }

  synchronized int count() {
    return count;
  }

  /** The {@code p}-th percentile in milliseconds, {@code 0 < p <= 100}; NaN when empty. */
  synchronized double millis(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
  }

  /** {@code p50=.. p90=.. p99=.. max=..} in milliseconds. */
  String summary() {
    return String.format(
        Locale.ROOT,
        "p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f",
        millis(50),
        millis(90),
        millis(99),
        millis(100));
  }
}
