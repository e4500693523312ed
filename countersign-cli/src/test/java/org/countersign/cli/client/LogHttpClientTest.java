package org.countersign.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

class LogHttpClientTest {
  private static final byte[] NOTE = "example.org/log\n1\nAAAA\n".getBytes(StandardCharsets.UTF_8);

  /** The JDK client's selector threads alive now. */
  private static Set<Thread> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(
            t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("SelectorManager"))
        .collect(Collectors.toSet());
  }

  /** Serves {@link #NOTE} at /checkpoint and echoes a POST to /echo. */
  private static HttpServer server() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/checkpoint",
        exchange -> {
          exchange.sendResponseHeaders(200, NOTE.length);
          exchange.getResponseBody().write(NOTE);
          exchange.close();
        });
    server.createContext(
        "/echo",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }

  @Test
  void checkpoint_plainHttp_startsNoJdkClient() throws Exception {
    HttpServer server = server();
    try {
      Set<Thread> before = selectorThreads();
      try (LogHttpClient client =
          LogHttpClient.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))) {
        assertThat(client.checkpoint()).isEqualTo(new String(NOTE, StandardCharsets.UTF_8));
        Set<Thread> started = selectorThreads();
        started.removeAll(before);
        assertThat(started).isEmpty();
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void close_afterAPost_endsTheSelectorThread() throws Exception {
    HttpServer server = server();
    try {
      Set<Thread> before = selectorThreads();
      LogHttpClient client =
          LogHttpClient.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
      byte[] body = "treaty: x\n".getBytes(StandardCharsets.UTF_8);
      assertThat(client.post("echo", body)).isEqualTo(body);
      Set<Thread> mine = selectorThreads();
      mine.removeAll(before);
      assertThat(mine).hasSize(1);

      client.close();

      // A thread left waiting in the kernel holds the JVM's exit up to 0.3 s.
      assertThat(mine).noneMatch(Thread::isAlive);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void checkpoint_httpsUrl_speaksTls() throws Exception {
    // A plain-http client's TLS context refuses every use; an https one must still speak TLS, so
    // a plain-http answer to its handshake fails as TLS.
    try (ServerSocket plain = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread answer =
          new Thread(
              () -> {
                try (Socket s = plain.accept()) {
                  // Reads the client's first bytes (its TLS hello), answers in plain HTTP, then
                  // waits for the client to give up, so that the answer is what it reads.
                  InputStream in = s.getInputStream();
                  if (in.read() >= 0) {
                    s.getOutputStream()
                        .write(
                            "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    while (in.read() >= 0) {
                      // until the client closes
                    }
                  }
                } catch (IOException e) {
                  // the test fails on the client's side if this does not answer
                }
              });
      answer.setDaemon(true);
      answer.start();
      try (LogHttpClient client =
          new LogHttpClient(
              URI.create("https://127.0.0.1:" + plain.getLocalPort()),
              Duration.ofSeconds(20),
              Duration.ofSeconds(20))) {
        assertThatThrownBy(client::checkpoint).isInstanceOf(SSLException.class);
      }
    }
  }
}
