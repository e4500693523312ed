package org.countersign.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The portal's static files over HTTP, without a browser: paths, types, headers, links. */
class PortalRoutesTest {
  static final Path SOURCES = Path.of("src", "main", "resources", "portal");

  @TempDir static Path dataDir;
  static PortalLog log;

  @BeforeAll
  static void start() throws Exception {
    log = PortalLog.start(dataDir);
  }

  @AfterAll
  static void stop() {
    if (log != null) {
      log.close();
    }
  }

  @Test
  void root_get_servesOverviewWithStrictHeaders() throws Exception {
    HttpResponse<String> r = log.get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow())
        .matches("text/html; ?charset=utf-8");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains(
            "default-src 'none'",
            "script-src 'self'",
            "connect-src 'self'",
            "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.body()).contains("<title>Overview").contains("/portal/js/overview.js");
    assertThat(log.get("/portal/").body()).isEqualTo(r.body());
    assertThat(log.get("/portal/index.html").body()).isEqualTo(r.body());
  }

  @Test
  void portal_withoutSlash_redirects() throws Exception {
    HttpResponse<String> r = log.get("/portal");
    assertThat(r.statusCode()).isBetween(301, 308);
    assertThat(r.headers().firstValue("Location")).hasValue("/portal/");
  }

  @Test
  void modules_get_servedAsJavaScript() throws Exception {
    HttpResponse<String> r = log.get("/portal/js/verify/merkle.js");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow())
        .matches("text/javascript; ?charset=utf-8");
    assertThat(r.body()).contains("export async function rootFromInclusionProof");
    assertThat(log.get("/portal/css/portal.css").headers().firstValue("Content-Type").orElseThrow())
        .matches("text/css; ?charset=utf-8");
  }

  @Test
  void etag_matching_answers304() throws Exception {
    HttpResponse<String> first = log.get("/portal/audit.html");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = log.get("/portal/audit.html", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(log.get("/portal/audit.html", "If-None-Match", "\"other\"").statusCode())
        .isEqualTo(200);
  }

  @Test
  void gzip_acceptedByTheReader_servesTheSameBytesCompressedWithTheirOwnEtag() throws Exception {
    HttpResponse<String> plain = log.get("/portal/js/chart.js");
    HttpResponse<byte[]> packed =
        log.getBytes("/portal/js/chart.js", "Accept-Encoding", "br, gzip;q=0.8");
    assertThat(packed.statusCode()).isEqualTo(200);
    assertThat(packed.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(packed.headers().firstValue("Vary")).hasValue("Accept-Encoding");
    assertThat(packed.body().length).isLessThan(plain.body().length() / 2);
    try (var in =
        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(packed.body()))) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(plain.body());
    }
    // A strong validator names one representation: the compressed one has its own.
    String etag = packed.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).isNotEqualTo(plain.headers().firstValue("ETag").orElseThrow());
    assertThat(
            log.getBytes("/portal/js/chart.js", "Accept-Encoding", "gzip", "If-None-Match", etag)
                .statusCode())
        .isEqualTo(304);
    // Refused with a zero weight, or not asked for: the bytes as they are.
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(
            log.getBytes("/portal/js/chart.js", "Accept-Encoding", "gzip;q=0")
                .headers()
                .firstValue("Content-Encoding"))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/portal/missing.html",
        "/portal/Index.html",
        "/portal/index.HTML",
        "/portal/js/%2e%2e/index.html",
        "/portal/..%2fportal/index.html",
        "/portal/.hidden.js",
        "/portal/logback.xml",
        "/portal/org/countersign/server/LogServer.class",
        "/portal/js/",
        "/portal/partials/header.html",
      })
  void badOrUnknownPath_get_isNotServed(String path) throws Exception {
    HttpResponse<String> r = log.get(path);
    assertThat(r.statusCode()).as(path).isIn(400, 404);
    assertThat(r.body()).doesNotContain("<html");
  }

  @Test
  void apiAndTiles_stillAnswer_portalDoesNotShadowThem() throws Exception {
    assertThat(log.get("/api/v1/log").statusCode()).isEqualTo(200);
    assertThat(log.get("/checkpoint").body()).startsWith(log.server.origin() + "\n");
    assertThat(log.get("/health").statusCode()).isEqualTo(200);
  }

  /** Every file is served, and every local link, script, stylesheet and import it names is too. */
  @Test
  void everyFile_referencesOnlyServedLocalFiles() throws Exception {
    Pattern htmlRef = Pattern.compile("(?:src|href)=\"(/[^\"?#]*)");
    Pattern jsImport =
        Pattern.compile("(?:from|import\\()\\s*\"(\\./[^\"]+|\\.\\./[^\"]+|/[^\"]+)\"");
    List<Path> files;
    try (Stream<Path> s = Files.walk(SOURCES)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    assertThat(files).hasSizeGreaterThan(10);
    List<String> checked = new ArrayList<>();
    for (Path f : files) {
      String rel = SOURCES.relativize(f).toString().replace('\\', '/');
      String path = "/portal/" + rel;
      // Partials are included into pages on the server, never served alone.
      assertThat(log.get(path).statusCode())
          .as(path)
          .isEqualTo(rel.startsWith("partials/") ? 404 : 200);
      String text = Files.readString(f);
      assertThat(text)
          .as(rel + " must load nothing from elsewhere")
          .doesNotContainPattern("(?i)(src|href|url)\\s*[=(]\\s*[\"']?(https?:)?//");
      Matcher m = (rel.endsWith(".html") ? htmlRef : jsImport).matcher(text);
      while (m.find()) {
        String target = m.group(1);
        String resolved =
            target.startsWith("/") ? target : java.net.URI.create(path).resolve(target).getPath();
        assertThat(status(resolved)).as(rel + " -> " + target).isEqualTo(200);
        checked.add(resolved);
      }
    }
    assertThat(checked)
        .contains("/portal/js/verify/check.js", "/portal/css/portal.css", "/checkpoint");
  }

  /** Every page carries the one shared header, with its own link marked as the current page. */
  @Test
  void everyPage_sharesOneHeader_withItsOwnLinkCurrent() throws Exception {
    List<Path> pages;
    try (Stream<Path> s = Files.list(SOURCES)) {
      pages = s.filter(p -> p.toString().endsWith(".html")).toList();
    }
    assertThat(pages).hasSizeGreaterThanOrEqualTo(9);
    for (Path f : pages) {
      String name = f.getFileName().toString();
      String self = name.equals("index.html") ? "/" : "/portal/" + name;
      String body = log.get(self).body();
      assertThat(body).as(name).doesNotContain("<!--#header-->", "<!--#footer-->");
      assertThat(body.split("<nav aria-label=\"Portal\">", -1)).as(name).hasSize(2);
      assertThat(body.split("<footer class=\"site\">", -1)).as(name).hasSize(2);
      assertThat(body.split("aria-current=\"page\"", -1))
          .as(name)
          .hasSize(name.equals("entry.html") ? 1 : 2);
      if (!name.equals("entry.html")) {
        assertThat(body).as(name).contains("href=\"" + self + "\" aria-current=\"page\"");
      }
    }
  }

  private static int status(String path) throws IOException, InterruptedException {
    return log.get(path).statusCode();
  }
}
