package org.countersign.cli.portal;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.countersign.testing.Chromium;

/**
 * Measures the overview's time to first chart on a running server ({@code bench/run-portal-first-
 * chart.sh}, docs/benchmarks.md), as a new reader meets it: for each round a fresh Chromium profile
 * (nothing cached, no checkpoint kept) opens the overview, then opens it again (a returning
 * reader). For each visit it reads {@code performance.now()} when the charts are in the page (the
 * page writes it into {@code data-first-chart-ms}) and, as the peer in the same visit, when the
 * page's own HTML and scripts were ready ({@code domContentLoadedEventEnd}) and how long the series
 * request took (resource timing). A measurement, not a test: it fails only if the page never draws
 * its charts.
 */
final class FirstChartTiming {
  private FirstChartTiming() {}

  private record Visit(String kind, long chartMs, long domReadyMs, long seriesMs) {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: FirstChartTiming URL ROUNDS");
      System.exit(2);
    }
    URI base = URI.create(args[0]);
    int rounds = Integer.parseInt(args[1]);
    List<Visit> visits = new ArrayList<>();
    try (Playwright playwright = Chromium.playwright()) {
      for (int r = 0; r < rounds; r++) {
        Path profile = Files.createTempDirectory("first-chart-profile");
        try (BrowserContext browser = launch(playwright, profile)) {
          for (String kind : List.of("new reader", "returning reader")) {
            Page page = browser.newPage();
            page.navigate(base.resolve("/").toString());
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(
                    page.locator("html"))
                .hasAttribute(
                    "data-first-chart-ms",
                    Pattern.compile("\\d+"),
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions()
                        .setTimeout(60_000));
            long chart = Long.parseLong(page.locator("html").getAttribute("data-first-chart-ms"));
            long dom =
                Math.round(
                    ((Number)
                            page.evaluate(
                                "performance.getEntriesByType('navigation')[0]"
                                    + ".domContentLoadedEventEnd"))
                        .doubleValue());
            long series =
                Math.round(
                    ((Number)
                            page.evaluate(
                                "(() => { const e = performance.getEntriesByType('resource')"
                                    + ".find((x) => x.name.includes('/api/v1/compliance/series'));"
                                    + " return e ? e.responseEnd - e.startTime : -1; })()"))
                        .doubleValue());
            visits.add(new Visit(kind, chart, dom, series));
            if (r == 0) {
              // Where the first visits' time goes: each request of the page in start order.
              System.out.printf(
                  "round 1, %s: requests (start, response start, end, bytes)%n", kind);
              System.out.println(page.evaluate(WATERFALL));
            }
            System.out.printf(
                "round %d, %s: first chart %d ms (page ready %d ms, series request %d ms)%n",
                r + 1, kind, chart, dom, series);
            page.close();
          }
        } finally {
          delete(profile);
        }
      }
    }
    // The peer in the same run: a fresh profile's first page that needs nothing but one request
    // to this server (the signed checkpoint, plain text), loaded in full.
    List<Long> bare = new ArrayList<>();
    try (Playwright playwright = Chromium.playwright()) {
      for (int r = 0; r < rounds; r++) {
        Path profile = Files.createTempDirectory("first-chart-bare");
        try (BrowserContext browser = launch(playwright, profile)) {
          Page page = browser.newPage();
          page.navigate(base.resolve("/checkpoint").toString());
          long loaded =
              Math.round(
                  ((Number)
                          page.evaluate(
                              "performance.getEntriesByType('navigation')[0].loadEventEnd"))
                      .doubleValue());
          bare.add(loaded);
          System.out.printf(
              "round %d, bare page (/checkpoint, new profile): loaded %d ms%n", r + 1, loaded);
        } finally {
          delete(profile);
        }
      }
    }
    // The server's own answer time for the series, outside the browser, in the same run.
    HttpClient http = HttpClient.newHttpClient();
    String day = LocalDate.now(ZoneOffset.UTC).toString();
    List<Long> server = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long t0 = System.nanoTime();
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(base.resolve("/api/v1/compliance/series?at=" + day)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (r.statusCode() != 200) {
        throw new IllegalStateException("series: HTTP " + r.statusCode());
      }
      server.add(ms);
      System.out.printf("series over HTTP from Java: %d ms (%d bytes)%n", ms, r.body().length);
    }
    for (String kind : List.of("new reader", "returning reader")) {
      List<Visit> of = visits.stream().filter(v -> v.kind().equals(kind)).toList();
      System.out.printf(
          "%s: first chart median %d ms, max %d ms; page ready median %d ms; series request median"
              + " %d ms (%d visits)%n",
          kind,
          median(of.stream().map(Visit::chartMs).toList()),
          of.stream().mapToLong(Visit::chartMs).max().orElse(-1),
          median(of.stream().map(Visit::domReadyMs).toList()),
          median(of.stream().map(Visit::seriesMs).toList()),
          of.size());
    }
    System.out.printf("bare page, new profile: loaded median %d ms%n", median(bare));
    System.out.printf("series over HTTP from Java: median %d ms%n", median(server));
  }

  /** A headless Chromium on a fresh profile, as a reader's first visit meets it. */
  private static BrowserContext launch(Playwright playwright, Path profile) {
    BrowserContext browser = Chromium.launch(playwright, profile);
    browser.setDefaultTimeout(60_000);
    return browser;
  }

  private static void delete(Path profile) throws java.io.IOException {
    try (var files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  /** Each resource of the page, in start order, one line each: path, start, first byte, end. */
  private static final String WATERFALL =
      "performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))"
          + ".sort((a, b) => a.startTime - b.startTime)"
          + ".map((e) => `  ${new URL(e.name).pathname}${new URL(e.name).search}: `"
          + " + `${Math.round(e.startTime)} / ${Math.round(e.responseStart)} /"
          + " ${Math.round(e.responseEnd)} ms, ${e.transferSize} B`).join('\\n')";

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
    return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
  }
}
