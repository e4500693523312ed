package org.countersign.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.countersign.fixtures.FakeClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: HEAD mirrors GET's status and headers; Jetty's own errors (400, 414, 431) are the API's
 * JSON errors; a submission whose Content-Type is not a signed note's is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpSurfaceTest {
  @TempDir static Path dir;
  private final FakeClock clock = FakeClock.atDefaultStart();
  private LogServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  void start() throws Exception {
    server = LogServer.start(TestServers.options(dir, clock).build());
  }

  @AfterAll
  void stop() {
    server.stop();
  }

  private HttpResponse<byte[]> send(
      String method, String path, @Nullable String type, byte @Nullable [] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)));
    if (type != null) {
      b.header("Content-Type", type);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void head_mirrorsGetStatusAndHeaders_withoutBody() throws Exception {
    for (String path :
        new String[] {
          "/checkpoint",
          "/tile/0/999",
          "/tile/entries/007",
          "/api/v1/log",
          "/api/v1/entries/99",
          "/api/v1/proofs/inclusion?index=5",
          "/health",
          "/nowhere"
        }) {
      HttpResponse<byte[]> get = send("GET", path, null, null);
      HttpResponse<byte[]> head = send("HEAD", path, null, null);
      assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(get.statusCode());
      assertThat(head.headers().firstValue("Content-Type"))
          .as("HEAD " + path)
          .isEqualTo(get.headers().firstValue("Content-Type"));
      assertThat(head.body()).as("HEAD " + path).isEmpty();
    }
    assertThat(send("HEAD", "/tile/0/999", null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void notFound_isTheDocumentedJsonError_andHeadGivesGetsLength() throws Exception {
    for (String path :
        new String[] {
          "/nowhere", "/api/v1/nothing", "/tile/0/999", "/tile/entries/007", "/tile/x"
        }) {
      HttpResponse<byte[]> get = send("GET", path, null, null);
      assertThat(get.statusCode()).as(path).isEqualTo(404);
      assertThat(get.headers().firstValue("Content-Type").orElseThrow())
          .as(path)
          .startsWith("application/json");
      JsonNode body = JSON.readTree(get.body());
      assertThat(body.get("error").asText()).as(path).isEqualTo("not-found");
      assertThat(body.get("reason").asText()).as(path).contains(path);
      HttpResponse<byte[]> head = send("HEAD", path, null, null);
      assertThat(head.headers().firstValue("Content-Length"))
          .as("HEAD " + path)
          .isEqualTo(get.headers().firstValue("Content-Length"));
    }
  }

  /** One raw request, for what no well-behaved client sends. */
  private String raw(String request) throws Exception {
    try (Socket s = new Socket(server.url().getHost(), server.url().getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void assertJsonError(String answer, int status, String code) throws Exception {
    assertThat(answer).startsWith("HTTP/1.1 " + status);
    int split = answer.indexOf("\r\n\r\n");
    String headers = answer.substring(0, split).toLowerCase(java.util.Locale.ROOT);
    assertThat(headers).contains("content-type: application/json");
    JsonNode body = JSON.readTree(answer.substring(split + 4));
    assertThat(body.get("error").asText()).isEqualTo(code);
    assertThat(body.get("reason").asText()).isNotBlank();
  }

  @Test
  void jettyErrors_areJsonErrors() throws Exception {
    assertJsonError(
        raw("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        414,
        "uri-too-long");
    assertJsonError(
        raw(
            "GET /checkpoint HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "b".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n"),
        431,
        "headers-too-large");
    assertJsonError(
        raw("GET /checkpoint HTTP/1.1\r\nConnection: close\r\n\r\n"), 400, "bad-request");
  }

  @Test
  void post_withAContentTypeOtherThanANote_refused() throws Exception {
    byte[] note = "hello\n".getBytes(StandardCharsets.UTF_8);
    for (String type :
        new String[] {
          "application/x-www-form-urlencoded",
          "application/json",
          "text/plain; charset=latin1",
          null
        }) {
      HttpResponse<byte[]> r = send("POST", "/api/v1/statements", type, note);
      assertThat(r.statusCode()).as(String.valueOf(type)).isEqualTo(415);
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("error").asText()).isEqualTo("unsupported-media-type");
    }
    // The right type reaches the statement checks (and this body fails them).
    HttpResponse<byte[]> plain =
        send("POST", "/api/v1/statements", "text/plain; charset=utf-8", note);
    assertThat(plain.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(plain.body()).get("error").asText()).isEqualTo("malformed-note");
  }
}
