package org.countersign.server.witness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/** A small HTTP client for tests: text and JSON answers, and polling until a condition holds. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  record Answer(int status, String text) {
    JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + text, e);
      }
    }
  }

  Answer get(URI uri) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build());
  }

  Answer post(URI uri, byte[] body) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  private Answer send(HttpRequest r) throws IOException, InterruptedException {
    HttpResponse<byte[]> a = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(a.statusCode(), new String(a.body(), StandardCharsets.UTF_8));
  }

  /** GETs {@code uri} until {@code done} holds for the answer, or fails after {@code within}. */
  Answer await(URI uri, Predicate<Answer> done, Duration within, String what)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    Answer last;
    do {
      last = get(uri);
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "waited " + within.toMillis() + " ms for " + what + "; last answer " + last);
  }
}
