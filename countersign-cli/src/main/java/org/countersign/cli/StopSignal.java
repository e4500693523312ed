package org.countersign.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM for a command that serves until stopped ({@code serve}, {@code demo}, {@code
 * witness}). The JVM ends with status 128 + signal as soon as its shutdown hooks return, so a hook
 * that only released the command's latch would let the JVM end while the command still finishes the
 * batch in flight and answers its waiting submitters. This hook releases the latch, waits for the
 * command to say it has stopped, and then ends the JVM with status 0, as {@code docs/cli.md}
 * promises.
 *
 * <p>A command opens it first in one try-with-resources, its server second, and awaits the signal
 * in the body:
 *
 * <pre>{@code
 * try (StopSignal signal = new StopSignal(stop, "serve-shutdown");
 *     LogServer server = start(options)) {
 *   signal.await(); // until Ctrl-C or SIGTERM
 * }
 * }</pre>
 *
 * The hook is thus registered before the server starts (a signal during start-up stops the server
 * as soon as it listens), removed if the start fails, and released only after the server has closed
 * (resources close in reverse order).
 */
final class StopSignal implements AutoCloseable {
  /** How long a signal waits for the command to stop before the JVM ends regardless. */
  private static final Duration GRACE = Duration.ofMinutes(2);

  private final CountDownLatch stop;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread hook;
  private boolean interrupted;

  /** Registers the hook: a signal releases {@code stop}, which the command awaits. */
  StopSignal(CountDownLatch stop, String name) {
    this.stop = stop;
    this.hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                if (stopped.await(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                  System.out.flush();
                  System.err.flush();
                  Runtime.getRuntime().halt(ExitCodes.OK);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            name);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Waits until a signal (or the command itself) releases the latch. An interrupt ends the wait
   * too; {@link #close()} restores it, once the server has closed, since a graceful stop must not
   * see it.
   */
  void await() {
    try {
      stop.await();
    } catch (InterruptedException e) {
      interrupted = true;
    }
  }

  /**
   * The command has stopped (its server closed, or it never started): without a signal the hook is
   * removed; after one, the hook may now end the JVM with status 0.
   */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // a signal is being handled: the hook waits for the line below
    }
    stopped.countDown();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
