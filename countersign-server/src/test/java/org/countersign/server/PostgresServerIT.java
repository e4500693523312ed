package org.countersign.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.countersign.fixtures.FakeClock;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same server on PostgreSQL: submissions, receipts, tiles, restart, and the crash test. */
class PostgresServerIT {
  @TempDir Path dir;
  FakeClock clock = FakeClock.atDefaultStart();

  @Test
  void submitAndRestart_onPostgres_receiptsVerifyAndLogSurvives() throws Exception {
    String url = TestPostgres.freshSchemaUrl();
    ServerOptions options = TestServers.options(dir, clock).postgresUrl(url).build();
    TestParty us = new TestParty("US", TestServers.TREATY, "k1");
    List<byte[]> notes = new ArrayList<>();
    String vkey;
    Checkpoint before;
    try (LogServer server = LogServer.start(options)) {
      vkey = server.verifierKey();
      HttpTestClient client = new HttpTestClient(server.url());
      assertThat(client.submit(us.registration(clock.instant())).status()).isEqualTo(201);
      for (int i = 0; i < 120; i++) {
        notes.add(us.statement(clock.instant(), "pg " + i));
      }
      try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
        List<Future<HttpTestClient.Answer>> fs = new ArrayList<>();
        for (byte[] n : notes) {
          fs.add(pool.submit(() -> client.submit(n)));
        }
        for (int i = 0; i < notes.size(); i++) {
          HttpTestClient.Answer a = fs.get(i).get();
          assertThat(a.status()).as(a.text()).isEqualTo(201);
          LogAudit.verifyReceipt(a.json().get("receipt").asText(), notes.get(i), vkey);
        }
      }
      before = LogAudit.audit(client, vkey).checkpoint();
      assertThat(before.size()).isEqualTo(1 + notes.size());
    }
    try (LogServer again = LogServer.start(options)) {
      HttpTestClient client = new HttpTestClient(again.url());
      LogAudit.Audited audited = LogAudit.audit(client, vkey);
      assertThat(audited.checkpoint()).isEqualTo(before);
      assertThat(client.submit(notes.get(3)).json().get("duplicate").asBoolean()).isTrue();
      assertThat(client.submit(us.statement(clock.instant(), "after restart")).status())
          .isEqualTo(201);
    }
  }

  @Test
  void killMinus9_onPostgres_acknowledgedEntriesSurvive() throws Exception {
    CrashIT.runCrashRounds(dir, TestPostgres.freshSchemaUrl());
  }
}
