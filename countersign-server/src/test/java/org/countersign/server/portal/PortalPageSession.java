package org.countersign.server.portal;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.countersign.testing.Chromium;
import org.countersign.testing.PageChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the portal's browser tests share: one Chromium for the class, the log servers the class
 * starts (closed after its last test), and a fresh page for each test under the standing {@link
 * PageChecks}.
 */
abstract class PortalPageSession {
  @TempDir static Path profileDir;
  static Playwright playwright;
  static BrowserContext browser;
  private static final List<PortalLog> logs = new ArrayList<>();

  Page page;
  final PageChecks checks = new PageChecks();

  // Runs before the subclass's own @BeforeAll, so that no log starts where no browser can run.
  @BeforeAll
  static void startBrowser() throws Exception {
    Chromium.requireOrSkip();
    playwright = Chromium.playwright();
    browser = Chromium.launch(playwright, profileDir);
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
    page = checks.open(browser);
  }

  @AfterEach
  void closePage() {
    checks.closeAndCheck(page);
  }

  void screenshot(String name) {
    PageChecks.screenshot(page, name);
  }
}
