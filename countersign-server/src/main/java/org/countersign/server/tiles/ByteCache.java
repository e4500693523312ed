package org.countersign.server.tiles;

import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A size-bounded in-memory cache of immutable values (full tiles, full entry bundles).
 *
 * <p>Reads never lock: a hit costs one {@link ConcurrentHashMap} lookup and one plain write of a
 * "recently used" bit. Eviction follows the CLOCK approximation of LRU: when an insert pushes the
 * total weight over the budget, one thread sweeps the map, evicting values not read since the last
 * sweep and clearing the bit of the others. This is enough for the read path, where full tiles are
 * immutable (a stale entry cannot exist) and the hot set is the tiles near the tree's right edge.
 *
 * <p>The budget is approximate by at most one value's weight while a sweep is running.
 *
 * @param <K> key type, with value semantics
 * @param <V> value type; MUST be immutable, since it is handed to every reader
 */
final class ByteCache<K, V> {
  private final Map<K, Slot<V>> map = new ConcurrentHashMap<>();
  private final AtomicLong weight = new AtomicLong();
  private final long maxWeight;
  private final ToIntFunction<V> weigher;
  private final ReentrantLock sweeping = new ReentrantLock();

  private static final class Slot<V> {
    final V value;
    final int weight;
    // New values start cold: a value read once (a scan) must not push out values read often.
    volatile boolean used;

    Slot(V value, int weight) {
      this.value = value;
      this.weight = weight;
    }
  }

  /**
   * A cache holding at most about {@code maxWeight} units as measured by {@code weigher}.
   *
   * @throws IllegalArgumentException if {@code maxWeight} is negative
   */
  ByteCache(long maxWeight, ToIntFunction<V> weigher) {
    if (maxWeight < 0) {
      throw new IllegalArgumentException("cache budget must be >= 0, got " + maxWeight);
    }
    this.maxWeight = maxWeight;
    this.weigher = Objects.requireNonNull(weigher, "weigher");
  }

  /** The cached value, or null on a miss. */
  @Nullable V get(K key) {
    Slot<V> s = map.get(key);
    if (s == null) {
      return null;
    }
    if (!s.used) {
      s.used = true;
    }
    return s.value;
  }

  /** Caches {@code value} unless an equal key is already cached; may evict others. */
  void put(K key, V value) {
    int w = weigher.applyAsInt(value);
    if (w > maxWeight) {
      return;
    }
    Slot<V> fresh = new Slot<>(value, w);
    if (map.putIfAbsent(key, fresh) == null) {
      if (weight.addAndGet(w) > maxWeight) {
        sweep();
      }
    }
  }

  /** Number of cached values. */
  int size() {
    return map.size();
  }

  /** Total weight of the cached values. */
  long weight() {
    return weight.get();
  }

  private void sweep() {
    if (!sweeping.tryLock()) {
      return; // another thread is already making room
    }
    try {
      // Two passes at most: the first clears "used" bits, the second evicts what stayed unread.
      for (int pass = 0; pass < 2 && weight.get() > maxWeight; pass++) {
        Iterator<Map.Entry<K, Slot<V>>> it = map.entrySet().iterator();
        while (it.hasNext() && weight.get() > maxWeight) {
          Slot<V> s = it.next().getValue();
          if (s.used) {
            s.used = false;
          } else {
            it.remove();
            weight.addAndGet(-s.weight);
          }
        }
      }
    } finally {
      sweeping.unlock();
    }
  }
}
