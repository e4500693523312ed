package org.countersign.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small java.net.http client for the server's API. */
final class HttpTestClient {
  static final ObjectMapper JSON = new ObjectMapper();
  final URI base;
  final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  HttpTestClient(URI base) {
    this.base = base;
  }

  // Test-only response holder, never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  record Answer(int status, byte[] body, HttpResponse<byte[]> response) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError(
            "not JSON (" + status + "): " + new String(body, StandardCharsets.UTF_8), e);
      }
    }

    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse("");
    }
  }

  Answer submit(byte[] note) throws IOException, InterruptedException {
    return submit(note, true);
  }

  Answer submit(byte[] note, boolean wait) throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve("api/v1/statements" + (wait ? "" : "?wait=false")))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(note))
            .build();
    return send(req);
  }

  Answer get(String path) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build());
  }

  private Answer send(HttpRequest req) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(r.statusCode(), r.body(), r);
  }
}
