package org.countersign.server.http;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.countersign.server.sequence.PushbackException;

/**
 * Where CPU-heavy answers are computed: a few platform threads with a short queue, never the
 * request's own virtual thread. Virtual threads that compute without blocking never yield their
 * carrier, so two long computations on request threads once froze every endpoint; here they can
 * only occupy this pool, and a request waits at most the compute timeout before a 503.
 */
final class ComputePool implements AutoCloseable {
  private final ThreadPoolExecutor executor;
  private final Duration timeout;

  ComputePool(int threads, int queue, Duration timeout) {
    this.timeout = timeout;
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            r -> {
              Thread t = new Thread(r, "compute");
              t.setDaemon(true);
              return t;
            });
  }

  /** Sized for the machine: one thread fewer than its cores (at least one), 32 waiting. */
  static ComputePool forMachine(Duration timeout) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new ComputePool(Math.max(1, cores - 1), 32, timeout);
  }

  /**
   * Computes {@code task} on the pool.
   *
   * @throws PushbackException (503) if the pool is full or the answer took longer than the timeout
   * @throws RuntimeException what the task threw, unwrapped
   */
  <T> T call(Callable<T> task) throws Exception {
    Future<T> f;
    try {
      f = executor.submit(task);
    } catch (RejectedExecutionException e) {
      throw new PushbackException("too many computations in progress", Duration.ofSeconds(2));
    }
    try {
      return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new PushbackException(
          "the computation took longer than " + timeout.toSeconds() + " s", Duration.ofSeconds(5));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
