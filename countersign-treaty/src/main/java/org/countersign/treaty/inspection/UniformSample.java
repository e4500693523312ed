package org.countersign.treaty.inspection;

import java.util.Arrays;
import java.util.HashMap;
import org.countersign.log.Hash;

/**
 * Chooses {@code k} distinct positions among {@code n}, uniformly over all ordered choices, from a
 * public seed: a partial Fisher–Yates shuffle of the virtual array {@code [0, n)} driven by a
 * {@link DrawStream}.
 *
 * <pre>
 *   for i in 0 .. k-1:  j = i + stream.nextBelow(n - i);  swap(a[i], a[j]);  result[i] = a[i]
 * </pre>
 *
 * <p>Only the swapped positions are remembered (a map of at most {@code 2k} entries), so drawing
 * 100 of a million costs 100 stream draws and no million-entry array. The first position drawn is
 * the "designated" one when an inspection needs a single object. Anyone recomputes the same
 * positions from the seed alone.
 */
public final class UniformSample {
  private UniformSample() {}

  /**
   * The {@code k} positions drawn from {@code seed}, in draw order.
   *
   * @throws IllegalArgumentException unless {@code 1 <= n} and {@code 0 <= k <= n}, and {@code k}
   *     fits in an array
   */
  public static long[] draw(Hash seed, long k, long n) {
    if (n < 1) {
      throw new IllegalArgumentException("cannot draw from " + n + " positions");
    }
    if (k < 0 || k > n) {
      throw new IllegalArgumentException("cannot draw " + k + " distinct positions among " + n);
    }
    if (k > 50_000_000) {
      throw new IllegalArgumentException("a draw of " + k + " positions is too large to list");
    }
    var stream = new DrawStream(seed);
    var swapped = new HashMap<Long, Long>();
    long[] out = new long[(int) k];
    for (int i = 0; i < k; i++) {
      long j = i + stream.nextBelow(n - i);
      long atJ = swapped.getOrDefault(j, j);
      long atI = swapped.getOrDefault((long) i, (long) i);
      swapped.put(j, atI);
      swapped.put((long) i, atJ);
      out[i] = atJ;
    }
    return out;
  }

  /** The same positions, ascending (the order in which a reveal lists them). */
  public static long[] drawSorted(Hash seed, long k, long n) {
    long[] out = draw(seed, k, n);
    Arrays.sort(out);
    return out;
  }
}
