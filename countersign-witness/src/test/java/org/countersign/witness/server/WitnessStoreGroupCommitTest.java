package org.countersign.witness.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.countersign.log.Hash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent advances share commits, and each is still decided against the state it lands on. */
class WitnessStoreGroupCommitTest {
  @TempDir Path dir;
  private WitnessStore store;
  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeEach
  void open() throws Exception {
    store = WitnessStore.open(dir.resolve("witness.db"));
  }

  @AfterEach
  void close() throws Exception {
    pool.shutdownNow();
    store.close();
  }

  private static StoredCheckpoint state(String origin, long size, String fork) {
    Hash root = Hash.sha256((fork + " " + size).getBytes(StandardCharsets.UTF_8));
    return new StoredCheckpoint(origin, size, root, origin + "\n" + size + "\n" + fork + "\n");
  }

  /** Advances {@code origin} to {@code size} only from {@code size - 1}: a compare-and-set. */
  private static WitnessStore.Transition from(long size, String origin, String fork) {
    return current -> {
      long stored = current == null ? 0 : current.size();
      if (stored != size - 1) {
        throw AddCheckpointException.stale(size - 1, stored);
      }
      return state(origin, size, fork);
    };
  }

  @RepeatedTest(3)
  void advance_manyLogsConcurrently_everyChainCompleteAndDurable() throws Exception {
    int logs = 32;
    int steps = 25;
    List<Future<?>> done = new ArrayList<>();
    for (int l = 0; l < logs; l++) {
      String origin = "example.org/log-" + l;
      done.add(
          pool.submit(
              () -> {
                for (int s = 1; s <= steps; s++) {
                  assertThat(store.advance(origin, from(s, origin, "main")).size()).isEqualTo(s);
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    store.close();
    store = WitnessStore.open(dir.resolve("witness.db"));
    for (int l = 0; l < logs; l++) {
      assertThat(store.latest("example.org/log-" + l).orElseThrow().size()).isEqualTo(steps);
    }
  }

  @RepeatedTest(5)
  void advance_racingForksOfOneLog_exactlyOneWinsEachSize() throws Exception {
    String origin = "example.org/contested";
    int forks = 16;
    int steps = 10;
    ConcurrentHashMap<Long, String> winners = new ConcurrentHashMap<>();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int f = 0; f < forks; f++) {
      String fork = "fork-" + f;
      done.add(
          pool.submit(
              () -> {
                go.await();
                for (int s = 1; s <= steps; s++) {
                  try {
                    StoredCheckpoint c = store.advance(origin, from(s, origin, fork));
                    assertThat(winners.putIfAbsent(c.size(), fork)).as("second winner").isNull();
                  } catch (AddCheckpointException e) {
                    refused.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    StoredCheckpoint last = store.latest(origin).orElseThrow();
    assertThat(winners.keySet()).allMatch(size -> size <= last.size());
    assertThat(winners).containsKey(last.size());
    assertThat(last.root())
        .isEqualTo(
            state(origin, last.size(), Objects.requireNonNull(winners.get(last.size()))).root());
    assertThat(winners.size() + refused.get()).isEqualTo(forks * steps);
  }

  @Test
  void advance_transitionThrows_onlyThatRequestFailsAndStateUnchanged() throws Exception {
    store.advance("a", from(1, "a", "main"));

    assertThatThrownBy(() -> store.advance("a", from(5, "a", "main")))
        .isInstanceOf(AddCheckpointException.class);
    assertThatThrownBy(
            () ->
                store.advance(
                    "a",
                    current -> {
                      throw new IllegalStateException("bug in a transition");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("bug in a transition");

    assertThat(store.latest("a").orElseThrow().size()).isEqualTo(1);
    assertThat(store.advance("a", from(2, "a", "main")).size()).isEqualTo(2);
  }

  @Test
  void advance_transitionReturnsAnotherOrigin_refusedAndNothingWritten() throws Exception {
    assertThatThrownBy(() -> store.advance("a", current -> state("b", 1, "main")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("returned state for b");

    assertThat(store.latest("a")).isEmpty();
    assertThat(store.latest("b")).isEmpty();
  }
}
