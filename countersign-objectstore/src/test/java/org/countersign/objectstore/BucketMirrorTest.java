package org.countersign.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BucketMirrorTest {
  private static final String PREFIX = "logs/one/";
  private static final BucketMirror.Settings FAST =
      new BucketMirror.Settings(4, Duration.ofMillis(5), Duration.ofMillis(20));

  private static BucketMirror open(MemoryBucket bucket, MemoryLog log) throws IOException {
    return BucketMirror.open(bucket, PREFIX, log, log.key().verifier(), MemoryLog.ORIGIN, FAST);
  }

  /** The bucket holds exactly what a reader of the log's checkpoint needs, with its bytes. */
  private static void assertMirrors(MemoryBucket bucket, MemoryLog log) throws Exception {
    Map<String, MemoryBucket.Stored> objects = bucket.objects();
    Published p = log.published();
    MemoryBucket.Stored checkpoint = objects.get(PREFIX + "checkpoint");
    assertThat(checkpoint).isNotNull();
    assertThat(Objects.requireNonNull(checkpoint).body()).isEqualTo(log.bytesAt("checkpoint"));
    for (ReadPathObject o : ReadPathObject.needed(p.size())) {
      MemoryBucket.Stored s = objects.get(PREFIX + o.path());
      assertThat(s).as(o.path()).isNotNull();
      MemoryBucket.Stored stored = Objects.requireNonNull(s);
      assertThat(stored.body()).as(o.path()).isEqualTo(log.bytesAt(o.path()));
      assertThat(stored.contentType()).isEqualTo("application/octet-stream");
      assertThat(stored.cacheControl())
          .isEqualTo(o.isPartial() ? "public, max-age=60" : "public, max-age=31536000, immutable");
    }
    assertThat(checkpoint.contentType()).isEqualTo("text/plain; charset=utf-8");
    assertThat(checkpoint.cacheControl()).isEqualTo("public, max-age=1");
    assertThat(bucket.violations()).isEmpty();
  }

  @Test
  void repairThenAdvance_writesEveryObjectAndTheCheckpointLast() throws Exception {
    MemoryLog log = new MemoryLog(1);
    log.append(700);
    MemoryBucket bucket = new MemoryBucket(PREFIX);
    try (BucketMirror mirror = open(bucket, log)) {
      mirror.repair();
      assertMirrors(bucket, log);
      assertThat(bucket.writes()).last().isEqualTo(PREFIX + "checkpoint");
      Random r = new Random(2);
      for (int i = 0; i < 30; i++) {
        long from = log.published().size();
        bucket.clearWrites();
        mirror.advance(from, log.append(1 + r.nextInt(i % 5 == 0 ? 600 : 40)));
        assertMirrors(bucket, log);
        assertThat(bucket.writes()).last().isEqualTo(PREFIX + "checkpoint");
        // Only what changed is written: no full tile or bundle twice.
        assertThat(bucket.writes())
            .hasSize(ReadPathObject.added(from, log.published().size()).size() + 1);
      }
    }
  }

  @Test
  void crashAtEveryWrite_thenRestart_republishesWhatTheBucketLacks() throws Exception {
    MemoryLog log = new MemoryLog(3);
    log.append(300);
    MemoryBucket bucket = new MemoryBucket(PREFIX);
    try (BucketMirror first = open(bucket, log)) {
      first.repair();
    }
    long from = log.published().size();
    log.append(900);
    int total = ReadPathObject.added(from, log.published().size()).size() + 1;
    for (int crashAfter = 0; crashAfter < total; crashAfter++) {
      bucket.failAfter(crashAfter);
      try (BucketMirror crashing = open(bucket, log)) {
        assertThatThrownBy(() -> crashing.advance(from, log.published()))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("injected failure");
      }
      // The bucket's checkpoint is still the old one: the new one never went out early.
      assertThat(bucket.get(PREFIX + "checkpoint").orElseThrow())
          .isNotEqualTo(log.bytesAt("checkpoint"));
      bucket.heal();
    }
    try (BucketMirror restarted = open(bucket, log)) {
      restarted.repair();
    }
    assertMirrors(bucket, log);
  }

  @Test
  void repair_rewritesLostAndTruncatedObjects_andNothingElse() throws Exception {
    MemoryLog log = new MemoryLog(4);
    log.append(1000);
    MemoryBucket bucket = new MemoryBucket(PREFIX);
    try (BucketMirror m = open(bucket, log)) {
      m.repair();
    }
    bucket.remove(PREFIX + "tile/0/001");
    bucket.remove(PREFIX + "tile/entries/002");
    bucket.replace(PREFIX + "tile/0/003.p/232", new byte[31]);
    bucket.clearWrites();
    try (BucketMirror m = open(bucket, log)) {
      m.repair();
    }
    // Tiles go up in parallel, so their order is free; the checkpoint must come after all of them.
    List<String> writes = bucket.writes();
    assertThat(writes.subList(0, writes.size() - 1))
        .containsExactlyInAnyOrder(
            PREFIX + "tile/0/001", PREFIX + "tile/0/003.p/232", PREFIX + "tile/entries/002");
    assertThat(writes.get(writes.size() - 1)).isEqualTo(PREFIX + "checkpoint");
    assertMirrors(bucket, log);
  }

  @Test
  void thread_followsTheLog_andRetriesThroughFailures() throws Exception {
    MemoryLog log = new MemoryLog(5);
    MemoryBucket bucket = new MemoryBucket(PREFIX);
    try (BucketMirror mirror = open(bucket, log)) {
      mirror.start();
      Random r = new Random(6);
      for (int i = 0; i < 20; i++) {
        if (i == 7) {
          bucket.failAfter(3);
        }
        log.append(1 + r.nextInt(300));
        if (i == 12) {
          bucket.heal();
        }
      }
      long want = log.published().size();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (mirror.status().bucketSize() != want && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(mirror.status().bucketSize()).isEqualTo(want);
      assertThat(mirror.status().failure()).isEmpty();
      assertThat(mirror.status().objectsWritten()).isPositive();
    }
    assertMirrors(bucket, log);
  }

  @Test
  void stop_publishesWhatTheLogPublishedBeforeStopping() throws Exception {
    MemoryLog log = new MemoryLog(7);
    MemoryBucket bucket = new MemoryBucket(PREFIX);
    BucketMirror mirror = open(bucket, log);
    mirror.start();
    log.append(513);
    mirror.stop(Duration.ofSeconds(10));
    assertMirrors(bucket, log);
  }

  @Test
  void open_refusesAnotherLogsBucket_oneAhead_andAFork() throws Exception {
    MemoryLog log = new MemoryLog(8);
    log.append(10);
    MemoryBucket bucket = new MemoryBucket(PREFIX);

    MemoryLog other = MemoryLog.otherKey();
    other.append(3);
    bucket.plant(PREFIX + "checkpoint", other.bytesAt("checkpoint"));
    assertThatThrownBy(() -> open(bucket, log))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not signed by this log's key");

    MemoryLog ahead = new MemoryLog(8);
    ahead.append(10);
    ahead.append(1);
    bucket.plant(PREFIX + "checkpoint", ahead.bytesAt("checkpoint"));
    assertThatThrownBy(() -> open(bucket, log))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ahead of the log's published one (size 10)");

    MemoryLog fork = new MemoryLog(8, 99);
    fork.append(10);
    // Same key, same size, other entries: another root.
    MemoryLog sameKeyOtherEntries = new MemoryLog(8);
    sameKeyOtherEntries.append(10);
    assertThat(fork.published().root()).isNotEqualTo(sameKeyOtherEntries.published().root());
    bucket.plant(PREFIX + "checkpoint", fork.bytesAt("checkpoint"));
    assertThatThrownBy(() -> open(bucket, sameKeyOtherEntries))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("another root for size 10");

    // An older checkpoint of this log is fine: the mirror catches the bucket up.
    MemoryLog older = new MemoryLog(8);
    older.append(10);
    MemoryLog grown = new MemoryLog(8);
    grown.append(10);
    grown.append(5);
    bucket.plant(PREFIX + "checkpoint", older.bytesAt("checkpoint"));
    try (BucketMirror m = open(bucket, grown)) {
      m.repair();
    }
    assertMirrors(bucket, grown);
  }
}
