package org.countersign.store;

/**
 * A store operation failed; nothing was written by the operation that threw.
 *
 * <p>Thrown as is for engine failures (I/O, a broken connection, a schema this build cannot read)
 * and for a batch the store refuses to apply (for example a tile that would rewrite stored bytes).
 * The two subclasses carry evidence a sequencer can act on: {@link ConflictException} (another
 * writer committed first) and {@link DuplicateEntryException} (an entry is already in the log).
 */
public sealed class StoreException extends Exception
    permits ConflictException, DuplicateEntryException {
  private static final long serialVersionUID = 1L;

  /** An error described by {@code message}. */
  public StoreException(String message) {
    super(message);
  }

  /** An error described by {@code message}, caused by {@code cause} (usually a SQLException). */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
