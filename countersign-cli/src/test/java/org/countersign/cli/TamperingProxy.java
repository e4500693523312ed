package org.countersign.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.UnaryOperator;

/**
 * A read-only HTTP proxy in front of a real log server that rewrites the bodies of chosen paths: a
 * log operator (or a network attacker) serving doctored tiles, bundles or checkpoints.
 */
final class TamperingProxy implements AutoCloseable {
  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private volatile String target = "";
  private volatile UnaryOperator<byte[]> rewrite = b -> b;

  TamperingProxy(URI upstream) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            HttpResponse<byte[]> up;
            try {
              up =
                  client.send(
                      HttpRequest.newBuilder(upstream.resolve(path.substring(1))).GET().build(),
                      HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IOException(e);
            }
            byte[] body =
                path.substring(1).equals(target) ? rewrite.apply(up.body().clone()) : up.body();
            up.headers()
                .firstValue("Content-Type")
                .ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
            exchange.sendResponseHeaders(up.statusCode(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
  }

  /** Rewrites the body served for {@code path} (relative, e.g. {@code tile/0/000.p/7}). */
  void tamper(String path, UnaryOperator<byte[]> change) {
    this.rewrite = change;
    this.target = path;
  }

  /** Flips one bit of the body served for {@code path}. */
  void flipBit(String path, int byteIndex) {
    tamper(
        path,
        b -> {
          b[byteIndex] ^= 1;
          return b;
        });
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
