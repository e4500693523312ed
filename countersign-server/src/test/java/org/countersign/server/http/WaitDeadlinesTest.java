package org.countersign.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WaitDeadlinesTest {
  @Test
  void completedInTime_theCopyCarriesTheValueAndLeavesTheQueueAtTheNextSweep() throws Exception {
    try (WaitDeadlines d = new WaitDeadlines(Duration.ofMinutes(5))) {
      CompletableFuture<String> shared = new CompletableFuture<>();
      CompletableFuture<String> mine = d.bounded(shared);
      assertThat(d.queued()).isEqualTo(1);
      shared.complete("integrated");
      assertThat(mine.get(5, TimeUnit.SECONDS)).isEqualTo("integrated");
      d.sweep(System.nanoTime());
      assertThat(d.queued()).isZero();
    }
  }

  @Test
  void notCompleted_expiresAfterTheWaitButNotBefore() throws Exception {
    try (WaitDeadlines d = new WaitDeadlines(Duration.ofMinutes(5))) {
      CompletableFuture<String> shared = new CompletableFuture<>();
      CompletableFuture<String> mine = d.bounded(shared);
      d.sweep(System.nanoTime() + Duration.ofMinutes(4).toNanos());
      assertThat(mine).isNotDone();
      d.sweep(System.nanoTime() + Duration.ofMinutes(5).toNanos());
      assertThatThrownBy(mine::get)
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(WaitDeadlines.Expired.class);
      // The shared future stays open for the other waiters and the sequencer.
      assertThat(shared).isNotDone();
      assertThat(d.queued()).isZero();
    }
  }

  @Test
  void sweepingThread_expiresAShortWaitByItself() throws Exception {
    try (WaitDeadlines d = new WaitDeadlines(Duration.ofMillis(20))) {
      CompletableFuture<String> mine = d.bounded(new CompletableFuture<>());
      assertThatThrownBy(() -> mine.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(WaitDeadlines.Expired.class);
    }
  }

  @Test
  void expiryInOrder_aLaterWaitOutlivesAnEarlierOne() throws Exception {
    try (WaitDeadlines d = new WaitDeadlines(Duration.ofMinutes(5))) {
      CompletableFuture<String> first = d.bounded(new CompletableFuture<>());
      long between = System.nanoTime();
      Thread.sleep(2);
      CompletableFuture<String> second = d.bounded(new CompletableFuture<>());
      d.sweep(between + Duration.ofMinutes(5).toNanos());
      assertThat(first).isCompletedExceptionally();
      assertThat(second).isNotDone();
    }
  }

  @Test
  void close_endsEveryWaitStillRunningAndLaterOnes() throws Exception {
    WaitDeadlines d = new WaitDeadlines(Duration.ofMinutes(5));
    CompletableFuture<String> running = d.bounded(new CompletableFuture<>());
    d.close();
    assertThat(running).isCompletedExceptionally();
    assertThat(d.bounded(new CompletableFuture<String>())).isCompletedExceptionally();
  }
}
