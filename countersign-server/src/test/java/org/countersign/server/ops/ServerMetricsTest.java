package org.countersign.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {
  @Test
  void issue13_pendingGauge_survivesGarbageCollection() throws Exception {
    AtomicLong pending = new AtomicLong(7);
    ServerMetrics metrics = new ServerMetrics();
    metrics.pendingFrom(() -> pending.get());
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
    }
    // The gauge once held its lambda weakly: after a collection it read NaN for ever.
    assertThat(metrics.scrape()).contains("countersign_pending_entries 7.0");
  }
}
