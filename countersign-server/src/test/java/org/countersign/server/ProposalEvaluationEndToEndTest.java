package org.countersign.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.countersign.fixtures.FakeClock;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.Declaration;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.TreatyAdoption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/proposals/evaluate} on a treaty log: what a proposal asks of each party from
 * its declarations, the prefix it counted in {@code Countersign-Log-Size}, and 400s with reasons.
 */
class ProposalEvaluationEndToEndTest {
  static final Instant NOW = Instant.parse("2019-03-20T12:00:00Z");

  @TempDir Path dir;
  FakeClock clock = new FakeClock(NOW);
  LogServer server;
  HttpTestClient client;
  TestParty us = new TestParty("US", "new-start", "k1");
  TestParty ru = new TestParty("RU", "new-start", "k1");
  Treaty newStart;
  String text;

  @BeforeEach
  void start() throws Exception {
    newStart = TreatyLoader.builtIn("new-start");
    try (InputStream in = TreatyLoader.class.getResourceAsStream("/treaties/new-start.yaml")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    server =
        LogServer.start(
            ServerOptions.builder()
                .dataDir(dir)
                .port(0)
                .treaty(newStart)
                .clock(clock)
                .batchMaxDelay(java.time.Duration.ofMillis(5))
                .random(TestServers.deterministicRandom())
                .firstKeys(TestServers.firstKeys("US", "RU"))
                .build());
    client = new HttpTestClient(server.url());
    submit(us.registration(NOW));
    submit(ru.registration(NOW));
    submit(TestParty.sign(new TreatyAdoption("new-start", "US", NOW, newStart.digest()), us.key));
    // 10 deployed ICBMs with 3 warheads each: 30 deployed warheads, 10 vehicles.
    var items = new ArrayList<DeclaredItem>();
    for (int i = 1; i <= 10; i++) {
      items.add(new DeclaredItem("M-" + i, "icbm", "deployed", "base", "", Map.of("warheads", 3L)));
    }
    // Every other counted category declared, all eliminated: a declared zero, not a gap that the
    // evaluation would fill from published estimates.
    for (String category : List.of("slbm", "heavy-bomber", "icbm-launcher", "slbm-launcher")) {
      Map<String, Long> attributes =
          category.equals("slbm") ? Map.of("warheads", 0L) : Map.<String, Long>of();
      items.add(new DeclaredItem("E-" + category, category, "eliminated", "base", "", attributes));
    }
    submit(
        TestParty.sign(
            new Declaration("new-start", "US", NOW, LocalDate.parse("2019-03-15"), 1, 1, items),
            us.key));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  void submit(byte[] note) throws Exception {
    HttpTestClient.Answer a = client.submit(note);
    assertThat(a.status()).as(a.text()).isEqualTo(201);
  }

  HttpResponse<String> evaluate(String query, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.url() + "api/v1/proposals/evaluate" + query))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode ask(JsonNode evaluation, String party, String limit) {
    for (JsonNode a : evaluation.get("asks")) {
      if (a.get("party").asText().equals(party) && a.get("limit").asText().equals(limit)) {
        return a;
      }
    }
    throw new AssertionError("no ask " + party + "/" + limit + " in " + evaluation);
  }

  String withWarheadCeiling(long value) {
    String edited =
        text.replaceFirst(
            "(  - id: deployed-warheads\\n(?:    .*\\n)*?    value: )1550", "$1" + value);
    assertThat(edited).isNotEqualTo(text);
    return edited;
  }

  @Test
  void treatyInForce_asksNothing_andNamesThePrefixCounted() throws Exception {
    HttpResponse<String> r = evaluate("?at=2019-03-20", text);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Countersign-Log-Size")).hasValue("4");
    JsonNode e = new ObjectMapper().readTree(r.body());
    for (JsonNode a : e.get("asks")) {
      if (a.get("party").asText().equals("US")) {
        assertThat(a.get("reduction").asLong()).as(a.toString()).isZero();
      }
    }
    assertThat(ask(e, "US", "deployed-warheads").get("counted").asLong()).isEqualTo(30);
    // Deterministic: the same request, the same bytes.
    assertThat(evaluate("?at=2019-03-20", text).body()).isEqualTo(r.body());
  }

  @Test
  void lowerCeiling_asksExactlyTheExcess() throws Exception {
    HttpResponse<String> r = evaluate("?at=2019-03-20", withWarheadCeiling(21));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode a = ask(new ObjectMapper().readTree(r.body()), "US", "deployed-warheads");
    assertThat(a.get("proposed").asLong()).isEqualTo(21);
    assertThat(a.get("reduction").asLong()).isEqualTo(9);
    assertThat(a.get("headroom").asLong()).isZero();
    HttpResponse<String> t = evaluate("?at=2019-03-20&format=text", withWarheadCeiling(21));
    assertThat(t.statusCode()).isEqualTo(200);
    assertThat(t.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(t.body()).contains("deployed-warheads: ceiling 21");
  }

  @Test
  void badRequests_get400WithAReason() throws Exception {
    HttpResponse<String> noAt = evaluate("", text);
    assertThat(noAt.statusCode()).isEqualTo(400);
    assertThat(noAt.body()).contains("query parameter at is required");
    assertThat(evaluate("?at=20-03-2019", text).body()).contains("at must be a day YYYY-MM-DD");
    HttpResponse<String> fmt = evaluate("?at=2019-03-20&format=pdf", text);
    assertThat(fmt.statusCode()).isEqualTo(400);
    assertThat(fmt.body()).contains("format must be json, text or html");
    HttpResponse<String> bad = evaluate("?at=2019-03-20", "format: countersign-treaty/v1\nid: [\n");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("the proposal is not a valid treaty file")
        .containsPattern("proposal:\\d+:\\d+");
  }

  @Test
  void html_isAPrintableReportWithoutScripts() throws Exception {
    HttpResponse<String> r = evaluate("?at=2019-03-20&format=html", withWarheadCeiling(21));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'none'");
    assertThat(r.body()).contains("<table>").doesNotContain("<script");
  }
}
