package org.countersign.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A slow peer on demand: an HTTP front on a loopback port that holds every request until {@link
 * #open()} (at most 30 s), then passes it to the server on another loopback port and relays its
 * status, {@code Content-Type} and body. Tests put a witness behind one to make it the last to
 * answer, deterministically.
 */
public final class GatedProxy implements AutoCloseable {
  private static final long HOLD_SECONDS = 30;

  private final CountDownLatch gate = new CountDownLatch(1);
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final HttpServer front;
  private final int target;

  private GatedProxy(int port, int target) throws IOException {
    this.target = target;
    this.front =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    front.setExecutor(threads);
    front.createContext("/", this::pass);
    front.start();
  }

  /** Listens on {@code port}, holding requests for the server on {@code target}. */
  public static GatedProxy start(int port, int target) throws IOException {
    return new GatedProxy(port, target);
  }

  /** Lets the held requests and all later ones through. */
  public void open() {
    gate.countDown();
  }

  private void pass(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      gate.await(HOLD_SECONDS, TimeUnit.SECONDS);
      HttpResponse<byte[]> r =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + target + exchange.getRequestURI()))
                  .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      r.headers()
          .firstValue("Content-Type")
          .ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
      exchange.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
      exchange.getResponseBody().write(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Opens the gate and stops listening. */
  @Override
  public void close() {
    open();
    front.stop(0);
    threads.shutdownNow();
  }
}
