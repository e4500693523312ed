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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.countersign.cli.demo.DemoRun;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;
import org.countersign.server.witness.WitnessEvidence;
import org.countersign.testing.Chromium;
import org.countersign.testing.PageChecks;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Party;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.witness.evidence.SplitViewEvidence;
import org.countersign.witness.policy.PolicyWitness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every portal page on the demo's data (New START 2011-2023, filled through the public API as
 * {@code countersign demo} does), in the machine's Chromium: the figures on screen equal the
 * compliance report's, each page passes an axe-core audit with no serious or critical violation,
 * and a screenshot of each is kept in {@code target/portal-screenshots/}.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class PortalDemoBrowserIT {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  @TempDir static Path profileDir;
  static DemoRun demo;
  static Playwright playwright;
  static BrowserContext browser;
  static String axe;
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  Page page;
  final PageChecks checks = new PageChecks();

  @BeforeAll
  static void start() throws Exception {
    Chromium.requireOrSkip();
    Treaty treaty = TreatyLoader.builtIn("new-start");
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(11L);
    Map<String, SignerKey> keys = new TreeMap<>();
    Map<String, VerifierKey> agreed = new TreeMap<>();
    for (Party p : treaty.parties()) {
      SignerKey k = SignerKey.generate("countersign.demo/" + p.id(), random);
      keys.put(p.id(), k);
      agreed.put(p.id(), VerifierKey.parse(k.verifierKey()));
    }
    demo = DemoRun.start(dataDir, "127.0.0.1", 0, treaty, FirstKeys.of(agreed));
    demo.fillIfEmpty(keys, InstantSource.system(), random, new PrintWriter(new StringWriter()));
    try (InputStream in = PortalDemoBrowserIT.class.getResourceAsStream("/axe-core/axe.min.js")) {
      axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    playwright = Chromium.playwright();
    browser = Chromium.launch(playwright, profileDir);
    browser.setDefaultTimeout(30_000);
    // The demo's replay answers in well under a second on a quiet machine; CI machines are not.
    com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    Files.createDirectories(PageChecks.SCREENSHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (demo != null) {
      demo.close();
    }
  }

  @BeforeEach
  void openPage() {
    page = checks.open(browser);
  }

  @AfterEach
  void closePage() {
    checks.closeAndCheck(page);
  }

  static String url(String path) {
    return demo.url().resolve(path).toString();
  }

  static String today() {
    return LocalDate.now(ZoneOffset.UTC).toString();
  }

  static JsonNode getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static JsonNode limitLine(JsonNode report, String party, String limit) {
    for (JsonNode p : report.get("parties")) {
      if (p.get("party").asText().equals(party)) {
        for (JsonNode l : p.get("limits")) {
          if (l.get("limit").asText().equals(limit)) {
            return l;
          }
        }
      }
    }
    throw new AssertionError("no line " + party + " " + limit);
  }

  /**
   * Time to first chart, first of all tests so that the first visit finds the server's series cold
   * (nothing has asked for today's series yet), then a second visit: {@code performance.now()} when
   * the charts are in the page, from navigation start, written to {@code first-chart-ms.txt} for
   * docs/portal.md. A measurement, not a timed test: nothing here fails on the figures.
   */
  @Test
  @org.junit.jupiter.api.Order(1)
  void overview_timeToFirstChart_firstAndSecondVisit() throws Exception {
    List<String> lines = new ArrayList<>();
    for (String visit : List.of("first", "second", "third")) {
      page.navigate(url("/"));
      assertThat(page.locator("html"))
          .hasAttribute("data-first-chart-ms", java.util.regex.Pattern.compile("\\d+"));
      lines.add(
          visit + " visit: " + page.locator("html").getAttribute("data-first-chart-ms") + " ms");
    }
    Files.writeString(
        PageChecks.SCREENSHOTS.resolve("first-chart-ms.txt"), String.join("\n", lines) + "\n");
  }

  @Test
  void overview_demo_chartsShowTheReportsFigures() throws Exception {
    page.navigate(url("/"));
    assertThat(page.locator("figure.chart")).hasCount(3);
    Locator warheads = page.locator("#chart-deployed-warheads");
    // Russia's 1,796 warheads of 1 September 2016: above 1,550, before the limit bound.
    Locator ru2016 = warheads.locator("td[data-party='RU'][data-date='2016-09-01']");
    assertThat(ru2016).hasAttribute("data-total", "1796");
    assertThat(ru2016).containsText("above, not binding");
    assertThat(warheads.locator("figcaption"))
        .containsText("highest 1,796 on 2016-09-01 (above the limit, before it bound)");
    // Russia's missing exchange as of 1 March 2023: a gap mark on the chart and in the table.
    assertThat(warheads.locator(".party[data-party='RU'] .gap[data-date='2023-03-01']"))
        .hasCount(1);
    assertThat(warheads.locator("tr[data-date='2023-03-01'] td[data-party='RU'][data-exchange]"))
        .hasAttribute("data-exchange", "missing");
    assertThat(warheads.locator("figcaption")).containsText("suspended from 2023-02-21");

    // Every figure in every chart's table equals the compliance report of its day.
    Map<String, JsonNode> reports = new HashMap<>();
    int compared = 0;
    for (String limit : List.of("deployed-delivery-vehicles", "deployed-warheads", "launchers")) {
      Locator cells = page.locator("#chart-" + limit + " td[data-total]");
      for (int i = 0; i < cells.count(); i++) {
        Locator cell = cells.nth(i);
        String day = cell.getAttribute("data-date");
        String party = cell.getAttribute("data-party");
        if (day.equals(today())) {
          continue; // today's point is the report at the request's instant, checked below
        }
        JsonNode report =
            reports.computeIfAbsent(
                day,
                d -> {
                  try {
                    return getJson("/api/v1/compliance?at=" + d);
                  } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                });
        JsonNode total = limitLine(report, party, limit).get("total");
        assertThat(cell.getAttribute("data-total"))
            .as("%s %s %s", limit, party, day)
            .isEqualTo(total.isNull() ? "" : total.asText());
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(100);

    // Today's standing equals today's report.
    JsonNode now = getJson("/api/v1/compliance?at=" + today());
    for (String party : List.of("RU", "US")) {
      Locator row = page.locator("#standing-table tr[data-party='" + party + "']");
      for (String limit : List.of("deployed-delivery-vehicles", "deployed-warheads", "launchers")) {
        assertThat(row.locator("td[data-limit='" + limit + "']"))
            .hasAttribute("data-total", limitLine(now, party, limit).get("total").asText());
      }
    }
    screenshot("demo-overview.png");
    audit("overview");
  }

  @Test
  void overview_keyboard_pointsTakeFocusAndReadOut() {
    page.navigate(url("/"));
    Locator point =
        page.locator(
            "#chart-deployed-warheads .party[data-party='RU'] a.point[data-date='2016-09-01']");
    point.focus();
    assertThat(page.locator("#chart-deployed-warheads-readout"))
        .containsText("RU, 2016-09-01: 1,796");
    assertThat(point)
        .hasAttribute(
            "href", java.util.regex.Pattern.compile("/portal/entry.html\\?index=\\d+#verify"));
    // Marks do not rely on colour alone: the two parties' marks have different shapes.
    assertThat(page.locator("#chart-deployed-warheads .party[data-party='RU'] circle").first())
        .isAttached();
    assertThat(page.locator("#chart-deployed-warheads .party[data-party='US'] rect").first())
        .isAttached();
  }

  @Test
  void overview_phoneAndPrint_renderWithoutHorizontalOverflowOfThePage() {
    page.setViewportSize(390, 844);
    page.navigate(url("/"));
    assertThat(page.locator("figure.chart")).hasCount(3);
    Object overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1");
    assertThat(overflow).isEqualTo(false);
    screenshot("demo-overview-phone.png");
    page.emulateMedia(
        new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
    assertThat(page.locator("header.site nav")).isHidden();
    assertThat(page.locator("#chart-deployed-warheads svg")).isVisible();
    screenshot("demo-overview-print.png");
  }

  @Test
  void party_russia_showsTheReportsPartyView() throws Exception {
    page.navigate(url("/portal/party.html?party=RU"));
    JsonNode report = getJson("/api/v1/compliance?at=" + today() + "&party=RU");
    JsonNode ru = report.get("parties").get(0);
    assertThat(page.locator("#party-standing")).hasText(ru.get("standing").asText());
    for (JsonNode l : ru.get("limits")) {
      assertThat(page.locator("#party-limits [data-limit='" + l.get("limit").asText() + "']"))
          .hasText(String.format("%,d", l.get("total").asLong()));
    }
    int missing = 0;
    for (JsonNode x : report.get("dataExchanges")) {
      missing += x.get("status").asText().equals("missing") ? 1 : 0;
    }
    assertThat(page.locator("#party-exchanges")).containsText("2023-03-01");
    assertThat(page.locator("#exchanges-heading + p")).containsText(missing + " missing");
    screenshot("demo-party-ru.png");
    audit("party");
  }

  @Test
  void inspections_demo_quotasAndDetectionFromTheReport() throws Exception {
    page.navigate(url("/portal/inspections.html"));
    JsonNode report = getJson("/api/v1/compliance?at=" + today());
    JsonNode detection = report.get("detection");
    assertThat(page.locator("#detection-table tbody tr")).hasCount(detection.size());
    for (JsonNode f : detection.get(0).get("figures")) {
      assertThat(page.locator("#detection-table tbody tr").first())
          .containsText(f.get("caughtThisYear").asText());
    }
    if (report.get("inspections").isEmpty()) {
      assertThat(page.locator("#no-requests")).isVisible();
    } else {
      assertThat(page.locator(".draw-check[data-outcome='failed']")).hasCount(0);
    }
    screenshot("demo-inspections.png");
    audit("inspections");
  }

  @Test
  void witnesses_demo_noWitnessesAndAFirstVisit() {
    page.navigate(url("/portal/witnesses.html"));
    assertThat(page.locator("#no-witnesses")).isVisible();
    assertThat(page.locator("#evidence-outcome"))
        .hasAttribute("data-outcome", java.util.regex.Pattern.compile("first-visit|unchanged"));
    // No witness, so none holds evidence: the server's evidence endpoint says so, and the page.
    assertThat(page.locator("#witness-evidence-outcome")).hasAttribute("data-files", "0");
    assertThat(page.locator("#witness-evidence-outcome"))
        .containsText("this server has no witnesses");
    screenshot("demo-witnesses.png");
    audit("witnesses");
  }

  @Test
  void negotiation_demo_stabilityFiguresAndNoNegotiationOnATreatyLog() {
    page.navigate(url("/portal/negotiation.html"));
    // A treaty log keeps no negotiation: the page says where one runs and invents nothing.
    assertThat(page.locator("#stability-text")).isVisible();
    assertThat(page.locator("#no-negotiation")).containsText("treaty new-start");
    screenshot("demo-negotiation.png");
    audit("negotiation");
  }

  @Test
  void party_unitedStates_listsEachEscrowCommitmentAndItsReveals() throws Exception {
    page.navigate(url("/portal/party.html?party=US"));
    JsonNode ledger = getJson("/api/v1/compliance/escrow?at=" + today() + "&party=US");
    JsonNode commitments = ledger.get("commitments");
    assertThat(commitments.size()).isPositive();
    Locator shown = page.locator("#party-escrow article.escrow-commitment");
    assertThat(shown).hasCount(commitments.size());
    int reveals = 0;
    for (int k = 0; k < commitments.size(); k++) {
      JsonNode c = commitments.get(k);
      // The ledger is checked against the logged statement itself, then the page against both.
      JsonNode entry = getJson("/api/v1/entries/" + c.get("index").asText()).get("statement");
      assertThat(entry.get("root").asText()).isEqualTo(c.get("root").asText());
      assertThat(entry.get("itemCount").asLong()).isEqualTo(c.get("itemCount").asLong());
      Locator a = shown.nth(k);
      assertThat(a).hasAttribute("data-index", c.get("index").asText());
      assertThat(a.locator("[data-field='root']")).hasText(c.get("root").asText());
      assertThat(a.locator("[data-field='itemCount']"))
          .hasText(String.format("%,d", c.get("itemCount").asLong()));
      for (JsonNode t : c.get("totals")) {
        assertThat(
                a.locator(
                    "[data-total='"
                        + t.get("category").asText()
                        + "/"
                        + t.get("status").asText()
                        + "']"))
            .hasText(String.format("%,d", t.get("items").asLong()));
      }
      Locator rows = a.locator("table[id^='escrow-reveals'] tbody tr");
      assertThat(rows).hasCount(c.get("reveals").size());
      for (int i = 0; i < c.get("reveals").size(); i++) {
        JsonNode r = c.get("reveals").get(i);
        JsonNode logged = getJson("/api/v1/entries/" + r.get("index").asText()).get("statement");
        assertThat(logged.get("commitmentRoot").asText()).isEqualTo(c.get("root").asText());
        assertThat(rows.nth(i)).containsText("#" + r.get("index").asText());
        assertThat(rows.nth(i).locator("[data-field='items']"))
            .hasText(String.format("%,d", r.get("items").asLong()));
        reveals++;
      }
    }
    assertThat(reveals).isPositive();
    screenshot("demo-party-us-escrow.png");
    audit("party US");
  }

  @Test
  void witnesses_evidenceHeldByAWitness_isShownWithItsVerdictAndFile() throws Exception {
    // A witness (a plain HTTP server here) holding three files: a conclusive split view of a log,
    // a file about another log, and one that proves nothing. The server's gatherer keeps the two
    // about its log and judges them; the page shows what it answers.
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(3L);
    SignerKey logKey = SignerKey.generate("log.example/forked", random);
    SignerKey otherKey = SignerKey.generate("log.example/other", random);
    String a = new Checkpoint("log.example/forked", 5, Hash.sha256(new byte[] {1})).sign(logKey);
    String b = new Checkpoint("log.example/forked", 5, Hash.sha256(new byte[] {2})).sign(logKey);
    String o1 = new Checkpoint("log.example/other", 5, Hash.sha256(new byte[] {1})).sign(otherKey);
    String o2 = new Checkpoint("log.example/other", 5, Hash.sha256(new byte[] {2})).sign(otherKey);
    Map<String, byte[]> files = new TreeMap<>();
    files.put(
        "split-view-" + "a".repeat(32) + ".txt",
        new SplitViewEvidence(logKey.verifierKey(), a, b, List.of()).format());
    files.put(
        "split-view-" + "b".repeat(32) + ".txt",
        new SplitViewEvidence(otherKey.verifierKey(), o1, o2, List.of()).format());
    files.put(
        "unproven-" + "c".repeat(32) + ".txt",
        new SplitViewEvidence(logKey.verifierKey(), a, a, List.of()).format());
    com.sun.net.httpserver.HttpServer witness =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    witness.createContext(
        "/",
        x -> {
          String path = x.getRequestURI().getPath();
          byte[] body =
              path.equals("/evidence")
                  ? String.join("\n", files.keySet()).getBytes(StandardCharsets.UTF_8)
                  : files.get(path.substring("/evidence/".length()));
          x.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
          if (body != null) {
            x.getResponseBody().write(body);
          }
          x.close();
        });
    witness.start();
    String json;
    try {
      URI at = URI.create("http://127.0.0.1:" + witness.getAddress().getPort() + "/");
      json =
          new WitnessEvidence(
                  List.of(
                      new PolicyWitness(
                          "witness.example/one",
                          VerifierKey.of(
                              "witness.example/one",
                              VerifierKey.TYPE_COSIGNATURE_V1,
                              Hash.sha256(new byte[] {9}).bytes()),
                          java.util.Optional.of(at)),
                      new PolicyWitness(
                          "witness.example/two",
                          VerifierKey.of(
                              "witness.example/two",
                              VerifierKey.TYPE_COSIGNATURE_V1,
                              Hash.sha256(new byte[] {8}).bytes()),
                          java.util.Optional.empty())),
                  logKey.verifierKey(),
                  InstantSource.system(),
                  Duration.ofSeconds(5))
              .json();
    } finally {
      witness.stop(0);
    }
    JsonNode ev = JSON.readTree(json);
    JsonNode held = ev.get("witnesses").get(0).get("evidence");
    assertThat(held.size()).isEqualTo(2);
    assertThat(held.get(0).get("verdict").asText()).isEqualTo("conclusive");
    assertThat(held.get(0).get("kind").asText()).isEqualTo("SAME_SIZE_DIFFERENT_ROOTS");
    assertThat(held.get(1).get("verdict").asText()).isEqualTo("not-conclusive");
    assertThat(ev.get("witnesses").get(1).get("reached").asBoolean()).isFalse();

    page.route(
        "**/api/v1/witnesses/evidence",
        r ->
            r.fulfill(
                new com.microsoft.playwright.Route.FulfillOptions()
                    .setContentType("application/json")
                    .setBody(json)));
    page.navigate(url("/portal/witnesses.html"));
    assertThat(page.locator("#witness-evidence-outcome")).hasAttribute("data-conclusive", "1");
    assertThat(page.locator("#witness-evidence-outcome"))
        .containsText("1 conclusive split-view evidence file(s)");
    Locator rows = page.locator("#witness-evidence-table tbody tr");
    assertThat(rows).hasCount(2);
    assertThat(rows.nth(0)).hasAttribute("data-verdict", "conclusive");
    assertThat(rows.nth(0)).containsText(held.get(0).get("firstRoot").asText());
    assertThat(rows.nth(0)).containsText(held.get(0).get("secondRoot").asText());
    assertThat(page.locator("#witness-unreached")).containsText("witness.example/two");
    rows.nth(0).locator("summary").click();
    assertThat(rows.nth(0).locator("pre")).containsText("countersign/split-view-evidence/v1");
    screenshot("demo-witnesses-evidence.png");
    audit("witnesses with evidence");
  }

  @Test
  void otherPages_demo_passTheAccessibilityAudit() {
    for (String path :
        List.of(
            "/portal/entries.html",
            "/portal/entry.html?index=3000#verify",
            "/portal/compliance.html",
            "/portal/audit.html")) {
      page.navigate(url(path));
      page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
      audit(path);
    }
    assertThat(page.locator("#claimed-vkey")).hasText(demo.verifierKey());
  }

  /** Runs axe-core in the page; fails on any serious or critical violation, naming them. */
  void audit(String what) {
    auditPage(page, axe, url("/"), what);
  }

  /** {@link #audit} on any page of the server at {@code base}. */
  @SuppressWarnings("unchecked")
  static void auditPage(Page page, String axe, String base, String what) {
    page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
    // Served to the page from its own origin by the test (the server never sees the request), so
    // the portal's CSP (script-src 'self') stays on while axe runs.
    page.route(
        "**/axe-core-for-tests.js",
        r ->
            r.fulfill(
                new com.microsoft.playwright.Route.FulfillOptions()
                    .setContentType("text/javascript")
                    .setBody(axe)));
    page.addScriptTag(
        new Page.AddScriptTagOptions()
            .setUrl(URI.create(base).resolve("/axe-core-for-tests.js").toString()));
    List<Map<String, Object>> bad =
        (List<Map<String, Object>>)
            page.evaluate(
                """
                async () => {
                  const r = await axe.run(document, { resultTypes: ["violations"] });
                  return r.violations
                    .filter((v) => v.impact === "serious" || v.impact === "critical")
                    .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                                   nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
                }
                """);
    assertThat(bad).as("serious or critical axe-core violations on " + what).isEmpty();
  }

  void screenshot(String name) {
    PageChecks.screenshot(page, name);
  }
}
