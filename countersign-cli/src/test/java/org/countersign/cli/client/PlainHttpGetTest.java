package org.countersign.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class PlainHttpGetTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** A body of {@code n} bytes that differ along its length. */
  private static byte[] body(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + (i >> 8));
    }
    return b;
  }

  /**
   * Serves {@code body} at /x with the JDK's server: with a length, or chunked when {@code
   * chunked}, gzip-encoded when {@code gzip}.
   */
  private static HttpServer serve(byte[] body, boolean chunked, boolean gzip) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/x",
        exchange -> {
          byte[] out = body;
          if (gzip) {
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(z)) {
              g.write(body);
            }
            out = z.toByteArray();
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
          }
          exchange.sendResponseHeaders(200, chunked ? 0 : out.length);
          try (OutputStream o = exchange.getResponseBody()) {
            o.write(out);
          }
        });
    server.start();
    return server;
  }

  private static URI url(HttpServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void get_lengthChunkedOrGzip_readsTheSameBody() throws Exception {
    byte[] expected = body(300_000);
    for (boolean chunked : new boolean[] {false, true}) {
      for (boolean gzip : new boolean[] {false, true}) {
        HttpServer server = serve(expected, chunked, gzip);
        try (PlainHttpGet client = new PlainHttpGet(url(server, "/"), TIMEOUT, TIMEOUT)) {
          for (int i = 0; i < 3; i++) { // the connection is kept and reused
            PlainHttpGet.Answer a = client.get(url(server, "/x"), expected.length);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body()).as("chunked %s, gzip %s", chunked, gzip).isEqualTo(expected);
          }
        } finally {
          server.stop(0);
        }
      }
    }
  }

  @Test
  void get_bodyOverTheCap_throws() throws Exception {
    for (boolean chunked : new boolean[] {false, true}) {
      for (boolean gzip : new boolean[] {false, true}) {
        HttpServer server = serve(body(5_000), chunked, gzip);
        try (PlainHttpGet client = new PlainHttpGet(url(server, "/"), TIMEOUT, TIMEOUT)) {
          assertThatThrownBy(() -> client.get(url(server, "/x"), 4_999))
              .as("chunked %s, gzip %s", chunked, gzip)
              .isInstanceOf(IOException.class)
              .hasMessageContaining("more than 4999 bytes");
          assertThat(client.get(url(server, "/x"), 5_000).body()).hasSize(5_000);
        } finally {
          server.stop(0);
        }
      }
    }
  }

  @Test
  void get_missingPath_givesTheStatusAndBody() throws Exception {
    HttpServer server = serve(body(10), false, false);
    try (PlainHttpGet client = new PlainHttpGet(url(server, "/"), TIMEOUT, TIMEOUT)) {
      PlainHttpGet.Answer a = client.get(url(server, "/nothing-here"), 1000);
      assertThat(a.status()).isEqualTo(404);
    } finally {
      server.stop(0);
    }
  }

  /**
   * A server on a raw socket that answers each connection's first request with {@code answer} and
   * then closes it: a kept-alive connection the client holds goes stale.
   */
  private static final class OneAnswerPerConnection implements AutoCloseable {
    final ServerSocket socket;
    final AtomicInteger connections = new AtomicInteger();
    final Thread thread;

    OneAnswerPerConnection(String answer) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      thread =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket s = socket.accept()) {
                    connections.incrementAndGet();
                    InputStream in = s.getInputStream();
                    List<Integer> last = new ArrayList<>();
                    while (last.size() < 4
                        || !(last.get(last.size() - 4) == '\r'
                            && last.get(last.size() - 3) == '\n'
                            && last.get(last.size() - 2) == '\r'
                            && last.get(last.size() - 1) == '\n')) {
                      int b = in.read();
                      if (b < 0) {
                        break;
                      }
                      last.add(b);
                    }
                    s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    URI url(String path) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void get_keptAliveConnectionClosedByTheServer_sendsAgainOnANewOne() throws Exception {
    try (OneAnswerPerConnection server =
            new OneAnswerPerConnection("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        PlainHttpGet client = new PlainHttpGet(server.url("/"), TIMEOUT, TIMEOUT)) {
      for (int i = 0; i < 3; i++) {
        assertThat(client.get(server.url("/x"), 100).body())
            .isEqualTo("ok".getBytes(StandardCharsets.UTF_8));
      }
      assertThat(server.connections.get()).isEqualTo(3);
    }
  }

  @Test
  void get_answerFramedByTheConnectionsEnd_readsToTheEnd() throws Exception {
    try (OneAnswerPerConnection server =
            new OneAnswerPerConnection(
                "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end");
        PlainHttpGet client = new PlainHttpGet(server.url("/"), TIMEOUT, TIMEOUT)) {
      assertThat(new String(client.get(server.url("/x"), 100).body(), StandardCharsets.UTF_8))
          .isEqualTo("until the end");
    }
  }

  @Test
  void get_malformedAnswers_throw() throws Exception {
    String[] bad = {
      "HTTQ/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
      "HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nok\r\n0\r\n\r\n",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX\r\n0\r\n\r\n",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 0\r\n\r\n",
      "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
    };
    for (String answer : bad) {
      try (OneAnswerPerConnection server = new OneAnswerPerConnection(answer);
          PlainHttpGet client = new PlainHttpGet(server.url("/"), TIMEOUT, TIMEOUT)) {
        assertThatThrownBy(() -> client.get(server.url("/x"), 100))
            .as(answer)
            .isInstanceOf(IOException.class);
      }
    }
  }

  @Test
  void get_nothingListening_saysSo() throws Exception {
    URI url;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      url = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/");
    }
    try (PlainHttpGet client = new PlainHttpGet(url, TIMEOUT, TIMEOUT)) {
      assertThatThrownBy(() -> client.get(url.resolve("x"), 100))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("is the server running?");
    }
  }

  /** Reads {@code answer} as the client reads a server's answer, with a cap of 100 bytes. */
  private static PlainHttpGet.Read read(String answer) throws IOException {
    java.io.ByteArrayInputStream in =
        new java.io.ByteArrayInputStream(answer.getBytes(StandardCharsets.ISO_8859_1));
    return PlainHttpGet.read(in, in.read(), URI.create("http://127.0.0.1:1/x"), 100);
  }

  @Test
  void read_chunkSizeThatOverflowsTheTotal_isOverTheCap() {
    // 2 + 0x7fffffffffffffff overflows a long: the cap must still hold.
    String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    assertThatThrownBy(() -> read(chunked + "2\r\nok\r\n7fffffffffffffff\r\n"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("more than 100 bytes");
  }

  @Test
  void read_signedStatusOrChunkSize_isMalformed() throws IOException {
    assertThat(read("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok").answer().status())
        .isEqualTo(200);
    assertThatThrownBy(() -> read("HTTP/1.1 +20 OK\r\nContent-Length: 2\r\n\r\nok"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not an HTTP status");
    assertThatThrownBy(() -> read("HTTP/1.1 099 OK\r\nContent-Length: 2\r\n\r\nok"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not an HTTP status");
    assertThatThrownBy(
            () ->
                read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n+2\r\nok\r\n0\r\n\r\n"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("malformed chunk size");
  }
}
