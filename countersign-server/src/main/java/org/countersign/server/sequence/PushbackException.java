package org.countersign.server.sequence;

import java.time.Duration;

/**
 * The server is at capacity and asks the client to come back later. The HTTP layer maps it, in one
 * place, to {@code 503 Service Unavailable} with a {@code Retry-After} header; nothing was written.
 *
 * <p>Unchecked because it can arise wherever a bounded resource is taken (the sequencer's queue
 * today), and every such place answers it the same way.
 */
public final class PushbackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * Pushes back with a hint of when a retry may succeed (rounded up to whole seconds on the wire).
   */
  public PushbackException(String message, Duration retryAfter) {
    super(message);
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retry-after must be >= 0, got " + retryAfter);
    }
    this.retryAfter = retryAfter;
  }

  /** How long the client should wait before retrying. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** {@link #retryAfter()} in whole seconds, at least 1, as the Retry-After header carries it. */
  public long retryAfterSeconds() {
    long ms = retryAfter.toMillis();
    return Math.max(1, (ms + 999) / 1000);
  }
}
