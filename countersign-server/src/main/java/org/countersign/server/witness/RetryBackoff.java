package org.countersign.server.witness;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When to ask the witnesses again after a missed quorum: the wait doubles from a minimum up to a
 * maximum and resets on success. Time comes from an injected nanosecond ticker (monotonic), so
 * tests can drive it. Not thread-safe: {@link QuorumPublisher} guards it.
 */
final class RetryBackoff {
  private final long minNanos;
  private final long maxNanos;
  private final LongSupplier ticker;
  private long nextNanos;
  private long delayNanos;
  private boolean waiting;

  RetryBackoff(Duration min, Duration max, LongSupplier ticker) {
    this.minNanos = min.toNanos();
    this.maxNanos = max.toNanos();
    this.ticker = ticker;
  }

  /** Whether a round may run now (no failure since the last success, or the wait is over). */
  boolean ready() {
    return !waiting || ticker.getAsLong() - nextNanos >= 0;
  }

  /** How long until a round may run; zero when {@link #ready()}. */
  Duration remaining() {
    return ready() ? Duration.ZERO : Duration.ofNanos(nextNanos - ticker.getAsLong());
  }

  /** Records a missed quorum; returns the wait before the next round. */
  Duration failed() {
    delayNanos = delayNanos == 0 ? minNanos : Math.min(maxNanos, delayNanos * 2);
    nextNanos = ticker.getAsLong() + delayNanos;
    waiting = true;
    return Duration.ofNanos(delayNanos);
  }

  /** Records a met quorum: the next failure waits the minimum again. */
  void succeeded() {
    delayNanos = 0;
    waiting = false;
  }
}
