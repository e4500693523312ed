package org.countersign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks every portal page passes in every module's browser tests: no script error, no console
 * error (bar resources a test expects to be missing), and no rendering slip in the text shown. One
 * instance per test collects the errors of the pages it watches.
 */
public final class PageChecks {
  /** Where screenshots go, to look at the design (not committed). */
  public static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");

  private final List<String> errors = new ArrayList<>();

  // The browser asks for a favicon of every JSON page it shows; the portal has none by design.
  private final List<String> expectedMissing = new ArrayList<>(List.of("/favicon.ico"));

  /** Opens a new page of {@code browser} under these checks. */
  public Page open(BrowserContext browser) {
    Page page = browser.newPage();
    watch(page);
    return page;
  }

  /** Collects {@code page}'s script errors and console errors. */
  public void watch(Page page) {
    watchScriptErrors(page);
    page.onConsoleMessage(
        m -> {
          boolean expected =
              m.text().startsWith("Failed to load resource")
                  && expectedMissing.stream().anyMatch(m.location()::contains);
          if ("error".equals(m.type()) && !expected) {
            errors.add(m.text() + " at " + m.location());
          }
        });
  }

  /**
   * Collects only {@code page}'s script errors: for a page a test feeds failing answers on purpose,
   * whose console errors are the point.
   */
  public void watchScriptErrors(Page page) {
    page.onPageError(errors::add);
  }

  /** A resource (part of its URL) whose failure to load the test expects, e.g. a 404 by design. */
  public void expectMissing(String location) {
    expectedMissing.add(location);
  }

  /** Fails on any script or console error seen so far; a CSP violation shows up here too. */
  public void assertNoErrors() {
    assertThat(errors).as("page errors and console errors").isEmpty();
  }

  /**
   * Closes {@code page}, then fails on a rendering slip in its text (a value shown as "[object
   * HTMLElement]", "undefined" or "NaN") or on any error seen so far.
   */
  public void closeAndCheck(Page page) {
    String shown = page.locator("body").innerText();
    page.close();
    assertThat(shown).doesNotContain("[object ", "undefined", "NaN");
    assertNoErrors();
  }

  /** A full-page screenshot of {@code page} in {@link #SCREENSHOTS}. */
  public static void screenshot(Page page, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setFullPage(true));
  }
}
