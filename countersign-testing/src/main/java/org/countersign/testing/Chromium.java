package org.countersign.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's Chromium (Debian package {@code chromium}), driven by Playwright, for every
 * module's portal tests. Playwright never downloads a browser here: the driver is told to skip it,
 * and the executable is given.
 */
public final class Chromium {
  /** Where Debian's {@code chromium} package puts the browser. */
  public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

  /** The environment variable that turns a missing Chromium from a skip into a failure. */
  public static final String REQUIRE_ENV = "COUNTERSIGN_REQUIRE_BROWSER";

  private static final List<String> ARGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run");

  private Chromium() {}

  /**
   * Skips the calling tests when there is no Chromium, or fails them when {@code
   * COUNTERSIGN_REQUIRE_BROWSER=true} (CI sets it where it installed Chromium, so that a broken
   * install cannot pass as a skip).
   */
  public static void requireOrSkip() {
    if (Files.isExecutable(EXECUTABLE)) {
      return;
    }
    String why =
        "no Chromium at " + EXECUTABLE + " (apt-get install chromium): portal browser tests";
    if ("true".equals(System.getenv(REQUIRE_ENV))) {
      fail(why + " cannot run, and " + REQUIRE_ENV + "=true requires them");
    }
    Assumptions.abort(why + " skipped");
  }

  /** A Playwright driver that will not try to download browsers. */
  public static Playwright playwright() {
    return Playwright.create(
        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  /**
   * Launches headless Chromium with a fresh profile in {@code userDataDir}, 1280 by 900, waiting up
   * to 15 s by default (a caller on a slower path sets its own).
   */
  public static BrowserContext launch(Playwright playwright, Path userDataDir) {
    BrowserContext context =
        playwright
            .chromium()
            .launchPersistentContext(
                userDataDir,
                new BrowserType.LaunchPersistentContextOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    .setArgs(ARGS)
                    .setViewportSize(1280, 900));
    context.setDefaultTimeout(15_000);
    return context;
  }
}
