package org.countersign.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.countersign.fixtures.FakeClock;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.DataExchangeUpdate;
import org.countersign.treaty.statement.Declaration;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowTotal;
import org.countersign.treaty.statement.Suspension;
import org.countersign.treaty.statement.TreatyAdoption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compliance report follows what the server integrates, survives restarts, and renders. */
class ComplianceEndToEndTest {
  static final Treaty NEW_START = newStart();
  static final String AT = "api/v1/compliance?at=2019-03-20";

  static Treaty newStart() {
    try {
      return TreatyLoader.builtIn("new-start");
    } catch (org.countersign.treaty.loader.TreatyException e) {
      throw new AssertionError(e);
    }
  }

  @TempDir Path dir;
  FakeClock clock = new FakeClock(Instant.parse("2019-03-20T12:00:00Z"));
  LogServer server;
  HttpTestClient client;
  TestParty us = new TestParty("US", "new-start", "k1");
  TestParty ru = new TestParty("RU", "new-start", "k1");

  @BeforeEach
  void start() throws Exception {
    server = LogServer.start(options());
    client = new HttpTestClient(server.url());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  ServerOptions options() {
    return ServerOptions.builder()
        .dataDir(dir)
        .port(0)
        .treaty(NEW_START)
        .clock(clock)
        .batchMaxDelay(java.time.Duration.ofMillis(5))
        .random(TestServers.deterministicRandom())
        .firstKeys(TestServers.firstKeys("US", "RU"))
        .build();
  }

  void submit(byte[] note) throws Exception {
    HttpTestClient.Answer a = client.submit(note);
    assertThat(a.status()).as(a.text()).isEqualTo(201);
  }

  /** Keys (0, 1), US adoption (2), US data exchange as of 2019-03-01 (3). */
  void publishExchange() throws Exception {
    Instant now = clock.instant();
    submit(us.registration(now));
    submit(ru.registration(now));
    submit(TestParty.sign(new TreatyAdoption("new-start", "US", now, NEW_START.digest()), us.key));
    submit(
        TestParty.sign(
            new DataExchangeUpdate(
                "new-start",
                "US",
                now,
                LocalDate.parse("2019-03-01"),
                Map.of(
                    "deployed-delivery-vehicles", 656L,
                    "deployed-warheads", 1365L,
                    "launchers", 800L)),
            us.key));
  }

  static JsonNode limit(JsonNode report, String party, String limit) {
    for (JsonNode p : report.get("parties")) {
      if (p.get("party").asText().equals(party)) {
        for (JsonNode l : p.get("limits")) {
          if (l.get("limit").asText().equals(limit)) {
            return l;
          }
        }
      }
    }
    throw new AssertionError("no " + limit + " for " + party + " in " + report);
  }

  @Test
  void compliance_afterEachIntegration_reportFollowsTheLog() throws Exception {
    HttpTestClient.Answer empty = client.get(AT);
    assertThat(empty.status()).as(empty.text()).isEqualTo(200);
    assertThat(empty.json().get("entries").asLong()).isZero();
    assertThat(limit(empty.json(), "US", "deployed-warheads").get("total").isNull()).isTrue();

    publishExchange();
    HttpTestClient.Answer first = client.get(AT);
    assertThat(first.header("Countersign-Log-Size")).isEqualTo("4");
    JsonNode warheads = limit(first.json(), "US", "deployed-warheads");
    assertThat(warheads.get("total").asLong()).isEqualTo(1365);
    assertThat(warheads.get("margin").asLong()).isEqualTo(185);
    assertThat(warheads.get("inForce").asBoolean()).isTrue();
    assertThat(warheads.get("source").asText()).isEqualTo("data-exchange");
    assertThat(warheads.get("evidence").toString()).isEqualTo("[3]");
    assertThat(first.json().get("entries").asLong()).isEqualTo(4);

    // A later item-level declaration is fresher evidence: the number changes to the items' count.
    submit(
        TestParty.sign(
            new Declaration(
                "new-start",
                "US",
                clock.instant(),
                LocalDate.parse("2019-03-15"),
                1,
                1,
                List.of(
                    new DeclaredItem(
                        "M-1", "icbm", "deployed", "base-a", "", Map.of("warheads", 1L)),
                    new DeclaredItem(
                        "M-2", "icbm", "deployed", "base-a", "", Map.of("warheads", 3L)))),
            us.key));
    JsonNode second = client.get(AT).json();
    JsonNode counted = limit(second, "US", "deployed-warheads");
    assertThat(counted.get("total").asLong()).isEqualTo(4);
    assertThat(counted.get("source").asText()).isEqualTo("items");
    assertThat(counted.get("evidence").toString()).isEqualTo("[4]");
    assertThat(second.get("entries").asLong()).isEqualTo(5);
    // Before the declaration's as-of date the published total still stands.
    JsonNode earlier = client.get("api/v1/compliance?at=2019-03-10").json();
    assertThat(limit(earlier, "US", "deployed-warheads").get("total").asLong()).isEqualTo(1365);
  }

  @Test
  void compliance_jsonAndText_areTheEnginesBytesExactly() throws Exception {
    publishExchange();
    HttpTestClient.Answer json = client.get(AT + "&format=json");
    HttpTestClient.Answer text = client.get(AT + "&format=text");
    var engine = new org.countersign.treaty.compliance.ComplianceEngine(NEW_START);
    var report =
        server
            .compliance()
            .orElseThrow()
            .report(org.countersign.treaty.report.ReportTime.parse("2019-03-20"));
    assertThat(json.text()).isEqualTo(report.canonicalJson());
    assertThat(json.header("Content-Type")).startsWith("application/json");
    assertThat(text.text()).isEqualTo(report.toText());
    assertThat(text.header("Content-Type")).startsWith("text/plain");
    assertThat(engine.entries()).isZero();
  }

  @Test
  void compliance_partyView_keepsOnlyThatParty() throws Exception {
    publishExchange();
    JsonNode view = client.get(AT + "&party=RU").json();
    assertThat(view.get("parties")).hasSize(1);
    assertThat(view.get("parties").get(0).get("party").asText()).isEqualTo("RU");
    for (JsonNode x : view.get("dataExchanges")) {
      assertThat(x.get("party").asText()).isEqualTo("RU");
    }
    HttpTestClient.Answer unknown = client.get(AT + "&party=FR");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("reason").asText())
        .contains("\"FR\" is not a participant of new-start; participants: RU, US");
  }

  @Test
  void compliance_restart_replaysToTheSameReport() throws Exception {
    publishExchange();
    String json = client.get(AT).text();
    String text = client.get(AT + "&format=text").text();
    // Live, the follower applied the statements decoded at submission (issue 14: each entry is
    // decoded once); after the restart it decodes the stored bytes, and must report the same.
    var live = server.compliance().orElseThrow();
    live.awaitApplied(4, java.time.Duration.ofSeconds(10));
    assertThat(live.takenOver()).isEqualTo(4);
    assertThat(live.handedOverWaiting()).isZero();
    server.stop();
    server = LogServer.start(options());
    client = new HttpTestClient(server.url());
    assertThat(client.get(AT).text()).isEqualTo(json);
    assertThat(client.get(AT + "&format=text").text()).isEqualTo(text);
    assertThat(server.compliance().orElseThrow().applied()).isEqualTo(4);
    assertThat(server.compliance().orElseThrow().takenOver()).isZero();
  }

  @Test
  void compliance_html_showsNumbersLimitMarginAndEvidenceLinks() throws Exception {
    publishExchange();
    HttpTestClient.Answer html = client.get(AT + "&party=US&format=html");
    assertThat(html.status()).isEqualTo(200);
    assertThat(html.header("Content-Type")).startsWith("text/html");
    assertThat(html.header("Content-Security-Policy"))
        .startsWith("default-src 'none'; style-src 'unsafe-inline'");
    String page = html.text();
    assertThat(page)
        .startsWith("<!DOCTYPE html>")
        .contains("United States of America (US)")
        .contains(
            "<td class=\"num\">1,365</td><td class=\"num\">1,550</td><td class=\"num\">185</td>")
        .contains("Yes (binds from 2018-02-05)")
        .contains("Within the limit")
        .contains("<a href=\"entries/3\">#3</a>")
        .contains("<a href=\"proofs/inclusion?index=3&amp;size=4\"")
        .contains("Adopted this treaty text: <a href=\"entries/2\">#2</a>")
        .contains(server.checkpoint().root().base64())
        .doesNotContain("<script")
        .doesNotContain("Russian Federation (RU)");
    // The links resolve on the server: the entry and its proof.
    assertThat(client.get("api/v1/entries/3").status()).isEqualTo(200);
    assertThat(client.get("api/v1/proofs/inclusion?index=3&size=4").status()).isEqualTo(200);
  }

  @Test
  void submit_statementTheTreatyDoesNotAdmit_refusedWith422AndTheField() throws Exception {
    Instant now = clock.instant();
    submit(us.registration(now));
    HttpTestClient.Answer a =
        client.submit(
            TestParty.sign(
                new Declaration(
                    "new-start",
                    "US",
                    now,
                    LocalDate.parse("2019-03-01"),
                    1,
                    1,
                    List.of(
                        new DeclaredItem("G-1", "glide-vehicle", "deployed", "x", "", Map.of()))),
                us.key));
    assertThat(a.status()).as(a.text()).isEqualTo(422);
    assertThat(a.json().get("error").asText()).isEqualTo("inadmissible-statement");
    assertThat(a.json().get("reason").asText())
        .isEqualTo(
            "the statement does not fit treaty new-start: declaration: items[0] (G-1).category:"
                + " \"glide-vehicle\" is not a category of new-start");
    assertThat(client.get("checkpoint").text()).startsWith("countersign.local/new-start\n1\n");
  }

  @Test
  void submit_uneditedTemplateText_refusedWith422NamingTheField() throws Exception {
    Instant now = clock.instant();
    submit(us.registration(now));
    // Free text admits anything, so only the template rule tells this unedited reason apart.
    HttpTestClient.Answer a =
        client.submit(
            TestParty.sign(
                new Suspension(
                    "new-start", "US", now, LocalDate.parse("2023-02-21"), "<fill in: text>"),
                us.key));
    assertThat(a.status()).as(a.text()).isEqualTo(422);
    assertThat(a.json().get("error").asText()).isEqualTo("unfilled-template");
    assertThat(a.json().get("reason").asText())
        .isEqualTo(
            "suspension: reason is not filled in yet (it still holds the template's \"<fill in:"
                + " ...>\"); write the value, then sign and submit");
    assertThat(client.get("checkpoint").text()).startsWith("countersign.local/new-start\n1\n");
  }

  @Test
  void submit_escrowStatementTheLogStateRefuses_422WithTheReason() throws Exception {
    Instant now = clock.instant();
    submit(us.registration(now));
    String root = "cd".repeat(32);
    var totals = List.of(new EscrowTotal("icbm", "deployed", 1, Map.of("warheads", 1L)));
    LocalDate asOf = LocalDate.parse("2019-03-01");
    // Extends a commitment that was never logged: refused with the log's state, not the file's.
    HttpTestClient.Answer orphan =
        client.submit(
            TestParty.sign(
                new EscrowCommitment(
                    "new-start", "US", now, asOf, root, 1, totals, "ab".repeat(32)),
                us.key));
    assertThat(orphan.status()).as(orphan.text()).isEqualTo(422);
    assertThat(orphan.json().get("reason").asText())
        .contains("previousRoot " + "ab".repeat(32) + " is not the root of an earlier escrow");
    submit(
        TestParty.sign(
            new EscrowCommitment("new-start", "US", now, asOf, root, 1, totals, ""), us.key));
    // The same root again, once the first is published: refused.
    HttpTestClient.Answer again =
        client.submit(
            TestParty.sign(
                new EscrowCommitment(
                    "new-start", "US", now.plusSeconds(1), asOf, root, 1, totals, ""),
                us.key));
    assertThat(again.status()).as(again.text()).isEqualTo(422);
    assertThat(again.json().get("error").asText()).isEqualTo("inadmissible-statement");
    assertThat(again.json().get("reason").asText())
        .contains("root " + root + " was already committed");
  }

  @Test
  void compliance_badParameters_400WithTheReason() throws Exception {
    assertThat(reason("api/v1/compliance")).contains("query parameter at is required");
    assertThat(reason("api/v1/compliance?at=2019-3-1"))
        .isEqualTo(
            "at must be a day YYYY-MM-DD or an instant YYYY-MM-DDTHH:MM:SSZ (UTC), got \"2019-3-1\"");
    assertThat(reason("api/v1/compliance?at=2019-02-29"))
        .isEqualTo("at is not a real calendar date and time: \"2019-02-29\"");
    assertThat(reason("api/v1/compliance?at=2019-03-01T12:00:00%2B01:00")).contains("got \"2019");
    assertThat(reason("api/v1/compliance?at=2019-03-01&format=pdf"))
        .isEqualTo("format must be json, text or html, got \"pdf\"");
    assertThat(reason("api/v1/compliance?at=2019-03-01&view=now"))
        .isEqualTo("view must be as-known or retrospective, got \"now\"");
  }

  @Test
  void compliance_view_asKnownOrRetrospective_retrospectiveByDefault() throws Exception {
    publishExchange();
    assertThat(client.get(AT).json().get("view").asText()).isEqualTo("retrospective");
    JsonNode known = client.get(AT + "&view=as-known").json();
    assertThat(known.get("view").asText()).isEqualTo("as-known");
    assertThat(client.get(AT + "&view=retrospective").json().get("laterEntries").asLong())
        .isEqualTo(known.get("laterEntries").asLong());
  }

  String reason(String path) throws Exception {
    HttpTestClient.Answer a = client.get(path);
    assertThat(a.status()).as(a.text()).isEqualTo(400);
    assertThat(a.json().get("error").asText()).isEqualTo("bad-request");
    return a.json().get("reason").asText();
  }

  @Test
  void compliance_serverWithoutTreatyFile_404NoTreaty(@TempDir Path other) throws Exception {
    try (LogServer bare = LogServer.start(TestServers.options(other, clock).build())) {
      HttpTestClient.Answer a = new HttpTestClient(bare.url()).get(AT);
      assertThat(a.status()).isEqualTo(404);
      assertThat(a.json().get("error").asText()).isEqualTo("no-treaty");
    }
  }
}
