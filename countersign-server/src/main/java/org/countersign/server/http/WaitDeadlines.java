package org.countersign.server.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The deadlines of submissions waiting for their batch, kept by one sweeping thread instead of a
 * timer armed and cancelled per waiting request (issue 14: about 4 % of the server's CPU under load
 * went to those timers).
 *
 * <p>Every wait has the same length, so deadlines fall due in the order the waits began: a FIFO
 * queue, swept from its head every tick. A wait whose future completed is dropped when it reaches
 * the head; one whose deadline passed has its copy of the future failed with {@link Expired}. A
 * waiter so learns of its timeout at most one tick late, never early.
 */
final class WaitDeadlines implements AutoCloseable {
  /**
   * What an expired wait's future fails with: made once, without a stack trace, since it says only
   * "the wait is over", never where.
   */
  private final Expired expired = new Expired();

  /** What the future of a wait that outlived its deadline fails with. */
  static final class Expired extends Exception {
    private static final long serialVersionUID = 1L;

    Expired() {
      super("the wait expired", null, false, false);
    }
  }

  private record Waiting(long deadlineNanos, CompletableFuture<?> future) {}

  private final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
  private final long waitNanos;
  private final long tickNanos;
  private final Thread sweeper;
  private volatile boolean closed;

  /** Deadlines {@code wait} after each wait begins; starts the sweeping thread. */
  WaitDeadlines(Duration wait) {
    this.waitNanos = wait.toNanos();
    // An eighth of the wait, within 1..50 ms: late by at most that, and 20 wake-ups a second idle.
    this.tickNanos =
        Math.clamp(
            waitNanos / 8, TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(50));
    this.sweeper =
        Thread.ofPlatform().daemon().name("countersign-wait-deadlines").unstarted(this::run);
    this.sweeper.start();
  }

  /** How long each wait lasts. */
  Duration waitLength() {
    return Duration.ofNanos(waitNanos);
  }

  /**
   * A copy of {@code future} that completes as it does, or fails with {@link Expired} once the wait
   * (starting now) is over; {@code future} itself is never completed here, since other submitters
   * of the same entry may wait on it.
   */
  <T> CompletableFuture<T> bounded(CompletableFuture<T> future) {
    CompletableFuture<T> mine = future.copy();
    if (!mine.isDone()) {
      queue.add(new Waiting(System.nanoTime() + waitNanos, mine));
      if (closed) {
        mine.completeExceptionally(expired); // no sweeper any more: the server is stopping
      }
    }
    return mine;
  }

  /** Waits still in the queue (done or not): for tests. */
  int queued() {
    return queue.size();
  }

  private void run() {
    while (!closed) {
      LockSupport.parkNanos(tickNanos);
      sweep(System.nanoTime());
    }
    // Closing: every remaining wait is over now.
    for (Waiting w; (w = queue.poll()) != null; ) {
      w.future().completeExceptionally(expired);
    }
  }

  /** Drops completed waits from the head, and expires those whose deadline is past. */
  void sweep(long now) {
    for (Waiting w; (w = queue.peek()) != null; ) {
      if (w.future().isDone()) {
        queue.poll();
      } else if (now - w.deadlineNanos() >= 0) {
        queue.poll();
        w.future().completeExceptionally(expired);
      } else {
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(sweeper);
    try {
      sweeper.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
