package org.countersign.server.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import org.countersign.testing.Chromium;
import org.countersign.testing.PageChecks;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser's consistency check: it keeps the last checkpoint it verified for the log's origin
 * and, on the next visit, checks a consistency proof from it with WebCrypto. An honest log that
 * grew passes; a tampered proof, and a log that forked its history (a second server signing with
 * the same key), fail visibly and leave the kept checkpoint in place.
 *
 * <p>Each test gets its own log servers and its own browser profile, so that what one test's
 * browser kept does not leak into another.
 */
class PortalConsistencyBrowserIT {
  @TempDir Path dataDir;
  @TempDir Path forkDir;
  @TempDir Path profileDir;
  PortalLog log;
  @Nullable PortalLog fork;
  Playwright playwright;
  BrowserContext browser;
  final PageChecks checks = new PageChecks();

  @BeforeEach
  void start() throws Exception {
    Chromium.requireOrSkip();
    log = PortalLog.start(dataDir);
    playwright = Chromium.playwright();
    browser = Chromium.launch(playwright, profileDir);
    checks.expectMissing("/api/v1/compliance/series"); // a log with no treaty: 404 by design
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (log != null) {
      log.close();
    }
    if (fork != null) {
      fork.close();
    }
    checks.assertNoErrors();
  }

  Page open() {
    Page page = checks.open(browser);
    page.navigate(log.url().resolve("/").toString());
    return page;
  }

  /** Opens the overview, waits for its consistency check to finish, and closes it. */
  void visit(String expected) {
    Page page = open();
    assertThat(page.locator("#consistency-outcome")).hasAttribute("data-outcome", expected);
    page.close();
  }

  @Test
  void consistency_honestLogGrows_firstVisitThenConsistentThenUnchanged() throws Exception {
    Page first = open();
    assertThat(first.locator("#consistency-outcome")).hasAttribute("data-outcome", "first-visit");
    first.close();
    log.notice("grown 1");
    log.notice("grown 2");
    Page second = open();
    assertThat(second.locator("#consistency-outcome")).hasAttribute("data-outcome", "consistent");
    assertThat(second.locator("#consistency-detail"))
        .containsText("size 8 extends the tree of size 6");
    second.close();
    Page third = open();
    assertThat(third.locator("#consistency-outcome")).hasAttribute("data-outcome", "unchanged");
    third.close();
  }

  @Test
  void consistency_tamperedProof_failsVisiblyAndKeepsTheOldCheckpoint() throws Exception {
    visit("first-visit");
    log.notice("grown");
    Page page = browser.newPage();
    checks.watchScriptErrors(page);
    ObjectMapper json = new ObjectMapper();
    page.route(
        "**/api/v1/proofs/consistency*",
        route -> {
          APIResponse real = route.fetch();
          try {
            ObjectNode body = (ObjectNode) json.readTree(real.body());
            ArrayNode proof = (ArrayNode) body.get("proof");
            byte[] h = Base64.getDecoder().decode(proof.get(0).asText());
            h[3] ^= 0x01;
            proof.set(0, Base64.getEncoder().encodeToString(h));
            route.fulfill(
                new Route.FulfillOptions()
                    .setResponse(real)
                    .setBody(json.writeValueAsString(body)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    page.navigate(log.url().resolve("/").toString());
    assertThat(page.locator("#consistency-outcome")).hasAttribute("data-outcome", "inconsistent");
    assertThat(page.locator("#consistency-outcome")).containsText("INCONSISTENT");
    assertThat(page.locator("#consistency-outcome")).containsText("\u2717");
    assertThat(page.locator("#evidence-download"))
        .hasAttribute("download", "split-view-evidence.txt");
    PageChecks.screenshot(page, "consistency-tampered.png");
    page.close();
    // The checkpoint kept before is still the reference: with an honest proof the log passes.
    visit("consistent");
  }

  @Test
  void consistency_forkedHistoryUnderTheSameKey_failsWithProvenEvidence() throws Exception {
    // Another server, same origin and key, same first six entries, then a different seventh.
    PortalLog forked = PortalLog.startWithKeyOf(forkDir, dataDir);
    fork = forked;
    log.notice("the real seventh");
    forked.notice("a rewritten seventh");
    forked.notice("an eighth");
    visit("first-visit"); // the browser keeps the honest log's checkpoint of size 7
    // Now the reader is shown the fork (e.g. by a compromised front end): every request goes there.
    Page page = browser.newPage();
    checks.watchScriptErrors(page);
    page.route(
        "**/*",
        route -> {
          String path = java.net.URI.create(route.request().url()).getRawPath();
          String query = java.net.URI.create(route.request().url()).getRawQuery();
          if (!path.startsWith("/api/") && !path.equals("/checkpoint")) {
            route.resume();
            return;
          }
          try {
            HttpResponse<String> r = forked.get(path + (query == null ? "" : "?" + query));
            route.fulfill(
                new Route.FulfillOptions()
                    .setStatus(r.statusCode())
                    .setContentType(r.headers().firstValue("Content-Type").orElse("text/plain"))
                    .setBody(r.body()));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            route.abort();
          }
        });
    page.navigate(log.url().resolve("/").toString());
    // The fork's checkpoint is validly signed by the same key: only the history check catches it.
    assertThat(page.locator("#checkpoint-outcome")).hasAttribute("data-outcome", "verified");
    assertThat(page.locator("#consistency-outcome")).hasAttribute("data-outcome", "inconsistent");
    assertThat(page.locator("#consistency-detail")).containsText("does not extend");
    String evidence = page.locator("#evidence-text").textContent();
    assertThat(evidence)
        .startsWith("countersign/split-view-evidence/v1\nlog " + log.server.verifierKey() + "\n")
        .contains("first ")
        .contains("second ")
        .contains("proof ");
    page.close();
  }
}
