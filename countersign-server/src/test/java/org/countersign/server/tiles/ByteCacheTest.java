package org.countersign.server.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteCacheTest {
  @Test
  void put_overBudget_evictsUnreadFirstAndStaysNearBudget() {
    ByteCache<Integer, byte[]> cache = new ByteCache<>(10 * 100, b -> b.length);
    for (int i = 0; i < 10; i++) {
      cache.put(i, new byte[100]);
    }
    assertThat(cache.size()).isEqualTo(10);
    for (int round = 0; round < 3; round++) {
      assertThat(cache.get(0)).isNotNull(); // keep 0 hot
      for (int i = 10 + round * 20; i < 30 + round * 20; i++) {
        cache.put(i, new byte[100]);
        cache.get(0);
      }
    }
    assertThat(cache.weight()).isLessThanOrEqualTo(10 * 100);
    assertThat(cache.get(0)).as("the value read between inserts survives").isNotNull();
  }

  @Test
  void put_valueLargerThanBudget_notCached() {
    ByteCache<Integer, byte[]> cache = new ByteCache<>(10, b -> b.length);
    cache.put(1, new byte[11]);
    assertThat(cache.get(1)).isNull();
    assertThat(cache.weight()).isZero();
  }

  @Test
  void put_sameKeyTwice_keepsFirst() {
    ByteCache<Integer, byte[]> cache = new ByteCache<>(100, b -> b.length);
    byte[] first = new byte[1];
    cache.put(1, first);
    cache.put(1, new byte[2]);
    assertThat(cache.get(1)).isSameAs(first);
    assertThat(cache.weight()).isEqualTo(1);
  }
}
