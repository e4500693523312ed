package org.countersign.witness.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.countersign.log.merkle.NodeId;
import org.countersign.log.tile.EntryBundle;
import org.countersign.log.tile.EntryBundleId;
import org.countersign.log.tile.TileId;
import org.countersign.testing.TestLog;

/**
 * A C2SP tlog-tiles log on loopback, serving {@code /checkpoint}, hash tiles and entry bundles of
 * whatever {@link TestLog} and checkpoint note it is told to serve, so a test can make it fork.
 */
public final class FakeTileLog implements AutoCloseable {
  private final HttpServer server;
  private volatile TestLog log;
  private volatile String checkpoint = "";

  public FakeTileLog(TestLog log) throws IOException {
    this.log = log;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** Serves {@code l}'s tiles and its checkpoint (cosigned note given) from now on. */
  public void serve(TestLog l, String note) {
    log = l;
    checkpoint = note;
  }

  private void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath().substring(1);
    byte[] body;
    try {
      if (path.equals("checkpoint")) {
        body = checkpoint.getBytes(StandardCharsets.UTF_8);
      } else if (path.startsWith("tile/entries/")) {
        EntryBundleId id = EntryBundleId.parse(path);
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < id.width(); i++) {
          entries.add(log.entry(id.index() * 256 + i));
        }
        body = EntryBundle.encode(entries);
      } else {
        TileId id = TileId.parse(path);
        body = new byte[id.width() * 32];
        for (int i = 0; i < id.width(); i++) {
          log.tree().node(new NodeId(8 * id.level(), id.index() * 256 + i)).copyTo(body, i * 32);
        }
      }
    } catch (Exception e) {
      x.sendResponseHeaders(404, -1);
      x.close();
      return;
    }
    x.sendResponseHeaders(200, body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
