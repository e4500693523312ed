package org.countersign.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import org.countersign.fixtures.FakeClock;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.negotiation.OpeningSeal;
import org.countersign.treaty.statement.Acceptance;
import org.countersign.treaty.statement.NegotiationTerms;
import org.countersign.treaty.statement.OpeningCommitment;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.Proposal;
import org.countersign.treaty.statement.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A negotiation log served over HTTP: {@code NegotiationService} refuses what the record refuses,
 * with its reason, and {@code GET /api/v1/negotiation} reports the findings the log shows.
 */
class NegotiationEndToEndTest {
  static final String ID = "talks";
  static final Instant T0 = Instant.parse("2027-01-10T00:00:00Z");
  static final String ORIGIN = "countersign.local/negotiation/" + ID;
  static final Instant COMMIT_BY = Instant.parse("2027-01-20T00:00:00Z");
  static final Instant REVEAL_BY = Instant.parse("2027-01-30T00:00:00Z");

  @TempDir Path dir;
  FakeClock clock = new FakeClock(T0);
  LogServer server;
  HttpTestClient client;
  TestParty us = new TestParty("US", ID, "k1");
  TestParty ru = new TestParty("RU", ID, "k1");
  TestParty cn = new TestParty("CN", ID, "k1");
  String text;
  String digest;

  @BeforeEach
  void start() throws Exception {
    server =
        LogServer.start(
            ServerOptions.builder()
                .dataDir(dir)
                .port(0)
                .negotiation()
                .treatyId(ID)
                .origin(ORIGIN)
                .firstKeys(TestServers.firstKeys("US", "RU", "CN"))
                .participants(new LinkedHashSet<>(List.of("US", "RU", "CN")))
                .clock(clock)
                .batchMaxDelay(java.time.Duration.ofMillis(5))
                .random(TestServers.deterministicRandom())
                .build());
    client = new HttpTestClient(server.url());
    try (InputStream in = TreatyLoader.class.getResourceAsStream("/treaties/new-start.yaml")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    digest = TreatyLoader.parse("proposal", text).digest();
    ok(sign(new PartyKeyRegistration(ID, us.id, T0, us.key.verifierKey()), us));
    ok(sign(new PartyKeyRegistration(ID, ru.id, T0, ru.key.verifierKey()), ru));
    ok(sign(new PartyKeyRegistration(ID, cn.id, T0, cn.key.verifierKey()), cn));
    ok(
        sign(
            new NegotiationTerms(
                ID, "US", T0, List.of("US", "RU", "CN"), COMMIT_BY, REVEAL_BY, "test"),
            us));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  /** Signs {@code s} addressed to this negotiation's log. */
  static byte[] sign(Statement s, TestParty p) {
    return TestParty.signFor(ORIGIN, s, p.key);
  }

  void ok(byte[] note) throws Exception {
    HttpTestClient.Answer a = client.submit(note);
    assertThat(a.status()).as(a.text()).isEqualTo(201);
  }

  HttpTestClient.Answer refused(byte[] note) throws Exception {
    HttpTestClient.Answer a = client.submit(note);
    assertThat(a.status()).as(a.text()).isEqualTo(422);
    return a;
  }

  Proposal opening(String author, String salt, Instant at) {
    return new Proposal(ID, author, at, text, digest, "", "opening", salt);
  }

  @Test
  void acceptanceOfUnknownDigest_refusedWithReason() throws Exception {
    String unknown = "ab".repeat(32);
    HttpTestClient.Answer a =
        refused(sign(new Acceptance(ID, "RU", T0.plusSeconds(60), unknown, List.of()), ru));
    assertThat(a.json().get("reason").asText())
        .endsWith("acceptance: accepts " + unknown + ", which no logged proposal carries");
  }

  @Test
  void statementOfAnotherNegotiation_orNonParty_refused() throws Exception {
    TestParty other = new TestParty("US", "other-talks", "k1");
    HttpTestClient.Answer a =
        refused(
            TestParty.signFor(
                ORIGIN,
                new Acceptance("other-talks", "US", T0.plusSeconds(60), digest, List.of()),
                other.key));
    assertThat(a.json().get("reason").asText())
        .contains("\"talks\"")
        .contains("the statement names \"other-talks\"");
    // A second terms statement is refused: the first governs.
    HttpTestClient.Answer b =
        refused(
            sign(
                new NegotiationTerms(
                    ID, "RU", T0.plusSeconds(60), List.of("US", "RU"), COMMIT_BY, REVEAL_BY, "x"),
                ru));
    assertThat(b.json().get("reason").asText()).contains("negotiation-terms: ");
  }

  @Test
  void earlyAndMismatchedReveals_areFindingsInTheReport() throws Exception {
    String usSalt = "11".repeat(32);
    String ruSalt = "22".repeat(32);
    Instant t = T0.plusSeconds(3600);
    clock.set(t);
    ok(
        sign(
            new OpeningCommitment(ID, "US", t, OpeningSeal.commitment(ID, "US", usSalt, digest)),
            us));
    ok(
        sign(
            new OpeningCommitment(ID, "RU", t, OpeningSeal.commitment(ID, "RU", ruSalt, digest)),
            ru));
    // US reveals before China has committed; RU reveals with a salt that does not open its seal.
    ok(sign(opening("US", usSalt, t.plusSeconds(60)), us));
    clock.set(t.plusSeconds(120));
    ok(sign(opening("RU", "33".repeat(32), t.plusSeconds(120)), ru));

    HttpTestClient.Answer report = client.get("api/v1/negotiation?at=2027-02-01T00:00:00Z");
    assertThat(report.status()).as(report.text()).isEqualTo(200);
    String json = report.text();
    assertThat(json)
        .contains("\"reveal-before-all-commitments\"")
        .contains("\"reveal-mismatch\"")
        .contains("\"no-commitment-by-deadline\"");
    HttpTestClient.Answer text =
        client.get("api/v1/negotiation?at=2027-02-01T00:00:00Z&format=text");
    assertThat(text.status()).isEqualTo(200);
    assertThat(text.text()).contains("reveal-mismatch");
    // The same request twice gives the same bytes.
    assertThat(client.get("api/v1/negotiation?at=2027-02-01T00:00:00Z").text()).isEqualTo(json);
  }

  @Test
  void reportParameters_atDefaultsToNow_badOnesGet400WithReason() throws Exception {
    // Without at, deadlines are judged at the server's clock, and the report names that instant.
    HttpTestClient.Answer noAt = client.get("api/v1/negotiation");
    assertThat(noAt.status()).as(noAt.text()).isEqualTo(200);
    assertThat(noAt.json().get("at").asText()).isEqualTo(clock.instant().toString());
    assertThat(noAt.text())
        .isEqualTo(client.get("api/v1/negotiation?at=" + clock.instant()).text());
    assertThat(client.get("api/v1/negotiation?at=yesterday").status()).isEqualTo(400);
    HttpTestClient.Answer fmt = client.get("api/v1/negotiation?at=2027-02-01T00:00:00Z&format=xml");
    assertThat(fmt.status()).isEqualTo(400);
    assertThat(fmt.json().get("reason").asText()).contains("format must be json or text");
  }

  @Test
  void proposalWithBadText_refusedWithLineAndColumn() throws Exception {
    String bad =
        text.replace("format: countersign-treaty/v1", "format: countersign-treaty/v1\nbogus: [");
    HttpTestClient.Answer a =
        refused(sign(new Proposal(ID, "US", T0.plusSeconds(60), bad, digest, "", "bad", ""), us));
    assertThat(a.json().get("reason").asText())
        .contains("proposal: proposalText is not a valid treaty file: ")
        .containsPattern("proposal:\\d+:\\d+");
  }

  @Test
  void treatyEndpoints_answerNotFoundOnANegotiationLog() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(server.url() + "api/v1/proposals/evaluate?at=2027-01-01"))
                    .POST(HttpRequest.BodyPublishers.ofString(text))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("no-treaty");
  }
}
