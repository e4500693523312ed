package org.countersign.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.countersign.fixtures.FakeClock;
import org.countersign.log.checkpoint.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverloadAndRestartTest {
  @TempDir Path dir;
  FakeClock clock = FakeClock.atDefaultStart();

  @Test
  void submit_queueFull_503WithRetryAfterAndNothingLost() throws Exception {
    ServerOptions options = TestServers.options(dir, clock).maxPending(2).batchMaxSize(1).build();
    try (LogServer server = LogServer.start(options)) {
      HttpTestClient client = new HttpTestClient(server.url());
      TestParty us = new TestParty("US", TestServers.TREATY, "k1");
      assertThat(client.submit(us.registration(clock.instant())).status()).isEqualTo(201);
      int n = 64;
      List<byte[]> notes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        notes.add(us.statement(clock.instant(), "burst " + i));
      }
      List<HttpTestClient.Answer> answers = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
        List<Future<HttpTestClient.Answer>> fs = new ArrayList<>();
        for (byte[] note : notes) {
          fs.add(pool.submit(() -> client.submit(note, false)));
        }
        for (Future<HttpTestClient.Answer> f : fs) {
          answers.add(f.get());
        }
      }
      int pushedBack = 0;
      for (HttpTestClient.Answer a : answers) {
        assertThat(a.status()).as(a.text()).isIn(201, 202, 503);
        if (a.status() == 503) {
          pushedBack++;
          assertThat(a.json().get("error").asText()).isEqualTo("overloaded");
          assertThat(Long.parseLong(a.header("Retry-After"))).isPositive();
        }
      }
      assertThat(pushedBack)
          .as("some of %s concurrent submissions into a queue of 2", n)
          .isPositive();
      // Everything not pushed back is integrated in the end; what was pushed back was not written.
      long accepted = answers.stream().filter(a -> a.status() != 503).count();
      JsonNode h = awaitSize(client, 1 + accepted);
      assertThat(h.get("treeSize").asLong()).isEqualTo(1 + accepted);
      assertThat(client.get("metrics").text()).contains("outcome=\"pushback\"");
    }
  }

  static JsonNode awaitSize(HttpTestClient client, long size) throws Exception {
    JsonNode h = client.get("health").json();
    for (int i = 0; i < 500 && h.get("publishedSize").asLong() < size; i++) {
      Thread.sleep(10);
      h = client.get("health").json();
    }
    return h;
  }

  @Test
  void restart_sameDataDir_keepsKeyEntriesRegistryAndCheckpoints() throws Exception {
    ServerOptions options = TestServers.options(dir, clock).build();
    TestParty us = new TestParty("US", TestServers.TREATY, "k1");
    String vkey;
    Checkpoint before;
    List<byte[]> notes = new ArrayList<>();
    try (LogServer server = LogServer.start(options)) {
      vkey = server.verifierKey();
      HttpTestClient client = new HttpTestClient(server.url());
      notes.add(us.registration(clock.instant()));
      // A party's statements are accepted once its key registration is integrated.
      assertThat(client.submit(notes.get(0)).status()).isEqualTo(201);
      for (int i = 0; i < 100; i++) {
        notes.add(us.statement(clock.instant(), "before restart " + i));
      }
      for (byte[] note : notes.subList(1, notes.size())) {
        assertThat(client.submit(note, false).status()).isIn(201, 202);
      }
      // stop() integrates what is queued before closing the store.
      server.stop();
      before = LogAudit.openCheckpoint(server.checkpoint().note(), vkey);
    }
    assertThat(before.size()).isEqualTo(notes.size());

    try (LogServer again = LogServer.start(options)) {
      assertThat(again.createdKey()).isFalse();
      assertThat(again.verifierKey()).isEqualTo(vkey);
      HttpTestClient client = new HttpTestClient(again.url());
      LogAudit.Audited audited = LogAudit.audit(client, vkey);
      assertThat(audited.checkpoint()).isEqualTo(before);
      assertThat(audited.entries()).hasSize(notes.size());
      for (int i = 0; i < notes.size(); i++) {
        assertThat(audited.entries().get(i)).isEqualTo(notes.get(i));
      }
      // The registry survived: US can still sign, and its registration is still a conflict.
      assertThat(client.submit(us.statement(clock.instant(), "after restart")).status())
          .isEqualTo(201);
      assertThat(client.submit(us.registration(clock.instant().plusSeconds(1))).status())
          .isEqualTo(409);
      // Duplicates are still recognised.
      HttpTestClient.Answer dup = client.submit(notes.get(7));
      assertThat(dup.status()).isEqualTo(200);
      assertThat(dup.json().get("index").asLong()).isEqualTo(7);
      LogAudit.verifyConsistent(client, before, LogAudit.audit(client, vkey).checkpoint());
    }
  }

  @Test
  void start_keyOfAnotherOrigin_refused() throws Exception {
    try (LogServer server = LogServer.start(TestServers.options(dir, clock).build())) {
      assertThat(server.port()).isPositive();
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                LogServer.start(
                    TestServers.options(dir, clock).origin("example.org/other").build()))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("countersign.local/new-start");
  }

  @Test
  void stop_twice_isHarmless() throws Exception {
    LogServer server = LogServer.start(TestServers.options(dir, clock).build());
    server.stop();
    server.stop();
    assertThat(server.health().healthy()).isFalse();
  }
}
