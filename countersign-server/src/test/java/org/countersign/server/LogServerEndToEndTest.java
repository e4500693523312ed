package org.countersign.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.countersign.fixtures.FakeClock;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.merkle.Rfc6962;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogServerEndToEndTest {
  @TempDir Path dir;
  FakeClock clock = FakeClock.atDefaultStart();
  LogServer server;
  HttpTestClient client;

  @BeforeEach
  void start() throws Exception {
    server = LogServer.start(TestServers.options(dir, clock).build());
    client = new HttpTestClient(server.url());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  Instant now() {
    return clock.instant();
  }

  @Test
  void start_firstTime_createsOwnerOnlyKeyAndSignsEmptyTree() throws Exception {
    assertThat(server.createdKey()).isTrue();
    Path key = dir.resolve("log.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(key)).startsWith("PRIVATE+KEY+countersign.local/new-start+");
    Checkpoint c = LogAudit.openCheckpoint(client.get("checkpoint").text(), server.verifierKey());
    assertThat(c.size()).isZero();
    assertThat(c.root()).isEqualTo(Hash.EMPTY);
    assertThat(c.origin()).isEqualTo("countersign.local/new-start");
  }

  @Test
  void submit_concurrentStatements_receiptsVerifyAndTilesReproduceRoot() throws Exception {
    List<TestParty> parties =
        List.of(
            new TestParty("US", TestServers.TREATY, "k1"),
            new TestParty("RU", TestServers.TREATY, "k1"));
    for (TestParty p : parties) {
      HttpTestClient.Answer a = client.submit(p.registration(now()));
      assertThat(a.status()).as(a.text()).isEqualTo(201);
    }
    int perParty = 100;
    List<byte[]> notes = new ArrayList<>();
    for (TestParty p : parties) {
      for (int i = 0; i < perParty; i++) {
        notes.add(p.statement(now(), "statement " + i + " by " + p.id));
      }
    }
    List<HttpTestClient.Answer> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
      List<Future<HttpTestClient.Answer>> fs = new ArrayList<>();
      for (byte[] n : notes) {
        fs.add(pool.submit(() -> client.submit(n)));
      }
      for (Future<HttpTestClient.Answer> f : fs) {
        answers.add(f.get());
      }
    }
    List<Long> indexes = new ArrayList<>();
    for (int i = 0; i < notes.size(); i++) {
      HttpTestClient.Answer a = answers.get(i);
      assertThat(a.status()).as(a.text()).isEqualTo(201);
      JsonNode j = a.json();
      assertThat(j.get("leafHash").asText()).isEqualTo(Rfc6962.leafHash(notes.get(i)).base64());
      assertThat(j.get("identity").asText()).isEqualTo(Hash.sha256(notes.get(i)).hex());
      Checkpoint c =
          LogAudit.verifyReceipt(j.get("receipt").asText(), notes.get(i), server.verifierKey());
      assertThat(j.get("checkpoint").asText())
          .isEqualTo(LogAudit.parseReceipt(j.get("receipt").asText()).checkpointNote());
      assertThat(c.size()).isGreaterThan(j.get("index").asLong());
      indexes.add(j.get("index").asLong());
    }
    assertThat(indexes).doesNotHaveDuplicates().allMatch(i -> i >= 2 && i < 2 + notes.size());

    LogAudit.Audited audited = LogAudit.audit(client, server.verifierKey());
    assertThat(audited.checkpoint().size()).isEqualTo(2 + notes.size());
    for (int i = 0; i < notes.size(); i++) {
      assertThat(audited.entries().get(indexes.get(i).intValue())).isEqualTo(notes.get(i));
    }
  }

  @Test
  void api_logEntryAndProofs_describePublishedTree() throws Exception {
    TestParty us = new TestParty("US", TestServers.TREATY, "k1");
    client.submit(us.registration(now()));
    byte[] s = us.statement(now(), "hello");
    JsonNode r = client.submit(s).json();
    long index = r.get("index").asLong();

    JsonNode info = client.get("api/v1/log").json();
    assertThat(info.get("origin").asText()).isEqualTo(server.origin());
    assertThat(info.get("verifierKey").asText()).isEqualTo(server.verifierKey());
    assertThat(info.get("size").asLong()).isEqualTo(2);

    HttpTestClient.Answer e = client.get("api/v1/entries/" + index);
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.json().get("entry").asText()).isEqualTo(LogAudit.utf8(s));
    assertThat(e.json().get("kind").asText()).isEqualTo("withdrawal");
    assertThat(e.json().get("statement").get("author").asText()).isEqualTo("US");
    assertThat(e.json().get("leafHash").asText()).isEqualTo(Rfc6962.leafHash(s).base64());
    assertThat(client.get("api/v1/entries/2").status()).isEqualTo(404);
    assertThat(client.get("api/v1/entries/x1").status()).isEqualTo(400);

    HttpTestClient.Answer inc = client.get("api/v1/proofs/inclusion?index=0&size=2");
    assertThat(inc.status()).isEqualTo(200);
    assertThat(inc.json().get("proof")).hasSize(1);
    assertThat(client.get("api/v1/proofs/inclusion?index=0&size=3").status()).isEqualTo(404);
    assertThat(client.get("api/v1/proofs/consistency?from=1&to=2").json().get("proof")).hasSize(1);
    assertThat(client.get("api/v1/proofs/consistency?from=0&to=2").status()).isEqualTo(400);
  }

  @Test
  void poll_waitFalse_answers202ThenReceipt() throws Exception {
    TestParty us = new TestParty("US", TestServers.TREATY, "k1");
    client.submit(us.registration(now()));
    byte[] s = us.statement(now(), "later");
    HttpTestClient.Answer a = client.submit(s, false);
    assertThat(a.status()).isIn(202, 201);
    String poll = "api/v1/statements/" + Hash.sha256(s).hex();
    HttpTestClient.Answer got = client.get(poll);
    for (int i = 0; i < 200 && got.status() == 202; i++) {
      Thread.sleep(10);
      got = client.get(poll);
    }
    assertThat(got.status()).isEqualTo(200);
    LogAudit.verifyReceipt(got.json().get("receipt").asText(), s, server.verifierKey());
    assertThat(client.get("api/v1/statements/" + Hash.sha256(new byte[1]).hex()).status())
        .isEqualTo(404);
  }

  @Test
  void readPath_headersAndBounds_followTlogTiles() throws Exception {
    TestParty us = new TestParty("US", TestServers.TREATY, "k1");
    client.submit(us.registration(now()));
    HttpTestClient.Answer cp = client.get("checkpoint");
    assertThat(cp.header("Content-Type").replace(" ", "")).isEqualTo("text/plain;charset=utf-8");
    HttpTestClient.Answer t = client.get("tile/0/000.p/1");
    assertThat(t.status()).isEqualTo(200);
    assertThat(t.header("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(client.get("tile/0/000.p/2").status()).isEqualTo(404);
    assertThat(client.get("tile/0/000").status()).isEqualTo(404);
    assertThat(client.get("tile/0/x000/000.p/1").status()).isEqualTo(404);
    assertThat(client.get("tile/entries/000.p/1").status()).isEqualTo(200);
    assertThat(client.get("tile/entries/000.p/2").status()).isEqualTo(404);
    assertThat(client.get("health").json().get("status").asText()).isEqualTo("ok");
    assertThat(client.get("metrics").text())
        .contains("countersign_tree_size", "countersign_submissions_total");
  }
}
