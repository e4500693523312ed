package org.countersign.store;

/**
 * A commit found the log at a different size than the batch expected: another sequencer (another
 * server on the same database, or a stale view in this one) committed first. Nothing was written.
 *
 * <p>The right reaction is to drop the batch's index assignment, reload {@link
 * LogStore#treeState()} and sequence the entries again; retrying the same batch can never succeed.
 */
public final class ConflictException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final long expectedSize;
  private final long storedSize;

  /** The batch expected {@code expectedSize}; the store held {@code storedSize}. */
  public ConflictException(long expectedSize, long storedSize) {
    super(
        expectedSize == storedSize
            ? "the empty tree of this log is already signed; an empty batch is only for a new log"
            : "another writer committed first: the batch expects tree size "
                + expectedSize
                + " but the store holds "
                + storedSize);
    this.expectedSize = expectedSize;
    this.storedSize = storedSize;
  }

  /** The tree size the refused batch was sequenced against. */
  public long expectedSize() {
    return expectedSize;
  }

  /** The tree size the store held when it refused the batch. */
  public long storedSize() {
    return storedSize;
  }
}
