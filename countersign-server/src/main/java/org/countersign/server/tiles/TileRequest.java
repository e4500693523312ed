package org.countersign.server.tiles;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A parsed C2SP tlog-tiles resource path below {@code /tile/}: a hash tile {@code <L>/<N>} or an
 * entry bundle {@code entries/<N>}, optionally partial ({@code .p/<W>}).
 *
 * <p>Only canonical paths parse, so that every resource has exactly one URL (and one cache key):
 * {@code L} in 0..63 without leading zeros; {@code N} in three-digit groups, all but the last
 * prefixed {@code x}, without a leading {@code x000} group; {@code W} in 1..255 without leading
 * zeros. Examples: {@code 0/005}, {@code 1/x001/234.p/17}, {@code entries/x123/x456/789}.
 *
 * @param level the tile level, or -1 for an entry bundle
 * @param index the tile index {@code N}
 * @param width the number of hashes or entries requested: 256 for a full tile, else 1..255
 */
public record TileRequest(int level, long index, int width) {
  /** Level value that marks an entry bundle. */
  public static final int ENTRIES = -1;

  /** The width of a full tile or bundle. */
  public static final int FULL = 256;

  /** Whether this is an entry bundle rather than a hash tile. */
  public boolean isEntries() {
    return level == ENTRIES;
  }

  /** Whether this names a full (immutable) tile or bundle. */
  public boolean isFull() {
    return width == FULL;
  }

  /**
   * The smallest tree size whose tiles include this resource: full width at level L needs
   * {@code (N + 1) * 256^(L+1)} leaves, a partial one {@code N * 256^(L+1) + W * 256^L}. Saturates
   * at {@link Long#MAX_VALUE} for addresses beyond any tree.
   */
  public long requiredTreeSize() {
    int l = Math.max(level, 0);
    if (l >= 8) {
      return Long.MAX_VALUE; // a level-8 tile spans 2^64 leaves
    }
    long unit = 1L << (8 * l);
    long base;
    if (index == 0) {
      base = 0;
    } else if (l == 7) {
      base = Long.MAX_VALUE; // the second level-7 tile starts at 2^64
    } else {
      base = satMul(index, unit << 8);
    }
    return satAdd(base, satMul(width, unit));
  }

  /**
   * Parses the part of a URL path after {@code /tile/}; empty if it is not a canonical tile path.
   */
  public static Optional<TileRequest> parse(String path) {
    return Optional.ofNullable(parseOrNull(path));
  }

  private static @Nullable TileRequest parseOrNull(String path) {
    if (path.length() > 128) {
      return null;
    }
    int slash = path.indexOf('/');
    if (slash <= 0) {
      return null;
    }
    String head = path.substring(0, slash);
    int level;
    if (head.equals("entries")) {
      level = ENTRIES;
    } else {
      level = smallNumber(head, 63);
      if (level < 0) {
        return null;
      }
    }
    String rest = path.substring(slash + 1);
    int width = FULL;
    int p = rest.indexOf(".p/");
    if (p >= 0) {
      width = smallNumber(rest.substring(p + 3), 255);
      if (width < 1) {
        return null;
      }
      rest = rest.substring(0, p);
    }
    long index = tileIndex(rest);
    if (index < 0) {
      return null;
    }
    return new TileRequest(level, index, width);
  }

  /** A decimal in 0..max without leading zeros, or -1. */
  private static int smallNumber(String s, int max) {
    if (s.isEmpty() || s.length() > 3 || (s.length() > 1 && s.charAt(0) == '0')) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v <= max ? v : -1;
  }

  /** {@code N} in x-prefixed three-digit groups, or -1 if not canonical or too large. */
  private static long tileIndex(String s) {
    String[] groups = s.split("/", -1);
    if (groups.length > 7) {
      return -1;
    }
    long n = 0;
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      boolean last = i == groups.length - 1;
      if (!last) {
        if (g.length() != 4 || g.charAt(0) != 'x') {
          return -1;
        }
        g = g.substring(1);
      } else if (g.length() != 3) {
        return -1;
      }
      int v = 0;
      for (int k = 0; k < 3; k++) {
        char c = g.charAt(k);
        if (c < '0' || c > '9') {
          return -1;
        }
        v = v * 10 + (c - '0');
      }
      if (i == 0 && !last && v == 0) {
        return -1; // x000 as the first group would be a second spelling of a smaller N
      }
      if (n > (Long.MAX_VALUE - v) / 1000) {
        return -1;
      }
      n = n * 1000 + v;
    }
    return n;
  }

  /** The canonical path of tile index {@code n} (for tests and links). */
  public static String indexPath(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("tile index must be >= 0, got " + n);
    }
    String s = String.format("%03d", n % 1000);
    for (n /= 1000; n > 0; n /= 1000) {
      s = String.format("x%03d/", n % 1000) + s;
    }
    return s;
  }

  private static long satMul(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    return (hi != 0 || lo < 0) ? Long.MAX_VALUE : lo;
  }

  private static long satAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }
}
