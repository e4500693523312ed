package org.countersign.witness.monitor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts monitor alerts to a URL as {@code text/plain}: one line {@code "countersign monitor <log>
 * <STATUS>: <message>"}, then the evidence file verbatim if there is one. Any 2xx counts as
 * delivered.
 */
public final class Webhook {
  private final URI url;
  private final HttpClient http;

  public Webhook(URI url, HttpClient http) {
    this.url = url;
    this.http = http;
  }

  /**
   * Delivers {@code result}.
   *
   * @throws IOException if the hook cannot be reached or does not answer 2xx
   */
  public void post(String log, MonitorResult result) throws IOException, InterruptedException {
    StringBuilder b =
        new StringBuilder("countersign monitor ")
            .append(log)
            .append(' ')
            .append(result.status())
            .append(": ")
            .append(result.message())
            .append('\n');
    if (result.evidence().isPresent()) {
      b.append('\n')
          .append(java.nio.file.Files.readString(result.evidence().get(), StandardCharsets.UTF_8));
    }
    HttpResponse<Void> r =
        http.send(
            HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(b.toString(), StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() / 100 != 2) {
      throw new IOException("webhook " + url + " answered HTTP " + r.statusCode());
    }
  }
}
