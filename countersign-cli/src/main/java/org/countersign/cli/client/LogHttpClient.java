package org.countersign.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.countersign.log.tile.EntryBundle;
import org.countersign.log.tile.TileFetcher;
import org.jspecify.annotations.Nullable;

/**
 * A small client of a Countersign log's public HTTP API, on {@link java.net.http.HttpClient}.
 *
 * <p>Every response is read with a cap (a tile, a bundle of 256 maximal entries, a JSON answer), so
 * a hostile server cannot exhaust memory; gzip-encoded bundles (which C2SP tlog-tiles allows
 * without negotiation) are inflated under the same cap. Nothing is verified here: see the package
 * comment. Submission follows the server's protocol: wait for integration, poll the {@code
 * Location} of a 202, and retry a 503 after its {@code Retry-After} a few times.
 *
 * <p>Thread-safe; one instance keeps one HTTP connection pool.
 */
public final class LogHttpClient implements TileFetcher, AutoCloseable {
  /** Cap on a tile or entry bundle: 256 entries of at most 65,535 bytes with their prefixes. */
  public static final int MAX_TILE_BYTES = EntryBundle.MAX_BUNDLE_SIZE;

  /** Cap on a checkpoint note or a JSON answer (which may hold a checkpoint with cosignatures). */
  public static final int MAX_TEXT_BYTES = (1 << 20) + (64 << 10);

  private static final String JSON = "application/json";
  private static final int MAX_OVERLOAD_RETRIES = 8;

  /**
   * Jackson's mapper, made on first use: building one costs a client command tens of milliseconds
   * of start-up, and reading a log (checkpoint, tiles, bundles) never parses JSON.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final URI server;

  /** The read path's client for an {@code http} server; null for {@code https}. */
  private final @Nullable PlainHttpGet plain;

  private @Nullable HttpClient http;
  private final Duration requestTimeout;
  private final Duration integrationWait;

  /**
   * A client for the log at {@code server} (its URL prefix).
   *
   * @param requestTimeout how long one request may take
   * @param integrationWait how long a submission may wait, polls included, to be integrated
   */
  public LogHttpClient(URI server, Duration requestTimeout, Duration integrationWait) {
    this.server = normalize(server);
    this.requestTimeout = requestTimeout;
    this.integrationWait = integrationWait;
    this.plain =
        "http".equals(this.server.getScheme())
            ? new PlainHttpGet(this.server, CONNECT_TIMEOUT, requestTimeout)
            : null;
  }

  /**
   * The JDK's client, made on first use: a plain-http server's reads never need it, only its
   * submissions and computed answers (POST, JSON) do.
   */
  private synchronized HttpClient http() {
    if (http == null) {
      HttpClient.Builder builder =
          HttpClient.newBuilder()
              .connectTimeout(CONNECT_TIMEOUT)
              // HTTP/1.1 with keep-alive: no h2c upgrade round trip on plain http.
              .version(HttpClient.Version.HTTP_1_1)
              .followRedirects(HttpClient.Redirect.NEVER);
      if (plain != null) {
        // Every request goes to this server, redirects are not followed: TLS is never needed,
        // and the JDK's default context (trust store read, cipher suites listed) costs a client
        // command's start-up tens of milliseconds (docs/benchmarks.md, "ninth pass, audit").
        builder.sslContext(NoTls.CONTEXT).sslParameters(new SSLParameters());
      }
      http = builder.build();
    }
    return http;
  }

  /** A TLS context for a plain-http client: it refuses every use. */
  private static final class NoTls extends SSLContextSpi {
    static final SSLContext CONTEXT = new SSLContext(new NoTls(), null, "none") {};

    private static UnsupportedOperationException refused() {
      return new UnsupportedOperationException("this client was made for a plain-http server");
    }

    @Override
    protected void engineInit(
        KeyManager @Nullable [] km, TrustManager @Nullable [] tm, @Nullable SecureRandom sr) {
      throw refused();
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      throw refused();
    }
  }

  /** A client with a 60 s request timeout and a two-minute integration wait. */
  public static LogHttpClient of(URI server) {
    return new LogHttpClient(server, Duration.ofSeconds(60), Duration.ofMinutes(2));
  }

  /**
   * Parses a server URL given on a command line: {@code http} or {@code https}, a host, no query.
   *
   * @throws IllegalArgumentException naming the problem and the value
   */
  public static URI parseServerUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: \"" + url + "\": " + e.getReason());
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "server URL must start with http:// or https://, got \"" + url + "\"");
    }
    if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "server URL must name a host and have no query or fragment, got \"" + url + "\"");
    }
    return normalize(uri);
  }

  private static URI normalize(URI uri) {
    String s = uri.toString();
    return URI.create(s.endsWith("/") ? s : s + "/");
  }

  /** The server's URL prefix, ending in a slash. */
  public URI server() {
    return server;
  }

  /** {@code GET <prefix>/checkpoint}: the current checkpoint note, unverified. */
  public String checkpoint() throws IOException {
    return new String(get("checkpoint", MAX_TEXT_BYTES), StandardCharsets.UTF_8);
  }

  /** {@code GET <prefix>/<path>} for a tile or entry bundle, unverified, inflated if gzipped. */
  @Override
  public byte[] fetch(String path) throws IOException {
    return get(path, MAX_TILE_BYTES);
  }

  /** {@code GET /api/v1/log}: the server's own description of the log (unauthenticated). */
  public LogInfo logInfo() throws IOException {
    JsonNode n = json(get("api/v1/log", MAX_TEXT_BYTES), "api/v1/log");
    return new LogInfo(
        text(n, "origin", "api/v1/log"),
        text(n, "verifierKey", "api/v1/log"),
        text(n, "treaty", "api/v1/log"),
        n.path("size").asLong(-1));
  }

  /** {@code GET /api/v1/log}: how far the log has integrated and published, and why not further. */
  public LogStatus status() throws IOException {
    JsonNode n = json(get("api/v1/log", MAX_TEXT_BYTES), "api/v1/log");
    long published = n.path("publishedSize").asLong(n.path("size").asLong(-1));
    return new LogStatus(
        published,
        Math.max(published, n.path("integratedSize").asLong(published)),
        n.path("publication").asText("ok"));
  }

  /**
   * Sends one signed statement note without waiting ({@code ?wait=false}): the answer says whether
   * it is queued, or was already logged (a receipt at once).
   *
   * @throws HttpStatusException if the server refuses it (4xx, with its reason) or keeps failing
   */
  public SubmissionState send(byte[] note) throws IOException {
    Instant deadline = Instant.now().plus(integrationWait);
    HttpRequest post =
        request("api/v1/statements?wait=false")
            .header("Content-Type", "text/plain; charset=utf-8")
            .header("Accept", JSON)
            .POST(HttpRequest.BodyPublishers.ofByteArray(note))
            .build();
    return state(sendWithRetries(post, "api/v1/statements", deadline), "api/v1/statements");
  }

  /**
   * {@code GET /api/v1/statements/<identity>}: where a submitted entry stands.
   *
   * @param identity SHA-256 of the entry, lowercase hex
   */
  public SubmissionState state(String identity) throws IOException {
    String rel = "api/v1/statements/" + identity;
    Answer a =
        sendWithRetries(
            request(rel).header("Accept", JSON).GET().build(),
            rel,
            Instant.now().plus(integrationWait));
    if (a.status() == 404) {
      return new SubmissionState.Unknown(identity);
    }
    return state(a, rel);
  }

  private SubmissionState state(Answer answer, String relative) throws IOException {
    if (answer.status() == 202) {
      JsonNode pending = json(answer.body(), relative);
      JsonNode index = pending.get("index");
      return new SubmissionState.Pending(
          text(pending, "identity", relative),
          index != null && index.canConvertToLong() && index.asLong() >= 0
              ? OptionalLong.of(index.asLong())
              : OptionalLong.empty());
    }
    if (answer.status() != 200 && answer.status() != 201) {
      throw failure(answer, relative);
    }
    JsonNode done = json(answer.body(), relative);
    return new SubmissionState.Logged(
        new Submission(
            done.path("index").asLong(-1),
            text(done, "identity", relative),
            done.path("duplicate").asBoolean(false),
            text(done, "receipt", relative)));
  }

  /**
   * Submits one signed statement note and waits until it is integrated.
   *
   * @throws HttpStatusException if the server refuses it (4xx, with its reason) or keeps failing
   * @throws IOException on a network failure, or if it is not integrated within the wait
   */
  public Submission submit(byte[] note) throws IOException {
    Instant deadline = Instant.now().plus(integrationWait);
    HttpRequest post =
        request("api/v1/statements")
            .header("Content-Type", "text/plain; charset=utf-8")
            .header("Accept", JSON)
            .POST(HttpRequest.BodyPublishers.ofByteArray(note))
            .build();
    Answer answer = sendWithRetries(post, "api/v1/statements", deadline);
    while (answer.status() == 202) {
      JsonNode pending = json(answer.body(), "api/v1/statements");
      String poll =
          answer
              .location()
              .orElse("api/v1/statements/" + text(pending, "identity", "api/v1/statements"));
      pause(answer.retryAfter(), deadline);
      String rel = poll.startsWith("/") ? poll.substring(1) : poll;
      answer = sendWithRetries(request(rel).header("Accept", JSON).GET().build(), rel, deadline);
    }
    if (answer.status() != 200 && answer.status() != 201) {
      throw failure(answer, "api/v1/statements");
    }
    JsonNode done = json(answer.body(), "api/v1/statements");
    return new Submission(
        done.path("index").asLong(-1),
        text(done, "identity", "api/v1/statements"),
        done.path("duplicate").asBoolean(false),
        text(done, "receipt", "api/v1/statements"));
  }

  /**
   * Submits one signed statement note without waiting for integration ({@code ?wait=false}): once
   * this returns, the server has checked the statement and queued it behind every statement this
   * client queued before. Submitting in order from one thread therefore logs in that order.
   *
   * @return the entry's identity (SHA-256 of the note, lowercase hex)
   * @throws HttpStatusException if the server refuses it (4xx, with its reason) or keeps failing
   */
  public String enqueue(byte[] note) throws IOException {
    Instant deadline = Instant.now().plus(integrationWait);
    HttpRequest post =
        request("api/v1/statements?wait=false")
            .header("Content-Type", "text/plain; charset=utf-8")
            .header("Accept", JSON)
            .POST(HttpRequest.BodyPublishers.ofByteArray(note))
            .build();
    Answer answer = sendWithRetries(post, "api/v1/statements", deadline);
    if (answer.status() != 202 && answer.status() != 200 && answer.status() != 201) {
      throw failure(answer, "api/v1/statements");
    }
    return text(json(answer.body(), "api/v1/statements"), "identity", "api/v1/statements");
  }

  /**
   * {@code POST <prefix>/<path>} with {@code body} (a YAML or text document), for computed answers
   * such as a proposal's evaluation; no retries, as such a request changes nothing.
   *
   * @throws HttpStatusException on any status but 200, with the server's reason
   */
  public byte[] post(String relative, byte[] body) throws IOException {
    HttpRequest req =
        request(relative)
            .header("Content-Type", "application/yaml; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    Answer a = send(req, MAX_TEXT_BYTES, relative);
    if (a.status() != 200) {
      throw failure(a, relative);
    }
    return a.body();
  }

  /**
   * Closes the connection pool and waits for the client's selector thread to end. A command SHOULD
   * close its client before it exits: while that thread waits in the kernel, the JVM's exit waits
   * up to 0.3 s for it (docs/benchmarks.md, "ninth pass, audit").
   */
  @Override
  public void close() {
    if (plain != null) {
      plain.close();
    }
    HttpClient made;
    synchronized (this) {
      made = http;
    }
    if (made != null) {
      made.close();
    }
  }

  // ---- plumbing ----

  // Private response holder: the body is parsed at once, never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  private record Answer(int status, byte[] body, Optional<String> location, Duration retryAfter) {}

  private HttpRequest.Builder request(String relative) {
    return HttpRequest.newBuilder(server.resolve(relative)).timeout(requestTimeout);
  }

  private byte[] get(String relative, int cap) throws IOException {
    Answer a;
    if (plain != null) {
      PlainHttpGet.Answer p = plain.get(server.resolve(relative), cap);
      a = new Answer(p.status(), p.body(), Optional.empty(), Duration.ofSeconds(1));
    } else {
      a = send(request(relative).GET().build(), cap, relative);
    }
    if (a.status() != 200) {
      throw failure(a, relative);
    }
    return a.body();
  }

  /** Sends, retrying 503 answers after their Retry-After until the deadline or the retry cap. */
  private Answer sendWithRetries(HttpRequest req, String relative, Instant deadline)
      throws IOException {
    for (int attempt = 0; ; attempt++) {
      Answer a = send(req, MAX_TEXT_BYTES, relative);
      if (a.status() != 503 || attempt >= MAX_OVERLOAD_RETRIES) {
        return a;
      }
      pause(a.retryAfter(), deadline);
    }
  }

  private Answer send(HttpRequest req, int cap, String relative) throws IOException {
    HttpResponse<InputStream> resp;
    try {
      resp = http().send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while requesting " + relative, e);
    } catch (ConnectException e) {
      throw new IOException("cannot connect to " + server + " (is the server running?)", e);
    } catch (HttpTimeoutException e) {
      throw new IOException(
          "no answer from "
              + server.resolve(relative)
              + " within "
              + requestTimeout.toSeconds()
              + " s",
          e);
    }
    byte[] body;
    try (InputStream raw = resp.body()) {
      boolean gzip =
          resp.headers()
              .firstValue("Content-Encoding")
              .map(v -> v.equalsIgnoreCase("gzip"))
              .orElse(false);
      InputStream in = gzip ? new GZIPInputStream(raw) : raw;
      body = in.readNBytes(cap + 1);
      if (body.length > cap) {
        throw new IOException(server.resolve(relative) + " answered more than " + cap + " bytes");
      }
    }
    Duration retryAfter =
        resp.headers()
            .firstValue("Retry-After")
            .flatMap(LogHttpClient::seconds)
            .orElse(Duration.ofSeconds(1));
    return new Answer(resp.statusCode(), body, resp.headers().firstValue("Location"), retryAfter);
  }

  private static Optional<Duration> seconds(String value) {
    try {
      long s = Long.parseLong(value.strip());
      return s < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.min(s, 30)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void pause(Duration wait, Instant deadline) throws IOException {
    Instant now = Instant.now();
    if (!now.isBefore(deadline)) {
      throw new IOException("gave up waiting for the server: the deadline passed");
    }
    Duration left = Duration.between(now, deadline);
    try {
      Thread.sleep(wait.compareTo(left) < 0 ? wait : left);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the server", e);
    }
  }

  private static HttpStatusException failure(Answer a, String relative) {
    String code = "";
    String reason = "";
    try {
      JsonNode n = Json.MAPPER.readTree(a.body());
      if (n != null && n.isObject()) {
        code = n.path("error").asText("");
        reason = n.path("reason").asText("");
      }
    } catch (IOException notJson) {
      // A tile 404 or a proxy's page: keep the first line as the reason.
    }
    if (code.isEmpty() && reason.isEmpty()) {
      String text =
          new String(a.body(), 0, Math.min(a.body().length, 200), StandardCharsets.UTF_8).strip();
      int nl = text.indexOf('\n');
      reason = (nl < 0 ? text : text.substring(0, nl)).replaceAll("\\p{Cntrl}", "?");
    }
    return new HttpStatusException(a.status(), relative, code, reason);
  }

  private static JsonNode json(byte[] body, String relative) throws IOException {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IOException(relative + " did not answer JSON: " + e.getMessage(), e);
    }
    if (n == null || !n.isObject()) {
      throw new IOException(relative + " did not answer a JSON object");
    }
    return n;
  }

  private static String text(JsonNode n, String field, String relative) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IOException(relative + " answer lacks the string field \"" + field + "\"");
    }
    return v.textValue();
  }
}
