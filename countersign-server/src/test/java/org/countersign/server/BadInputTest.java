package org.countersign.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import org.countersign.fixtures.FakeClock;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.StatementCodec;
import org.countersign.treaty.statement.Withdrawal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal: its status, its error code, and that nothing was written. One server for all. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  @TempDir static Path dir;
  FakeClock clock = FakeClock.atDefaultStart();
  LogServer server;
  HttpTestClient client;
  TestParty us = new TestParty("US", TestServers.TREATY, "k1");
  long sizeBefore;

  @BeforeAll
  void start() throws Exception {
    server =
        LogServer.start(
            TestServers.options(dir, clock, TestServers.firstKeys("US", "RU", "FR"))
                .participants(Set.of("US", "RU", "FR"))
                .build());
    client = new HttpTestClient(server.url());
    assertThat(client.submit(us.registration(clock.instant())).status()).isEqualTo(201);
    assertThat(client.submit(us.statement(clock.instant(), "first")).status()).isEqualTo(201);
  }

  @BeforeEach
  void measure() throws Exception {
    sizeBefore = treeSize();
  }

  @AfterAll
  void stop() {
    server.stop();
  }

  long treeSize() throws Exception {
    JsonNode h = client.get("health").json();
    assertThat(h.get("treeSize").asLong()).isEqualTo(h.get("publishedSize").asLong());
    return h.get("treeSize").asLong();
  }

  JsonNode assertRefused(byte[] body, int status, String code) throws Exception {
    HttpTestClient.Answer a = client.submit(body);
    assertThat(a.status()).as(a.text()).isEqualTo(status);
    assertThat(a.header("Content-Type")).startsWith("application/json");
    JsonNode j = a.json();
    assertThat(j.get("error").asText()).isEqualTo(code);
    assertThat(j.get("reason").asText()).isNotBlank();
    assertThat(treeSize()).as("tree size after a refused submission").isEqualTo(sizeBefore);
    return j;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void submit_malformedNote_400() throws Exception {
    assertRefused(utf8("hello\n"), 400, "malformed-note");
    assertRefused(utf8("hello\n\n- not a signature line\n"), 400, "malformed-note");
    assertRefused(new byte[0], 400, "malformed-note");
    byte[] control = us.statement(clock.instant(), "x");
    control[5] = 0x07;
    assertRefused(control, 400, "malformed-note");
  }

  @Test
  void submit_oversized_413() throws Exception {
    byte[] big = new byte[70_000];
    Arrays.fill(big, (byte) 'a');
    assertRefused(big, 413, "entry-too-large");
  }

  /**
   * A refused oversized body gets its 413 every time, not now and then a reset connection: the
   * server reads the body (within its drain limit) before answering. Before, about one refusal of a
   * 5 MB body in fifty was lost to the reset, with the body declared and sent in chunks alike.
   */
  @Test
  void submit_oversized_theRefusalAlwaysArrives() throws Exception {
    byte[] big = new byte[5_000_000];
    Arrays.fill(big, (byte) 'a');
    for (int i = 0; i < 250; i++) {
      assertThat(client.submit(big).status()).as("declared length, refusal " + i).isEqualTo(413);
    }
    for (int i = 0; i < 150; i++) {
      java.net.http.HttpRequest chunked =
          java.net.http.HttpRequest.newBuilder(client.base.resolve("api/v1/statements"))
              .header("Content-Type", "text/plain; charset=utf-8")
              .POST(
                  java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                      () -> new java.io.ByteArrayInputStream(big)))
              .build();
      assertThat(
              client
                  .http
                  .send(chunked, java.net.http.HttpResponse.BodyHandlers.discarding())
                  .statusCode())
          .as("chunked, refusal " + i)
          .isEqualTo(413);
    }
    assertThat(treeSize()).isEqualTo(sizeBefore);
  }

  /**
   * The same for the routes whose bodies Javalin caps (a stability assessment's forces, a
   * proposal): their 413 arrives every time, with the API's JSON error.
   */
  @Test
  void otherPostRoutes_oversized_theRefusalAlwaysArrives() throws Exception {
    byte[] big = new byte[5_000_000];
    Arrays.fill(big, (byte) ' ');
    for (int i = 0; i < 250; i++) {
      HttpResponse<String> r =
          client.http.send(
              HttpRequest.newBuilder(client.base.resolve("api/v1/stability/assess"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("refusal " + i).isEqualTo(413);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
      assertThat(r.body())
          .contains("\"error\":\"too-large\"")
          .contains("of 5,000,000 bytes is over this route's cap of 65,536 bytes");
    }
  }

  @Test
  void submit_notAStatement_400() throws Exception {
    assertRefused(utf8(Note.sign("hello\n", us.key)), 400, "malformed-statement");
    assertRefused(
        utf8(
            Note.sign(
                "countersign/statement/v1 no-such-kind\n{\"kind\":\"no-such-kind\"}\n", us.key)),
        400,
        "malformed-statement");
  }

  @Test
  void submit_nonCanonicalJson_400() throws Exception {
    String text =
        StatementCodec.encodeText(
            new Withdrawal(TestServers.TREATY, "US", clock.instant(), "spaced"),
            "countersign.local/new-start");
    String spaced = text.replace("\"author\":", "\"author\": ");
    assertThat(spaced).isNotEqualTo(text);
    assertRefused(utf8(Note.sign(spaced, us.key)), 400, "non-canonical-statement");
  }

  @Test
  void submit_badSignature_403() throws Exception {
    SignerKey other = TestParty.keyFor("US", "not-the-registered-key");
    byte[] wrongKey =
        TestParty.sign(new Withdrawal(TestServers.TREATY, "US", clock.instant(), "forged"), other);
    assertRefused(wrongKey, 403, "bad-signature");

    byte[] good = us.statement(clock.instant(), "tampered");
    String s = new String(good, StandardCharsets.UTF_8);
    int sig = s.lastIndexOf(' ') + 10;
    char c = s.charAt(sig);
    String tampered = s.substring(0, sig) + (c == 'A' ? 'B' : 'A') + s.substring(sig + 1);
    assertRefused(utf8(tampered), 403, "bad-signature");

    byte[] extra =
        TestParty.sign(
            new Withdrawal(TestServers.TREATY, "US", clock.instant(), "co-signed"), us.key, other);
    assertRefused(extra, 403, "bad-signature");
  }

  @Test
  void submit_unknownAuthor_403() throws Exception {
    TestParty ru = new TestParty("RU", TestServers.TREATY, "k1");
    assertRefused(ru.statement(clock.instant(), "never registered"), 403, "unknown-author");
    TestParty xx = new TestParty("XX", TestServers.TREATY, "k1");
    assertRefused(xx.registration(clock.instant()), 403, "unknown-author");
  }

  @Test
  void submit_strangerRegistersAPartysFirstKey_403() throws Exception {
    // Issue 13 finding 4: Russia has not registered yet; a stranger registers its own key as
    // Russia's, signed by that key (proof of possession proves nothing here).
    SignerKey stranger = TestParty.keyFor("RU", "stranger");
    byte[] grab =
        TestParty.sign(
            new PartyKeyRegistration(
                TestServers.TREATY, "RU", clock.instant(), stranger.verifierKey()),
            stranger);
    JsonNode refused = assertRefused(grab, 403, "first-key-not-agreed");
    assertThat(refused.get("reason").asText()).contains("the key agreed outside the log");
  }

  @Test
  void submit_statementSignedForAnotherLog_422() throws Exception {
    // Issue 13 finding 5: a statement the United States signed for another log of the same
    // treaty, replayed here within the skew window.
    byte[] replayed =
        TestParty.signFor(
            "countersign.local/new-start-other",
            new Withdrawal(TestServers.TREATY, "US", clock.instant(), "replayed"),
            us.key);
    JsonNode refused = assertRefused(replayed, 422, "wrong-log");
    assertThat(refused.get("reason").asText())
        .contains("\"countersign.local/new-start-other\"")
        .contains("\"countersign.local/new-start\"");
  }

  @Test
  void submit_wrongTreaty_422() throws Exception {
    byte[] note =
        TestParty.sign(new Withdrawal("other-treaty", "US", clock.instant(), "elsewhere"), us.key);
    assertRefused(note, 422, "wrong-treaty");
  }

  @Test
  void submit_farFuture_422() throws Exception {
    assertRefused(
        us.statement(clock.instant().plus(Duration.ofMinutes(11)), "future"),
        422,
        "issued-in-future");
  }

  @Test
  void submit_stale_422() throws Exception {
    assertRefused(
        us.statement(clock.instant().minus(Duration.ofMinutes(11)), "stale"), 422, "stale");
  }

  @Test
  void submit_secondRegistration_409() throws Exception {
    SignerKey other = TestParty.keyFor("US", "k2");
    byte[] again =
        TestParty.sign(
            new PartyKeyRegistration(
                TestServers.TREATY, "US", clock.instant(), other.verifierKey()),
            other);
    assertRefused(again, 409, "key-conflict");
  }

  @Test
  void submit_duplicate_returnsFirstIndex() throws Exception {
    byte[] note = us.statement(clock.instant(), "once");
    HttpTestClient.Answer first = client.submit(note);
    assertThat(first.status()).isEqualTo(201);
    long size = treeSize();
    HttpTestClient.Answer second = client.submit(note);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().get("index").asLong()).isEqualTo(first.json().get("index").asLong());
    assertThat(second.json().get("duplicate").asBoolean()).isTrue();
    LogAudit.verifyReceipt(second.json().get("receipt").asText(), note, server.verifierKey());
    assertThat(treeSize()).isEqualTo(size);

    // Still the same entry once its issuedAt has left the skew window.
    clock.advance(Duration.ofHours(1));
    HttpTestClient.Answer later = client.submit(note);
    assertThat(later.status()).isEqualTo(200);
    assertThat(later.json().get("index").asLong()).isEqualTo(first.json().get("index").asLong());
    assertThat(treeSize()).isEqualTo(size);
  }

  @Test
  void submit_rotation_newKeyRequiredAndNoBackdating() throws Exception {
    TestParty fr = new TestParty("FR", TestServers.TREATY, "k1");
    assertThat(client.submit(fr.registration(clock.instant())).status()).isEqualTo(201);
    SignerKey old = fr.key;
    Instant rotatedAt = clock.instant().plusSeconds(1);
    clock.advance(Duration.ofSeconds(2));
    assertThat(client.submit(fr.rotateTo(TestParty.keyFor("FR", "k2"), rotatedAt)).status())
        .isEqualTo(201);
    sizeBefore = treeSize();
    byte[] byOld =
        TestParty.sign(new Withdrawal(TestServers.TREATY, "FR", clock.instant(), "old key"), old);
    assertRefused(byOld, 403, "bad-signature");
    assertRefused(fr.statement(rotatedAt.minusSeconds(1), "backdated"), 403, "bad-signature");
    assertThat(client.submit(fr.statement(clock.instant(), "new key")).status()).isEqualTo(201);
  }
}
