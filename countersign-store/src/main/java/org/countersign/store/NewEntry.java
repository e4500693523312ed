package org.countersign.store;

import org.countersign.log.Hash;
import org.countersign.log.tile.EntryBundle;

/**
 * One entry of a batch: its bytes and the identity under which duplicates are recognised.
 *
 * <p>A final class rather than a record because it holds bytes: the data is copied in and out. The
 * identity is the caller's deduplication key; the sequencer uses SHA-256 of the entry bytes ({@link
 * #of(byte[])}), so that submitting the same signed statement twice finds the first copy.
 */
public final class NewEntry {

  private final byte[] data;
  private final Hash identity;

  /**
   * An entry with an explicit identity.
   *
   * @throws IllegalArgumentException if {@code data} is longer than {@link
   *     EntryBundle#MAX_ENTRY_SIZE}
   */
  public NewEntry(byte[] data, Hash identity) {
    if (data.length > EntryBundle.MAX_ENTRY_SIZE) {
      throw new IllegalArgumentException(
          "an entry holds at most " + EntryBundle.MAX_ENTRY_SIZE + " bytes, got " + data.length);
    }
    this.data = data.clone();
    this.identity = identity;
  }

  /** An entry identified by the SHA-256 of its bytes, as the sequencer does. */
  public static NewEntry of(byte[] data) {
    return new NewEntry(data, Hash.sha256(data));
  }

  /** A copy of the entry bytes. */
  public byte[] data() {
    return data.clone();
  }

  /** The entry bytes without a copy, for drivers in this package that only read them. */
  byte[] dataUnsafe() {
    return data;
  }

  /** The identity under which the store refuses a second copy. */
  public Hash identity() {
    return identity;
  }

  @Override
  public String toString() {
    return "NewEntry[" + data.length + " bytes, identity " + identity.hex() + "]";
  }
}
