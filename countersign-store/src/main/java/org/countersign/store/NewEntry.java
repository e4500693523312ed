package org.countersign.store;

import org.countersign.log.Hash;

/**
 * One entry of a batch: its bytes and the identity under which duplicates are recognised.
 *
 * <p>A final class rather than a record because it holds bytes: the data is copied in and out. The
 * identity is the caller's deduplication key; the sequencer uses SHA-256 of the entry bytes ({@link
 * #of(byte[])}), so that submitting the same signed statement twice finds the first copy.
 */
public final class NewEntry {
  /**
   * The largest entry: C2SP tlog-tiles entry bundles prefix each entry with a big-endian uint16
   * length, so an entry MUST fit in 65,535 bytes.
   */
  public static final int MAX_SIZE = 65_535;

  private final byte[] data;
  private final Hash identity;

  /**
   * An entry with an explicit identity.
   *
   * @throws IllegalArgumentException if {@code data} is longer than {@link #MAX_SIZE}
   */
  public NewEntry(byte[] data, Hash identity) {
    if (data.length > MAX_SIZE) {
      throw new IllegalArgumentException(
          "an entry holds at most " + MAX_SIZE + " bytes, got " + data.length);
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
