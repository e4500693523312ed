package org.countersign.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.countersign.fixtures.FakeClock;
import org.countersign.log.Hash;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submission held longer than the server's integration timeout is answered 202 with where to
 * poll, and its entry is still logged: the waits' deadlines are kept by one shared sweep (issue
 * 14), not a timer per request, and must still fire.
 */
class SubmissionWaitTest {
  @TempDir Path dir;
  FakeClock clock = FakeClock.atDefaultStart();
  @Nullable LogServer server;

  @AfterEach
  void stop() {
    LogServer s = server;
    if (s != null) {
      s.stop();
    }
  }

  @Test
  void batchSlowerThanTheWait_answers202WithoutIndexThenThePollGivesTheReceipt() throws Exception {
    // Each batch waits 1.5 s for more entries; a submitter waits 100 ms for its receipt.
    LogServer server =
        LogServer.start(
            ServerOptions.builder()
                .dataDir(dir)
                .port(0)
                .treatyId(TestServers.TREATY)
                .clock(clock)
                .random(TestServers.deterministicRandom())
                .firstKeys(TestServers.FIRST_KEYS)
                .batchMaxDelay(Duration.ofMillis(1500))
                .integrationTimeout(Duration.ofMillis(100))
                .build());
    this.server = server;
    HttpTestClient client = new HttpTestClient(server.url());
    TestParty us = new TestParty("US", TestServers.TREATY, "k1");
    byte[] registration = us.registration(clock.instant());

    HttpTestClient.Answer a = client.submit(registration);

    // Without the deadline firing, the answer would be a 201 once the batch closed.
    assertThat(a.status()).as(a.text()).isEqualTo(202);
    assertThat(a.json().has("index")).isFalse();
    String poll = "api/v1/statements/" + Hash.sha256(registration).hex();
    assertThat(a.json().get("poll").asText()).isEqualTo("/" + poll);
    HttpTestClient.Answer got = client.get(poll);
    for (int i = 0; i < 500 && got.status() == 202; i++) {
      Thread.sleep(10);
      got = client.get(poll);
    }
    assertThat(got.status()).as(got.text()).isEqualTo(200);
    LogAudit.verifyReceipt(got.json().get("receipt").asText(), registration, server.verifierKey());
  }
}
