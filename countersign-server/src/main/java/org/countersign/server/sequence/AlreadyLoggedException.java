package org.countersign.server.sequence;

/**
 * The entry turned out to be in the log already, at {@link #index()}: the submitter is answered as
 * for any duplicate (the first copy's index), and no second copy is written.
 */
public final class AlreadyLoggedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long index;

  public AlreadyLoggedException(long index) {
    super("the entry is already in the log at index " + index);
    this.index = index;
  }

  /** The index of the first copy. */
  public long index() {
    return index;
  }
}
