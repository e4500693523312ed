package org.countersign.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.countersign.testing.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the portal's browser tests share: one Chromium for the class, the log servers the class
 * starts (closed after its last test), and a fresh page for each test that fails the test on a
 * script error, a console error or a rendering slip.
 */
abstract class PortalPageSession {
  static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");

  @TempDir static Path profileDir;
  static Playwright playwright;
  static BrowserContext browser;
  private static final List<PortalLog> logs = new ArrayList<>();

  Page page;
  final List<String> pageErrors = new ArrayList<>();

  /** Answers a test expects to fail (the browser logs them): a JSON page's automatic favicon. */
  final List<String> expectedMissing = new ArrayList<>(List.of("/favicon.ico"));

  // Runs before the subclass's own @BeforeAll, so that no log starts where no browser can run.
  @BeforeAll
  static void startBrowser() throws Exception {
    Chromium.requireOrSkip();
    playwright = Chromium.playwright();
    browser = Chromium.launch(playwright, profileDir);
    Files.createDirectories(SCREENSHOTS);
  }

  /** Keeps {@code log} to be closed after the class's last test, and returns it. */
  static PortalLog served(PortalLog log) {
    logs.add(log);
    return log;
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    logs.forEach(PortalLog::close);
    logs.clear();
  }

  @BeforeEach
  void openPage() {
    page = browser.newPage();
    page.onPageError(pageErrors::add);
    page.onConsoleMessage(
        m -> {
          boolean expected =
              m.text().startsWith("Failed to load resource")
                  && expectedMissing.stream().anyMatch(m.location()::contains);
          if ("error".equals(m.type()) && !expected) {
            pageErrors.add(m.text() + " at " + m.location());
          }
        });
  }

  @AfterEach
  void closePage() {
    // Rendering slips (a value shown as "[object HTMLElement]", "undefined" or "NaN").
    String shown = page.locator("body").innerText();
    page.close();
    assertThat(shown).doesNotContain("[object ", "undefined", "NaN");
    // Any script error or CSP violation shows up here.
    assertThat(pageErrors).as("page errors and console errors").isEmpty();
  }

  /** A full-page screenshot in target/portal-screenshots, to look at the design (not committed). */
  void screenshot(String name) {
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setFullPage(true));
  }
}
