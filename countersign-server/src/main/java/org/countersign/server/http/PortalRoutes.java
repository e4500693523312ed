package org.countersign.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.countersign.log.Hash;

/**
 * The public portal for parties, witnesses and observers: static files from the classpath folder
 * {@code portal/}, served at {@code /} (the overview) and {@code /portal/<path>}.
 *
 * <p>The portal is a client of the public API and nothing more: its pages read {@code /api/v1/...},
 * {@code /checkpoint} and {@code /health} from the browser, and verify inclusion proofs and the
 * checkpoint signature there (see {@code portal/js/verify/}). The server adds no portal-only data,
 * so whatever the portal shows, anyone can fetch and check with the CLI.
 *
 * <p>Paths are matched against a strict pattern (lowercase names, no dot segments, known
 * extensions) before any classpath lookup, so a request cannot name a resource outside {@code
 * portal/}. Found files are kept in memory (the whole portal is about 150 kilobytes), with a gzip
 * form made once for a reader on a slow link; misses are not cached, so unknown names cannot grow
 * the cache. Every answer carries a strict Content-Security-Policy: scripts, styles and connections
 * from this origin only, no inline code, no framing.
 */
final class PortalRoutes {
  /** The classpath folder that holds the portal's files. */
  static final String RESOURCE_ROOT = "portal/";

  /** Lowercase path segments that start with a letter or digit (so never "." or ".."). */
  private static final Pattern PATH =
      Pattern.compile("((?:[a-z0-9][a-z0-9_-]*/){0,4})([a-z0-9][a-z0-9_.-]{0,63})\\.([a-z]{2,4})");

  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "txt", "text/plain; charset=utf-8");

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /** Fragments shared by every page, included on the server and never served alone. */
  private static final String PARTIALS = "partials/";

  private static final String HEADER_MARK = "<!--#header-->";
  private static final String FOOTER_MARK = "<!--#footer-->";

  private final ClassLoader loader;
  private final Map<String, Asset> cache = new ConcurrentHashMap<>();

  /**
   * A portal file in memory: its bytes (and their gzip form, made once), content type and strong
   * ETag (the gzip form's ends in {@code -gz}: a strong validator names one representation).
   */
  private record Asset(Gzipped body, String contentType, String etag) {
    String etagOf(boolean gzip) {
      return gzip ? etag.substring(0, etag.length() - 1) + "-gz\"" : etag;
    }
  }

  PortalRoutes() {
    this(PortalRoutes.class.getClassLoader());
  }

  PortalRoutes(ClassLoader loader) {
    this.loader = loader;
  }

  void register(Javalin app) {
    app.get("/", ctx -> serve(ctx, "index.html"));
    app.get("/portal", ctx -> ctx.redirect("/portal/"));
    app.get("/portal/", ctx -> serve(ctx, "index.html"));
    app.get("/portal/<path>", ctx -> serve(ctx, ctx.pathParam("path")));
  }

  private void serve(Context ctx, String path) {
    Optional<Asset> found = asset(path);
    if (found.isEmpty()) {
      throw ApiException.notFound("no portal page " + abbreviate(path));
    }
    Asset a = found.get();
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    // Revalidate every time: a new server version must not run an old verifier from a cache.
    ctx.header("Cache-Control", "no-cache");
    boolean gzip = a.body().gzip() != null && Gzipped.acceptsGzip(ctx.header("Accept-Encoding"));
    String etag = a.etagOf(gzip);
    ctx.header("ETag", etag);
    if (etag.equals(ctx.header("If-None-Match"))) {
      ctx.header("Vary", "Accept-Encoding");
      ctx.status(304);
      return;
    }
    ctx.contentType(a.contentType());
    a.body().send(ctx);
  }

  /** The named portal file, if the name is acceptable and the file exists. */
  private Optional<Asset> asset(String path) {
    Matcher m = PATH.matcher(path);
    if (!m.matches() || path.startsWith(PARTIALS)) {
      return Optional.empty();
    }
    String type = CONTENT_TYPES.get(m.group(3));
    if (type == null) {
      return Optional.empty();
    }
    Asset cached = cache.get(path);
    if (cached != null) {
      return Optional.of(cached);
    }
    try (InputStream in = loader.getResourceAsStream(RESOURCE_ROOT + path)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      if (m.group(3).equals("html")) {
        bytes = withPartials(path, bytes);
      }
      Asset a =
          new Asset(
              Gzipped.of(bytes), type, "\"" + Hash.sha256(bytes).hex().substring(0, 32) + "\"");
      cache.putIfAbsent(path, a);
      return Optional.of(a);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read portal file " + path, e);
    }
  }

  /**
   * The page with its {@code <!--#header-->} and {@code <!--#footer-->} markers replaced by the
   * shared header and footer ({@code portal/partials/}), the page's own navigation link marked
   * {@code aria-current="page"}. Done once per file, on the server, so that every page shares one
   * navigation that works without JavaScript.
   */
  private byte[] withPartials(String path, byte[] page) throws IOException {
    String text = new String(page, StandardCharsets.UTF_8);
    if (!text.contains(HEADER_MARK) && !text.contains(FOOTER_MARK)) {
      return page;
    }
    String self = path.equals("index.html") ? "/" : "/portal/" + path;
    String header =
        partial("header.html")
            .replace(
                "<li><a href=\"" + self + "\">",
                "<li><a href=\"" + self + "\" aria-current=\"page\">");
    text =
        text.replace(HEADER_MARK, header.strip())
            .replace(FOOTER_MARK, partial("footer.html").strip());
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private String partial(String name) throws IOException {
    try (InputStream in = loader.getResourceAsStream(RESOURCE_ROOT + PARTIALS + name)) {
      if (in == null) {
        throw new IOException("the portal partial " + PARTIALS + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String abbreviate(String path) {
    return path.length() > 80 ? path.substring(0, 80) + "..." : path;
  }
}
