package org.countersign.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.countersign.log.checkpoint.Checkpoint;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the server with SIGKILL under concurrent submissions, several times, and checks after each
 * restart that the log verifies end to end, is consistent with every checkpoint seen before, and
 * holds every entry acknowledged as integrated, at the index its receipt names.
 */
class CrashIT {
  static final int ROUNDS = 3;
  static final int WRITERS = 8;

  @TempDir Path dir;

  // Test-only value, never compared as a whole: the entry is checked with isEqualTo on its bytes.
  @SuppressWarnings("ArrayRecordComponent")
  record Acked(byte[] entry, long index) {}

  @Test
  void killMinus9_underLoad_acknowledgedEntriesSurviveAndLogStaysConsistent() throws Exception {
    runCrashRounds(dir, null);
  }

  static void runCrashRounds(Path dir, @Nullable String postgresUrl) throws Exception {
    TestParty us = new TestParty("US", TestServers.TREATY, "k1");
    List<Acked> acked = new CopyOnWriteArrayList<>();
    List<Checkpoint> seen = new CopyOnWriteArrayList<>();
    String vkey = null;
    AtomicInteger counter = new AtomicInteger();
    boolean registered = false;
    for (int round = 0; round < ROUNDS; round++) {
      Process child = startChild(dir, postgresUrl, round);
      try {
        HttpTestClient client =
            new HttpTestClient(awaitPort(child, dir.resolve("child-" + round + ".out")));
        JsonNode info = client.get("api/v1/log").json();
        if (vkey == null) {
          vkey = info.get("verifierKey").asText();
        }
        assertThat(info.get("verifierKey").asText()).isEqualTo(vkey);
        verifyAfterRestart(client, vkey, acked, seen);
        if (!registered) {
          assertThat(
                  client
                      .submit(
                          us.registration(
                              Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                      .status())
              .isIn(200, 201);
          registered = true;
        }
        // Load: writers submit and wait for receipts; a reader records every checkpoint it sees.
        AtomicBoolean running = new AtomicBoolean(true);
        final String key = vkey;
        List<Future<?>> tasks = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1)) {
          for (int w = 0; w < WRITERS; w++) {
            tasks.add(
                pool.submit(
                    () -> {
                      while (running.get()) {
                        byte[] note =
                            us.statement(
                                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                                "crash load " + counter.incrementAndGet());
                        try {
                          HttpTestClient.Answer a = client.submit(note);
                          if (a.status() == 201 || a.status() == 200) {
                            LogAudit.verifyReceipt(a.json().get("receipt").asText(), note, key);
                            acked.add(new Acked(note, a.json().get("index").asLong()));
                          }
                        } catch (IOException | InterruptedException e) {
                          return null; // the server died under us
                        }
                      }
                      return null;
                    }));
          }
          tasks.add(
              pool.submit(
                  () -> {
                    while (running.get()) {
                      try {
                        HttpTestClient.Answer c = client.get("checkpoint");
                        if (c.status() == 200) {
                          seen.add(LogAudit.openCheckpoint(c.text(), key));
                        }
                        Thread.sleep(20);
                      } catch (IOException | InterruptedException e) {
                        return null;
                      }
                    }
                    return null;
                  }));
          Thread.sleep(700 + 300L * round);
          child.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful anything
          child.waitFor(30, TimeUnit.SECONDS);
          running.set(false);
          pool.shutdown();
          assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        // A failed receipt check in a writer must fail the test, not vanish with its future.
        for (Future<?> t : tasks) {
          t.get();
        }
      } finally {
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
      }
    }
    assertThat(acked).as("entries acknowledged across the rounds").hasSizeGreaterThan(ROUNDS);
    System.out.println(
        "crash test: acknowledged=" + acked.size() + " checkpoints seen=" + seen.size());
    Process last = startChild(dir, postgresUrl, ROUNDS);
    try {
      HttpTestClient client =
          new HttpTestClient(awaitPort(last, dir.resolve("child-" + ROUNDS + ".out")));
      verifyAfterRestart(client, Objects.requireNonNull(vkey, "read in round 0"), acked, seen);
    } finally {
      last.destroyForcibly();
      last.waitFor(30, TimeUnit.SECONDS);
    }
  }

  static void verifyAfterRestart(
      HttpTestClient client, String vkey, List<Acked> acked, List<Checkpoint> seen)
      throws Exception {
    LogAudit.Audited audit = LogAudit.audit(client, vkey);
    Checkpoint now = audit.checkpoint();
    for (Acked a : acked) {
      assertThat(a.index()).isLessThan(now.size());
      assertThat(audit.entries().get((int) a.index()))
          .as("entry acknowledged at %s", a.index())
          .isEqualTo(a.entry());
    }
    Map<Long, Checkpoint> bySize = new HashMap<>();
    for (Checkpoint c : seen) {
      assertThat(c.size()).isLessThanOrEqualTo(now.size());
      Checkpoint other = bySize.putIfAbsent(c.size(), c);
      if (other != null) {
        assertThat(other.root()).as("two roots for size %s", c.size()).isEqualTo(c.root());
      }
    }
    for (Checkpoint c : bySize.values()) {
      LogAudit.verifyConsistent(client, c, now);
    }
    seen.add(now);
  }

  static Process startChild(Path dir, @Nullable String postgresUrl, int round) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                CrashChild.class.getName(),
                dir.resolve("data").toString()));
    if (postgresUrl != null) {
      cmd.add(postgresUrl);
    }
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("child-" + round + ".out").toFile())
        .start();
  }

  static URI awaitPort(Process child, Path out) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(out)) {
        for (String line : Files.readAllLines(out)) {
          if (line.startsWith(CrashChild.MARKER)) {
            return URI.create(
                "http://127.0.0.1:" + line.substring(CrashChild.MARKER.length()).strip() + "/");
          }
        }
      }
      if (!child.isAlive()) {
        throw new AssertionError("child server died at start:\n" + Files.readString(out));
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "child server did not start:\n" + (Files.exists(out) ? Files.readString(out) : ""));
  }
}
