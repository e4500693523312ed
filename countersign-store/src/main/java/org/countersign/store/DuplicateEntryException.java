package org.countersign.store;

import org.countersign.log.Hash;

/**
 * A batch contained an entry whose identity is already integrated. Nothing was written.
 *
 * <p>The sequencer is expected to deduplicate before committing (with {@link
 * LogStore#indexOfIdentity(Hash)}), so this signals a race between two writers or a sequencer bug;
 * the exception names the entry and the index it already holds, so a caller can answer the
 * submitter with the existing index and re-sequence the rest.
 */
public final class DuplicateEntryException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final transient Hash identity;
  private final long existingIndex;

  /** The entry identified by {@code identity} is already in the log at {@code existingIndex}. */
  public DuplicateEntryException(Hash identity, long existingIndex) {
    super(
        "entry "
            + identity.hex()
            + " is already in the log at index "
            + existingIndex
            + "; the batch was not written");
    this.identity = identity;
    this.existingIndex = existingIndex;
  }

  /** The identity of the duplicated entry. */
  public Hash identity() {
    return identity;
  }

  /** The index at which the entry was first integrated. */
  public long existingIndex() {
    return existingIndex;
  }
}
