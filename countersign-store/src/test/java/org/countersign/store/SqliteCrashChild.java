package org.countersign.store;

import java.nio.file.Path;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The victim of {@link SqliteCrashIT}: commits contract batches to a SQLite log forever and prints
 * "committed SIZE" after each commit returns, until it is killed.
 */
final class SqliteCrashChild {
  private SqliteCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    RandomGenerator random =
        RandomGeneratorFactory.of("L64X128MixRandom").create(Long.parseLong(args[1]));
    try (SqliteLogStore store = SqliteLogStore.open(dir)) {
      while (true) {
        long size = store.treeState().size();
        int n = 1 + random.nextInt(300);
        store.commit(LogStoreContract.batch(size, n));
        System.out.println("committed " + (size + n));
        System.out.flush();
      }
    }
  }
}
