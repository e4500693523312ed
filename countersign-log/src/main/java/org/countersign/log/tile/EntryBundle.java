package org.countersign.log.tile;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.countersign.log.MalformedInputException;

/**
 * The entry bundle encoding of C2SP tlog-tiles: each entry as a big-endian {@code uint16} length
 * followed by its bytes, concatenated. Entries are therefore at most 65,535 bytes. The spec sets no
 * lower bound, so an empty entry (length 0) is valid and round-trips. A bundle holds 1 to 256
 * entries.
 */
public final class EntryBundle {
  /** The largest entry a bundle can carry. */
  public static final int MAX_ENTRY_SIZE = 0xffff;

  /** The largest possible bundle: 256 maximal entries with their prefixes. */
  public static final int MAX_BUNDLE_SIZE = TileId.FULL_WIDTH * (2 + MAX_ENTRY_SIZE);

  private EntryBundle() {}

  /**
   * Encodes 1 to 256 entries.
   *
   * @throws IllegalArgumentException if there are no entries, more than 256, or one is longer than
   *     65,535 bytes
   */
  public static byte[] encode(List<byte[]> entries) {
    if (entries.isEmpty() || entries.size() > TileId.FULL_WIDTH) {
      throw new IllegalArgumentException("a bundle holds 1..256 entries, got " + entries.size());
    }
    int total = 0;
    for (int i = 0; i < entries.size(); i++) {
      int n = entries.get(i).length;
      if (n > MAX_ENTRY_SIZE) {
        throw new IllegalArgumentException(
            "entry " + i + " has " + n + " bytes; a bundle entry has at most 65535");
      }
      total += 2 + n;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(total);
    for (byte[] e : entries) {
      out.write(e.length >>> 8);
      out.write(e.length & 0xff);
      out.writeBytes(e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a bundle that must hold exactly {@code expectedCount} entries and nothing after them.
   * The count comes from the tree size (the bundle's width), never from the bundle itself.
   *
   * @throws MalformedInputException if the bundle is truncated, has trailing bytes, holds a
   *     different number of entries, or exceeds the size cap
   * @throws IllegalArgumentException if {@code expectedCount} is not 1..256
   */
  public static List<byte[]> decode(byte[] bundle, int expectedCount)
      throws MalformedInputException {
    if (expectedCount < 1 || expectedCount > TileId.FULL_WIDTH) {
      throw new IllegalArgumentException(
          "a bundle holds 1..256 entries, asked for " + expectedCount);
    }
    if (bundle.length > MAX_BUNDLE_SIZE) {
      throw new MalformedInputException(
          "entry bundle of " + bundle.length + " bytes exceeds the cap of " + MAX_BUNDLE_SIZE);
    }
    List<byte[]> entries = new ArrayList<>(expectedCount);
    int at = 0;
    for (int i = 0; i < expectedCount; i++) {
      if (bundle.length - at < 2) {
        throw new MalformedInputException(
            "entry bundle ends after "
                + i
                + " of "
                + expectedCount
                + " entries (at byte "
                + at
                + ")");
      }
      int n = ((bundle[at] & 0xff) << 8) | (bundle[at + 1] & 0xff);
      at += 2;
      if (bundle.length - at < n) {
        throw new MalformedInputException(
            "entry "
                + i
                + " of the bundle claims "
                + n
                + " bytes but only "
                + (bundle.length - at)
                + " remain");
      }
      entries.add(Arrays.copyOfRange(bundle, at, at + n));
      at += n;
    }
    if (at != bundle.length) {
      throw new MalformedInputException(
          "entry bundle has "
              + (bundle.length - at)
              + " bytes after its "
              + expectedCount
              + " entries");
    }
    return entries;
  }
}
