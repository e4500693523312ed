package org.countersign.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.countersign.log.Hash;
import org.countersign.log.tile.TileId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process with SIGKILL while it commits batches to a SQLite log, then reopens the log and
 * requires it to be whole: every acknowledged batch present, no part of any other batch, and the
 * checkpoint and tiles agreeing with the entries.
 *
 * <p>A process kill loses nothing the kernel already holds, so this checks atomicity and recovery
 * (a torn transaction in the WAL is ignored), not power-loss durability, which rests on {@code
 * synchronous=FULL} (see the README).
 */
class SqliteCrashIT {
  private static final int ROUNDS = 6;

  @Test
  @Timeout(120)
  void kill9_duringCommits_reopensWholeAndConsistent(@TempDir Path dir) throws Exception {
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(2026);
    long acknowledged = 0;
    int commitsSeen = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Process child = startChild(dir, random.nextLong());
      AtomicLong lastAck = new AtomicLong(-1);
      CountDownLatch firstCommit = new CountDownLatch(1);
      AtomicLong lines = new AtomicLong();
      Thread pump =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (BufferedReader r =
                        new BufferedReader(
                            new InputStreamReader(
                                child.getInputStream(), StandardCharsets.UTF_8))) {
                      for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("committed ")) {
                          lastAck.set(Long.parseLong(line.substring("committed ".length())));
                          lines.incrementAndGet();
                          firstCommit.countDown();
                        } else {
                          System.err.println("[crash child] " + line);
                        }
                      }
                    } catch (Exception e) {
                      // The pipe breaks when the child dies: expected.
                    }
                  });
      assertThat(firstCommit.await(30, TimeUnit.SECONDS)).as("child started committing").isTrue();
      Thread.sleep(20 + random.nextInt(300));
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      pump.join();
      commitsSeen += (int) lines.get();
      acknowledged = Math.max(acknowledged, lastAck.get());

      try (SqliteLogStore store = SqliteLogStore.open(dir)) {
        long size = requireWhole(store);
        assertThat(size)
            .as("round %d: acknowledged %d", round, acknowledged)
            .isGreaterThanOrEqualTo(acknowledged);
        acknowledged = size;
      }
    }
    assertThat(commitsSeen).isGreaterThanOrEqualTo(ROUNDS);
  }

  private static Process startChild(Path dir, long seed) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            List.of(
                java.toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                SqliteCrashChild.class.getName(),
                dir.toString(),
                Long.toString(seed)))
        .redirectErrorStream(true)
        .start();
  }

  /** Checks that the reopened log is exactly some whole number of batches; returns its size. */
  private static long requireWhole(LogStore store) throws StoreException {
    TreeState state = store.treeState();
    long size = state.size();
    assertThat(state.checkpointNote()).isEqualTo(LogStoreContract.note(size));
    assertThat(store.checkpointAt(size)).contains(LogStoreContract.note(size));
    long read = 0;
    while (true) {
      List<byte[]> chunk = store.readEntries(read, LogStore.MAX_READ_ENTRIES);
      for (byte[] e : chunk) {
        assertThat(e).as("entry %d", read).isEqualTo(LogStoreContract.entry(read));
        read++;
      }
      if (chunk.size() < LogStore.MAX_READ_ENTRIES) {
        break;
      }
    }
    assertThat(read).as("entries stored").isEqualTo(size);
    for (long t = 0; t * 256 < size; t++) {
      TileId key = TileId.full(0, t);
      int width = (int) Math.min(256, size - t * 256);
      assertThat(store.readTile(key))
          .as("%s at size %d", key, size)
          .get()
          .isEqualTo(LogStoreContract.tile(key, width));
    }
    // No tile past the end of the tree: an interrupted batch left none behind.
    assertThat(store.readTile(TileId.full(0, (size + 255) / 256))).isEmpty();
    if (size > 0) {
      assertThat(store.indexOfIdentity(Hash.sha256(LogStoreContract.entry(size - 1))))
          .hasValue(size - 1);
    }
    assertThat(store.indexOfIdentity(Hash.sha256(LogStoreContract.entry(size)))).isEmpty();
    assertThat(store.checkpointAt(size + 1)).isEmpty();
    return size;
  }
}
