package org.countersign.server.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final RetryBackoff backoff =
      new RetryBackoff(Duration.ofMillis(100), Duration.ofMillis(700), now::get);

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void ready_beforeAnyFailure_true() {
    assertThat(backoff.ready()).isTrue();
    assertThat(backoff.remaining()).isZero();
  }

  @Test
  void failed_repeatedly_doublesUpToTheMaximum() {
    assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(700));
    assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(700));
  }

  @Test
  void ready_afterFailure_onlyOnceTheWaitIsOver() {
    backoff.failed();
    backoff.failed();

    advance(Duration.ofMillis(199));
    assertThat(backoff.ready()).isFalse();
    assertThat(backoff.remaining()).isEqualTo(Duration.ofMillis(1));
    advance(Duration.ofMillis(1));
    assertThat(backoff.ready()).isTrue();
  }

  @Test
  void succeeded_afterFailures_resetsToTheMinimum() {
    backoff.failed();
    backoff.failed();
    backoff.succeeded();

    assertThat(backoff.ready()).isTrue();
    assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(100));
  }
}
