package org.countersign.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.log.tile.EntryBundle;
import org.countersign.log.tile.EntryBundleId;
import org.countersign.log.tile.Integration;
import org.countersign.log.tile.TileId;
import org.countersign.log.tile.TileIntegrator;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.DataExchangeUpdate;
import org.countersign.treaty.statement.Declaration;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * The training run of {@code audit}'s ahead-of-time cache: the real {@code audit} command, run on a
 * small log made up in memory and served on the loopback interface, its output discarded.
 *
 * <p>Why: the JDK's cache keeps the classes a training run loaded and linked, so a cache trained on
 * {@code audit --help} leaves every class of the audit's real work (HTTP, tiles, statement
 * decoding, signature checks) to be loaded on each run. The launcher runs this class once per jar,
 * in the background, in place of {@code audit --help} (see {@code ./countersign}). It writes no
 * file, reaches nothing but 127.0.0.1, and its keys are fixed and public: the log it audits proves
 * nothing to anyone. The statements have the shapes of a treaty log's usual ones (key
 * registrations, change notifications, declarations, data exchanges), so decoding exercises the
 * same code.
 */
public final class AuditTraining {
  /** Statements in the training log: enough for every hot path, a second or two of work. */
  static final int STATEMENTS = 1_200;

  private static final String ORIGIN = "training.countersign.invalid/audit";
  private static final String TREATY = "training";

  private AuditTraining() {}

  /**
   * Runs the training audit; {@code --serve N} instead serves a made-up log of N statements on
   * 127.0.0.1 until the process is stopped, printing its URL and log key on one line (a benchmark
   * aid: bench/run-audit-bench-large.sh audits it with both clients).
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length == 2 && args[0].equals("--serve")) {
      serve(Integer.parseInt(args[1]));
      return;
    }
    System.exit(run(STATEMENTS));
  }

  private static void serve(int statements) throws IOException, InterruptedException {
    Log log = Log.build(statements);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", exchange -> serve(log, exchange));
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    System.out.println(
        "http://127.0.0.1:" + server.getAddress().getPort() + " " + log.key.verifierKey());
    System.out.flush();
    Thread.currentThread().join(); // until the process is stopped
  }

  /** Builds and serves the log, audits it, and returns the audit's exit status. */
  static int run(int statements) throws IOException {
    Log log = Log.build(statements);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", exchange -> serve(log, exchange));
    server.start();
    try {
      Main main = new Main(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream());
      CommandLine cli = Main.commandLine(main, "audit");
      cli.setOut(new PrintWriter(Writer.nullWriter()));
      cli.setErr(new PrintWriter(Writer.nullWriter()));
      return cli.execute(
          "audit",
          "--server",
          "http://127.0.0.1:" + server.getAddress().getPort(),
          "--vkey",
          log.key.verifierKey(),
          "-q");
    } finally {
      server.stop(0);
    }
  }

  private static void serve(Log log, HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(1);
      byte[] body = path.equals("checkpoint") ? log.checkpoint() : log.fetch(path);
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /** A tiled log in memory, integrated by the real {@link TileIntegrator}. */
  private static final class Log {
    final SignerKey key = SignerKey.fromSeed(ORIGIN, seed("log"));
    private final Map<TileId, byte[]> tiles = new HashMap<>();
    private final List<byte[]> entries = new ArrayList<>();
    private Hash root = Hash.EMPTY;

    static Log build(int count) throws IOException {
      Log log = new Log();
      Map<String, SignerKey> parties =
          Map.of(
              "US", SignerKey.fromSeed("US.training", seed("US")),
              "RU", SignerKey.fromSeed("RU.training", seed("RU")));
      Instant t0 = Instant.parse("2011-02-01T00:00:00Z");
      List<byte[]> batch = new ArrayList<>();
      for (String party : List.of("RU", "US")) {
        batch.add(
            sign(
                new PartyKeyRegistration(
                    TREATY, party, t0, Objects.requireNonNull(parties.get(party)).verifierKey()),
                parties));
      }
      // Signed on every core: a log of a million statements is made in about a minute.
      List<byte[]> signed =
          IntStream.range(0, count)
              .parallel()
              .mapToObj(i -> sign(statement(i, t0.plus(Duration.ofMinutes(i + 1L))), parties))
              .toList();
      for (byte[] entry : signed) {
        batch.add(entry);
        if (batch.size() >= 4096) {
          log.append(batch);
          batch = new ArrayList<>();
        }
      }
      log.append(batch);
      return log;
    }

    /** Mostly change notifications, some declarations and data exchanges, as a treaty log has. */
    private static Statement statement(int i, Instant at) {
      String author = i % 2 == 0 ? "US" : "RU";
      LocalDate asOf = LocalDate.ofInstant(at, ZoneOffset.UTC);
      if (i % 40 == 0) {
        List<DeclaredItem> items = new ArrayList<>();
        for (int k = 0; k < 24; k++) {
          items.add(
              new DeclaredItem(
                  author + "-" + (k + 1000),
                  k % 3 == 0 ? "icbm" : "slbm",
                  k % 4 == 0 ? "non-deployed" : "deployed",
                  "site-" + (k % 5),
                  "",
                  Map.of("warheads", (long) (k % 4)),
                  ""));
        }
        return new Declaration(TREATY, author, at, asOf, 1, 1, items);
      }
      if (i % 40 == 1) {
        return new DataExchangeUpdate(
            TREATY, author, at, asOf, Map.of("deployed-warheads", 1500L + i, "launchers", 700L));
      }
      return new ChangeNotification(
          TREATY,
          author,
          at,
          i % 3 == 0 ? "deploy" : "move",
          author + "-" + (i % 500 + 1000),
          "icbm",
          at,
          "deployed",
          "site-" + (i % 7),
          "",
          Map.of("warheads", (long) (i % 4)),
          "");
    }

    private static byte[] sign(Statement s, Map<String, SignerKey> parties) {
      return Note.sign(
              StatementCodec.encodeText(s, ORIGIN), Objects.requireNonNull(parties.get(s.author())))
          .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] seed(String who) {
      return Hash.sha256(("countersign audit training " + who).getBytes(StandardCharsets.UTF_8))
          .bytes();
    }

    private void append(List<byte[]> batch) throws IOException {
      List<Hash> leaves = new ArrayList<>(batch.size());
      batch.forEach(e -> leaves.add(Rfc6962.leafHash(e)));
      Integration done =
          TileIntegrator.integrate(
              entries.size(), id -> Optional.ofNullable(tiles.get(id)), leaves);
      tiles.putAll(done.tilesToWrite());
      entries.addAll(batch);
      root = done.newRoot();
    }

    byte[] checkpoint() {
      return new Checkpoint(key.name(), entries.size(), root)
          .sign(key)
          .getBytes(StandardCharsets.UTF_8);
    }

    /** A tile or entry bundle by its path, or null if the log has none there. */
    byte @Nullable [] fetch(String path) {
      try {
        if (path.startsWith("tile/entries/")) {
          EntryBundleId id = EntryBundleId.parse(path);
          int from = (int) (id.index() * TileId.FULL_WIDTH);
          return EntryBundle.encode(entries.subList(from, from + id.width()));
        }
        return tiles.get(TileId.parse(path));
      } catch (MalformedInputException | IndexOutOfBoundsException e) {
        return null;
      }
    }
  }
}
