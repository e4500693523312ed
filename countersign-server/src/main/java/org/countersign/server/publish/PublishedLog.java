package org.countersign.server.publish;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The checkpoint the server currently publishes, shared by the read path and the sequencer.
 *
 * <p>The published size only grows: {@link #publish} ignores a checkpoint smaller than the current
 * one, so a late publisher cannot roll readers back. Readers take one volatile read; the tile
 * handlers compare every requested tile against this size, so nothing beyond the published tree is
 * ever served.
 */
public final class PublishedLog {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition grown = lock.newCondition();
  private volatile PublishedCheckpoint current;

  /** Starts publishing {@code initial}. */
  public PublishedLog(PublishedCheckpoint initial) {
    this.current = Objects.requireNonNull(initial, "initial");
  }

  /** The checkpoint published now. */
  public PublishedCheckpoint current() {
    return current;
  }

  /** Publishes {@code next} if it is larger than the current checkpoint; wakes waiters. */
  public void publish(PublishedCheckpoint next) {
    lock.lock();
    try {
      if (next.size() < current.size()) {
        return;
      }
      if (next.size() == current.size() && !next.root().equals(current.root())) {
        // A second root for one size would be a fork; the sequencer never produces one.
        throw new IllegalStateException(
            "refusing to publish a second root for size " + next.size());
      }
      current = next;
      grown.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the published tree holds at least {@code size} entries.
   *
   * @throws TimeoutException if it does not within {@code timeout}
   */
  public PublishedCheckpoint awaitSize(long size, Duration timeout)
      throws InterruptedException, TimeoutException {
    PublishedCheckpoint c = current;
    if (c.size() >= size) {
      return c;
    }
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      for (c = current; c.size() < size; c = current) {
        if (nanos <= 0) {
          throw new TimeoutException("published size " + c.size() + " did not reach " + size);
        }
        nanos = grown.awaitNanos(nanos);
      }
      return c;
    } finally {
      lock.unlock();
    }
  }
}
