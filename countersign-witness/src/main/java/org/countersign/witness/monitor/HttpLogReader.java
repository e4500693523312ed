package org.countersign.witness.monitor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.countersign.log.tile.EntryBundle;
import org.countersign.log.tile.TileFetcher;

/**
 * Reads a C2SP tlog-tiles log over HTTP: its checkpoint and, as a {@link TileFetcher}, its tiles
 * and entry bundles (gzip-decoded where the server says so). Nothing it returns is trusted; the
 * caller verifies everything.
 */
public final class HttpLogReader implements TileFetcher {
  /** Cap on any one resource: the largest entry bundle, with room to spare. */
  static final int MAX_RESOURCE_BYTES = EntryBundle.MAX_BUNDLE_SIZE + 1024;

  private final URI prefix;
  private final HttpClient http;
  private final Duration timeout;

  public HttpLogReader(URI prefix, HttpClient http, Duration timeout) {
    String s = prefix.toString();
    this.prefix = URI.create(s.endsWith("/") ? s : s + "/");
    this.http = http;
    this.timeout = timeout;
  }

  /** The log's current checkpoint note, as served. */
  public String checkpoint() throws IOException {
    return new String(fetch("checkpoint"), StandardCharsets.UTF_8);
  }

  @Override
  public byte[] fetch(String path) throws IOException {
    URI uri = prefix.resolve(path);
    HttpResponse<byte[]> r;
    try {
      r =
          http.send(
              HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted fetching " + uri, e);
    }
    if (r.statusCode() != 200) {
      throw new IOException("GET " + uri + ": HTTP " + r.statusCode());
    }
    byte[] body = r.body();
    if (r.headers()
        .firstValue("Content-Encoding")
        .filter(e -> e.equalsIgnoreCase("gzip"))
        .isPresent()) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        body = in.readNBytes(MAX_RESOURCE_BYTES + 1);
      }
    }
    if (body.length > MAX_RESOURCE_BYTES) {
      throw new IOException("GET " + uri + ": more than " + MAX_RESOURCE_BYTES + " bytes");
    }
    return body;
  }

  @Override
  public String toString() {
    return "HttpLogReader[" + prefix + "]";
  }
}
