package org.countersign.cli.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.countersign.log.Hash;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;
import org.countersign.server.LogServer;
import org.countersign.server.ServerOptions;
import org.countersign.testing.Chromium;
import org.countersign.testing.PageChecks;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.negotiation.OpeningSeal;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.treaty.statement.Acceptance;
import org.countersign.treaty.statement.NegotiationTerms;
import org.countersign.treaty.statement.OpeningCommitment;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.Proposal;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The negotiation page on a real negotiation log ({@code serve --negotiation}): three parties seal
 * and reveal their openings, Russia answers the United States' opening with a lower warhead
 * ceiling, and all three accept it. Every figure on the page is compared with the negotiation API's
 * answer (listing, diff, evaluation), the page passes axe-core, and screenshots are kept.
 */
class PortalNegotiationBrowserIT {
  static final String ID = "integrated-framework";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  @TempDir static Path dataDir;
  @TempDir static Path profileDir;
  static LogServer server;
  static Playwright playwright;
  static BrowserContext browser;
  static String axe;
  static String usText;
  static String counterText;

  Page page;
  final PageChecks checks = new PageChecks();

  @BeforeAll
  static void start() throws Exception {
    Chromium.requireOrSkip();
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(5L);
    server =
        LogServer.start(
            ServerOptions.builder()
                .negotiation()
                .treatyId(ID)
                .participants(Set.of("US", "RU", "CN"))
                .dataDir(dataDir)
                .port(0)
                .batchMaxDelay(Duration.ofMillis(5))
                .random(random)
                .firstKeys(firstKeys())
                .build());
    // Set here, in the initializer, so that every test may read them.
    String base = treatyText();
    usText = base.replaceFirst("(?m)^name: .*$", "name: US opening (hypothetical)");
    counterText =
        base.replaceFirst("(?m)^name: .*$", "name: RU counter-proposal (hypothetical)")
            .replaceFirst("(?m)^    value: 1350$", "    value: 1250");
    fill();
    try (InputStream in =
        PortalNegotiationBrowserIT.class.getResourceAsStream("/axe-core/axe.min.js")) {
      axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    playwright = Chromium.playwright();
    browser = Chromium.launch(playwright, profileDir);
    browser.setDefaultTimeout(30_000);
    com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** The key ceremony's record: each party's first key, agreed before the log starts. */
  static FirstKeys firstKeys() throws Exception {
    Map<String, VerifierKey> agreed = new java.util.TreeMap<>();
    for (String p : List.of("US", "RU", "CN")) {
      agreed.put(p, VerifierKey.parse(key(p).verifierKey()));
    }
    return FirstKeys.of(agreed);
  }

  static SignerKey key(String party) {
    byte[] seed =
        Hash.sha256(("negotiation-test/" + party).getBytes(StandardCharsets.UTF_8)).bytes();
    return SignerKey.fromSeed("party.test/" + party.toLowerCase(java.util.Locale.ROOT), seed);
  }

  static String treatyText() throws IOException {
    try (InputStream in = TreatyLoader.class.getResourceAsStream("/treaties/" + ID + ".yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String digest(String text) throws Exception {
    return TreatyLoader.parse("t", text).digest();
  }

  /** Terms, three sealed openings and their reveals, a counter-proposal, three acceptances. */
  static void fill() throws Exception {
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String base = treatyText();
    String ruText = base.replaceFirst("(?m)^name: .*$", "name: RU opening (hypothetical)");
    String cnText = base.replaceFirst("(?m)^name: .*$", "name: CN opening (hypothetical)");
    assertThat(counterText).contains("value: 1250");
    Map<String, String> openings = Map.of("US", usText, "RU", ruText, "CN", cnText);
    for (String p : List.of("US", "RU", "CN")) {
      submit(new PartyKeyRegistration(ID, p, now, key(p).verifierKey()), p);
    }
    submit(
        new NegotiationTerms(
            ID,
            "US",
            now,
            List.of("US", "RU", "CN"),
            now.plusSeconds(3600),
            now.plusSeconds(7200),
            "An integrated framework (test)"),
        "US");
    for (String p : List.of("US", "RU", "CN")) {
      submit(
          new OpeningCommitment(
              ID, p, now, OpeningSeal.commitment(ID, p, salt(p), digest(opening(openings, p)))),
          p);
    }
    for (String p : List.of("US", "RU", "CN")) {
      String t = opening(openings, p);
      submit(new Proposal(ID, p, now, t, digest(t), "", p + " opens", salt(p)), p);
    }
    submit(
        new Proposal(
            ID,
            "RU",
            now,
            counterText,
            digest(counterText),
            digest(usText),
            "a lower warhead ceiling for all",
            ""),
        "RU");
    for (String p : List.of("US", "CN", "RU")) {
      submit(new Acceptance(ID, p, now, digest(counterText), List.of()), p);
    }
  }

  /** The party's opening text; each of the three parties has one. */
  static String opening(Map<String, String> openings, String party) {
    return Objects.requireNonNull(openings.get(party), "no opening text for " + party);
  }

  static String salt(String party) {
    return Hash.sha256(("salt/" + party).getBytes(StandardCharsets.UTF_8)).hex();
  }

  static void submit(Statement statement, String party) throws Exception {
    String note = Note.sign(StatementCodec.encodeText(statement, server.origin()), key(party));
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(server.url().resolve("api/v1/statements"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(note, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(statement.kind() + ": " + r.body()).isEqualTo(201);
  }

  static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.url().resolve(path).toString()))
            .timeout(Duration.ofSeconds(60))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @BeforeEach
  void openPage() {
    page = checks.open(browser);
  }

  @AfterEach
  void closePage() {
    checks.closeAndCheck(page);
  }

  @Test
  void api_listing_diff_evaluate_andTheirErrors() throws Exception {
    JsonNode log = getJson("/api/v1/negotiation/log");
    assertThat(log.get("format").asText()).isEqualTo("countersign-negotiation-log/v1");
    assertThat(log.get("entries").asInt()).isEqualTo(14);
    JsonNode statements = log.get("statements");
    for (int i = 0; i < statements.size(); i++) {
      assertThat(statements.get(i).get("index").asInt()).isEqualTo(i);
      assertThat(statements.get(i).get("admitted").asBoolean()).isTrue();
    }
    JsonNode counter = statements.get(10);
    assertThat(counter.get("kind").asText()).isEqualTo("proposal");
    assertThat(counter.get("author").asText()).isEqualTo("RU");
    assertThat(counter.get("proposalDigest").asText()).isEqualTo(digest(counterText));
    assertThat(counter.get("answers").asText()).isEqualTo(digest(usText));
    assertThat(counter.get("rationale").asText()).isEqualTo("a lower warhead ceiling for all");
    assertThat(counter.has("proposalText")).isFalse();
    JsonNode record = log.get("record");
    assertThat(record.get("agreed").get("digest").asText()).isEqualTo(digest(counterText));
    assertThat(record.get("openings").findValuesAsText("status"))
        .containsOnly("revealed")
        .hasSize(3);

    assertThat(get("/api/v1/negotiation/proposals/" + digest(counterText)).body())
        .isEqualTo(counterText);
    JsonNode diff =
        getJson("/api/v1/negotiation/diff?from=" + digest(usText) + "&to=" + digest(counterText));
    assertThat(diff.toString()).contains("deployed-warheads").contains("1350").contains("1250");
    JsonNode ev =
        getJson(
            "/api/v1/negotiation/evaluate?proposal="
                + digest(counterText)
                + "&at=2026-01-01&format=json");
    assertThat(ev.get("proposalDigest").asText()).isEqualTo(digest(counterText));

    String unknown = "ab".repeat(32);
    HttpResponse<String> r = get("/api/v1/negotiation/diff?from=" + unknown + "&to=" + unknown);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("unknown-proposal");
    assertThat(get("/api/v1/negotiation/diff?from=xyz&to=" + unknown).statusCode()).isEqualTo(400);
    assertThat(get("/api/v1/negotiation/log?at=yesterday").statusCode()).isEqualTo(400);
    assertThat(get("/api/v1/negotiation/proposals/" + unknown).statusCode()).isEqualTo(404);
    assertThat(
            get("/api/v1/negotiation/evaluate?proposal=" + digest(usText) + "&at=2026-13-01")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void page_showsTheLogsProposalsOpeningsDiffAndWhatEachGives() throws Exception {
    page.navigate(server.url().resolve("/portal/negotiation.html").toString());
    JsonNode log = getJson("/api/v1/negotiation/log");
    JsonNode record = log.get("record");
    // Every statement, in log order.
    Locator rows = page.locator("#statements-table tbody tr");
    assertThat(rows).hasCount(log.get("entries").asInt());
    for (int i = 0; i < log.get("statements").size(); i++) {
      JsonNode s = log.get("statements").get(i);
      assertThat(rows.nth(i)).containsText("#" + s.get("index").asText());
      assertThat(rows.nth(i)).containsText(s.get("kind").asText());
    }
    // Proposals in order, with what each answers and who accepted.
    Locator proposals = page.locator("#proposals-table tbody tr");
    assertThat(proposals).hasCount(record.get("proposals").size());
    assertThat(proposals.nth(3)).containsText("RU counter-proposal (hypothetical)");
    assertThat(proposals.nth(3)).containsText("P1 · US · US opening (hypothetical)");
    assertThat(proposals.nth(3)).containsText("a lower warhead ceiling for all");
    for (JsonNode a : record.get("proposals").get(3).get("acceptances")) {
      assertThat(proposals.nth(3)).containsText("#" + a.get("index").asText());
    }
    // Sealed openings and their reveals.
    Locator openings = page.locator("#openings-table tbody tr");
    assertThat(openings).hasCount(3);
    for (int i = 0; i < 3; i++) {
      JsonNode o = record.get("openings").get(i);
      assertThat(openings.nth(i)).containsText("revealed, opens its commitment");
      assertThat(openings.nth(i)).containsText("#" + o.get("commitmentIndex").asText());
      assertThat(openings.nth(i)).containsText("#" + o.get("revealIndex").asText());
    }
    assertThat(page.locator("#agreed")).containsText(record.get("agreed").get("digest").asText());
    // The diff the page shows by default: the counter-proposal against what it answers.
    JsonNode diff =
        getJson("/api/v1/negotiation/diff?from=" + digest(usText) + "&to=" + digest(counterText));
    int fields = 0;
    for (JsonNode c : diff.get("changes")) {
      fields += c.get("fields").size();
    }
    assertThat(page.locator("#diff-table tbody tr")).hasCount(fields);
    assertThat(page.locator("#diff-table")).containsText("1350");
    assertThat(page.locator("#diff-table")).containsText("1250");
    // The user picks two other proposals: the two texts differ only in name.
    page.selectOption("#diff-from", digest(usText));
    page.selectOption("#diff-to", page.locator("#diff-to option").nth(1).getAttribute("value"));
    page.click("#diff-run");
    assertThat(page.locator("#diff-table")).not().containsText("1250");
    assertThat(page.locator("#diff-table")).containsText("RU opening (hypothetical)");
    // What each gives: the reductions on screen are the evaluation's.
    String day = LocalDate.now(ZoneOffset.UTC).toString();
    JsonNode ev =
        getJson(
            "/api/v1/negotiation/evaluate?proposal="
                + digest(counterText)
                + "&at="
                + day
                + "&format=json");
    int compared = 0;
    for (JsonNode a : ev.get("asks")) {
      Locator cell =
          page.locator(
              "#gives-table [data-party='"
                  + a.get("party").asText()
                  + "'][data-limit='"
                  + a.get("limit").asText()
                  + "']");
      assertThat(cell)
          .hasAttribute(
              "data-reduction", a.get("reduction").isNull() ? "" : a.get("reduction").asText());
      compared++;
    }
    assertThat(compared).isGreaterThan(5);
    assertThat(page.locator("#stability-text")).isVisible();
    PageChecks.screenshot(page, "negotiation-log.png");
    PortalDemoBrowserIT.auditPage(page, axe, server.url().resolve("/").toString(), "negotiation");
  }
}
