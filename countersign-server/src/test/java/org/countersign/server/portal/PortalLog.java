package org.countersign.server.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.countersign.fixtures.FakeClock;
import org.countersign.log.Hash;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;
import org.countersign.server.LogServer;
import org.countersign.server.ServerOptions;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.treaty.statement.Declaration;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.Dispute;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.countersign.treaty.statement.Withdrawal;

/**
 * A real log server on an ephemeral loopback port and a temporary data directory, holding a few
 * signed statements of two parties: registrations, a small declaration and some plain notices.
 */
final class PortalLog implements AutoCloseable {
  static final String TREATY = "new-start";
  static final String DECLARED_ITEM = "ICBM-0042";

  final FakeClock clock;
  final LogServer server;

  /** The logged entries (signed notes), by index. */
  final List<String> entries = new ArrayList<>();

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private PortalLog(LogServer server, FakeClock clock) {
    this.server = server;
    this.clock = clock;
  }

  /** Starts the server and logs six statements: two registrations, a declaration, three notices. */
  static PortalLog start(Path dataDir) throws Exception {
    PortalLog log = start(dataDir, b -> b.treatyId(TREATY));
    try {
      log.fill();
    } catch (Exception | AssertionError e) {
      log.close();
      throw e;
    }
    return log;
  }

  /**
   * Starts a server that keeps the compliance report of the built-in New START treaty, and logs the
   * two parties' key registrations.
   */
  static PortalLog startWithTreaty(Path dataDir) throws Exception {
    Treaty treaty = TreatyLoader.builtIn(TREATY);
    PortalLog log = start(dataDir, b -> b.treaty(treaty));
    try {
      log.register();
    } catch (Exception | AssertionError e) {
      log.close();
      throw e;
    }
    return log;
  }

  /**
   * A New START server where the United States declares three deployed and two non-deployed ICBMs
   * (one warhead each) and Russia disputes the two: it reads them as deployed, so the report gives
   * the United States' totals under both readings.
   */
  static PortalLog startWithDispute(Path dataDir) throws Exception {
    PortalLog log = startWithTreaty(dataDir);
    try {
      List<DeclaredItem> items = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        items.add(
            new DeclaredItem(
                "ICBM-01" + i,
                "icbm",
                i < 3 ? "deployed" : "non-deployed",
                "site-a",
                "",
                Map.of("warheads", 1L)));
      }
      LocalDate asOf = LocalDate.ofInstant(log.clock.instant(), java.time.ZoneOffset.UTC);
      log.submit(new Declaration(TREATY, "US", log.clock.instant(), asOf, 1, 1, items), key("US"));
      log.submit(
          new Dispute(
              TREATY,
              "RU",
              log.clock.instant(),
              "US",
              List.of("ICBM-013", "ICBM-014"),
              "non-deployed",
              "deployed",
              Map.of(),
              "the two silos at site-a were loaded when the declaration was made"),
          key("RU"));
    } catch (Exception | AssertionError e) {
      log.close();
      throw e;
    }
    return log;
  }

  private static PortalLog start(Path dataDir, UnaryOperator<ServerOptions.Builder> treaty)
      throws Exception {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(7L);
    FakeClock clock = FakeClock.atDefaultStart();
    ServerOptions options =
        treaty
            .apply(ServerOptions.builder())
            .dataDir(dataDir)
            .port(0)
            .clock(clock)
            .batchMaxDelay(Duration.ofMillis(5))
            .random(random)
            .firstKeys(
                FirstKeys.of(
                    Map.of(
                        "US", VerifierKey.parse(key("US").verifierKey()),
                        "RU", VerifierKey.parse(key("RU").verifierKey()))))
            .build();
    return new PortalLog(LogServer.start(options), clock);
  }

  /**
   * Starts a second server that signs with the log key of {@code other} (copied into {@code
   * dataDir}) and logs the same six statements: the same origin and key, so that whatever the two
   * log next differs, as a log that forks its history would.
   */
  static PortalLog startWithKeyOf(Path dataDir, Path otherDataDir) throws Exception {
    java.nio.file.Files.copy(otherDataDir.resolve("log.key"), dataDir.resolve("log.key"));
    return start(dataDir);
  }

  /** Logs one more withdrawal notice by RU with {@code text}, waiting for its integration. */
  void notice(String text) throws IOException, InterruptedException {
    submit(new Withdrawal(TREATY, "RU", clock.instant(), text), key("RU"));
  }

  private void register() throws IOException, InterruptedException {
    SignerKey us = key("US");
    SignerKey ru = key("RU");
    submit(new PartyKeyRegistration(TREATY, "US", clock.instant(), us.verifierKey()), us);
    submit(new PartyKeyRegistration(TREATY, "RU", clock.instant(), ru.verifierKey()), ru);
  }

  private void fill() throws IOException, InterruptedException {
    register();
    SignerKey us = key("US");
    SignerKey ru = key("RU");
    List<DeclaredItem> items =
        List.of(
            new DeclaredItem(
                DECLARED_ITEM, "icbm", "deployed", "site-a", "", Map.of("warheads", 1L)),
            new DeclaredItem("ICBM-0043", "icbm", "non-deployed", "site-b", "", Map.of()));
    LocalDate asOf = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    submit(new Declaration(TREATY, "US", clock.instant(), asOf, 1, 1, items), us);
    for (int i = 1; i <= 3; i++) {
      boolean byUs = i % 2 == 0;
      submit(
          new Withdrawal(TREATY, byUs ? "US" : "RU", clock.instant(), "notice " + i),
          byUs ? us : ru);
    }
  }

  private static SignerKey key(String party) {
    byte[] seed = Hash.sha256(("portal-test/" + party).getBytes(StandardCharsets.UTF_8)).bytes();
    return SignerKey.fromSeed("party.test/" + party.toLowerCase(java.util.Locale.ROOT), seed);
  }

  /** Signs and submits, waiting for integration; the entry must land at the next index. */
  private void submit(Statement statement, SignerKey key) throws IOException, InterruptedException {
    String note =
        Note.sign(StatementCodec.encodeText(statement, "countersign.local/new-start"), key);
    HttpRequest req =
        HttpRequest.newBuilder(server.url().resolve("api/v1/statements"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(note, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new AssertionError("submission refused (" + r.statusCode() + "): " + r.body());
    }
    JsonNode answer = new ObjectMapper().readTree(r.body());
    if (answer.get("index").asLong() != entries.size()) {
      throw new AssertionError("expected index " + entries.size() + ", got " + r.body());
    }
    entries.add(note);
  }

  URI url() {
    return server.url();
  }

  /** GET, as the portal's browser would. */
  HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET with the answer's bytes as they come (a compressed body stays compressed). */
  HttpResponse<byte[]> getBytes(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Override
  public void close() {
    server.stop();
  }
}
