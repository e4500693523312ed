package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.countersign.cli.client.LogHttpClient;
import org.countersign.fixtures.FakeClock;
import org.countersign.log.Hash;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;
import org.countersign.server.LogServer;
import org.countersign.server.ServerOptions;
import org.countersign.treaty.compliance.ComplianceEngine;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.DataExchangeUpdate;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.countersign.treaty.statement.TreatyAdoption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compliance command against a real server: the server's report, an offline replay over HTTP
 * and an offline replay of a mirror print the same bytes for the same prefix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplianceCommandTest {
  static final String AT = "2019-03-20";

  Path dir;
  Treaty treaty;
  FakeClock clock = new FakeClock(Instant.parse("2019-03-20T12:00:00Z"));
  LogServer server;
  String url;
  String vkey;
  Path mirror;
  final List<Statement> logged = new ArrayList<>();

  static SignerKey key(String party) {
    byte[] seed = Hash.sha256(("compliance-cli/" + party).getBytes(StandardCharsets.UTF_8)).bytes();
    return SignerKey.fromSeed("party.test/" + party.toLowerCase(java.util.Locale.ROOT), seed);
  }

  static byte[] sign(Statement s) {
    return Note.sign(StatementCodec.encodeText(s, "countersign.local/new-start"), key(s.author()))
        .getBytes(StandardCharsets.UTF_8);
  }

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    dir = tmp;
    treaty = TreatyLoader.builtIn("new-start");
    server =
        LogServer.start(
            ServerOptions.builder()
                .dataDir(dir.resolve("log"))
                .port(0)
                .treaty(treaty)
                .clock(clock)
                .batchMaxDelay(Duration.ofMillis(5))
                .firstKeys(
                    FirstKeys.of(
                        Map.of(
                            "US", VerifierKey.parse(key("US").verifierKey()),
                            "RU", VerifierKey.parse(key("RU").verifierKey()))))
                .build());
    url = server.url().toString();
    vkey = server.verifierKey();
    LogHttpClient client = LogHttpClient.of(server.url());
    Instant now = clock.instant();
    List<Statement> first = new ArrayList<>();
    for (String p : List.of("US", "RU")) {
      first.add(new PartyKeyRegistration("new-start", p, now, key(p).verifierKey()));
      first.add(new TreatyAdoption("new-start", p, now, treaty.digest()));
      first.add(
          new DataExchangeUpdate(
              "new-start",
              p,
              now,
              LocalDate.parse("2019-03-01"),
              Map.of(
                  "deployed-delivery-vehicles",
                  650L,
                  "deployed-warheads",
                  1400L,
                  "launchers",
                  790L)));
    }
    for (Statement s : first) {
      client.submit(sign(s));
      logged.add(s);
    }
    // Enough new items (300) that the log spans two entry bundles; one US item is notified late.
    List<Statement> items = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String party = i % 2 == 0 ? "US" : "RU";
      Instant effective = i == 0 ? now.minus(Duration.ofDays(9)) : now.minus(Duration.ofDays(1));
      items.add(
          new ChangeNotification(
              "new-start",
              party,
              now,
              "new-item",
              party + "-M-" + i,
              "icbm",
              effective,
              "deployed",
              "base-" + (i % 7),
              "",
              Map.of("warheads", 1L + i % 4)));
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<Future<?>> done = new ArrayList<>();
      for (Statement s : items) {
        done.add(pool.submit(() -> client.submit(sign(s))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    mirror = dir.resolve("mirror");
    CliRun m =
        CliRun.run("", "mirror", "--server", url, "--vkey", vkey, "--out", mirror.toString());
    assertThat(m.exitCode()).as(m.err()).isZero();
  }

  @AfterAll
  void stop() {
    server.stop();
  }

  CliRun run(String... args) {
    return CliRun.run("", args);
  }

  CliRun online(String format, String... extra) {
    List<String> args =
        new ArrayList<>(List.of("compliance", "--server", url, "--at", AT, "--format", format));
    args.addAll(List.of(extra));
    return CliRun.run("", args.toArray(String[]::new));
  }

  CliRun offline(String log, String format, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "compliance",
                "--log",
                log,
                "--treaty",
                "new-start",
                "--vkey",
                vkey,
                "--at",
                AT,
                "--format",
                format,
                "-q"));
    args.addAll(List.of(extra));
    return CliRun.run("", args.toArray(String[]::new));
  }

  @Test
  void compliance_onlineAndOffline_sameBytesInJsonAndText() {
    for (String format : List.of("json", "text")) {
      CliRun server = online(format);
      assertThat(server.exitCode()).as(server.err()).isZero();
      CliRun overHttp = offline(url, format);
      CliRun fromMirror = offline(mirror.toString(), format);
      assertThat(overHttp.exitCode()).as(overHttp.err()).isZero();
      assertThat(fromMirror.exitCode()).as(fromMirror.err()).isZero();
      assertThat(overHttp.out()).isEqualTo(server.out());
      assertThat(fromMirror.out()).isEqualTo(server.out());
    }
    assertThat(online("json").out()).contains("\"entries\":306,").contains("\"lastIndex\":305,");
  }

  @Test
  void compliance_partyView_sameBytesOnlineAndOffline() {
    CliRun server = online("json", "--party", "US");
    CliRun replay = offline(mirror.toString(), "json", "--party", "US");
    assertThat(replay.exitCode()).as(replay.err()).isZero();
    assertThat(replay.out()).isEqualTo(server.out()).doesNotContain("\"party\":\"RU\"");
    // The late notification of US-M-0 is found by both.
    assertThat(server.out()).contains("\"status\":\"late\"").contains("US-M-0");
  }

  @Test
  void compliance_sizePrefix_equalsAFreshReplayOfThatPrefix() throws Exception {
    int prefix = 6;
    CliRun replay = offline(mirror.toString(), "json", "--size", Integer.toString(prefix));
    assertThat(replay.exitCode()).as(replay.err()).isZero();
    ComplianceEngine engine = new ComplianceEngine(treaty);
    for (int i = 0; i < prefix; i++) {
      engine.apply(new LoggedStatement<>(i, logged.get(i)));
    }
    assertThat(replay.out()).isEqualTo(engine.reportAt(LocalDate.parse(AT)).canonicalJson());
    assertThat(replay.out()).contains("\"entries\":6,");
  }

  @Test
  void compliance_offlineHtml_linksEntriesAndProofsOnTheLog() {
    CliRun html = offline(url, "html", "--party", "RU");
    assertThat(html.exitCode()).as(html.err()).isZero();
    assertThat(html.out())
        .startsWith("<!DOCTYPE html>")
        .contains("Russian Federation (RU)")
        .contains("<a href=\"" + url + "api/v1/entries/")
        .contains(url + "api/v1/proofs/inclusion?index=")
        .contains("&amp;size=306\"");
    CliRun fromServer = online("html", "--party", "RU");
    assertThat(fromServer.out())
        .contains("<head>\n<base href=\"" + url + "api/v1/\">\n")
        .contains("<a href=\"entries/");
    CliRun local = offline(mirror.toString(), "html");
    assertThat(local.out()).contains("United States of America (US)").doesNotContain("<a href=");
  }

  @Test
  void mirror_again_reusesFullTilesAndBundles() {
    CliRun again = run("mirror", "--server", url, "--vkey", vkey, "--out", mirror.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out())
        .contains("mirrored 306 entries of countersign.local/new-start")
        .contains(": 3 files downloaded, 2 full tiles and bundles reused");
    assertThat(mirror.resolve("checkpoint")).hasContent(server.checkpoint().note());
  }

  @Test
  void compliance_badInput_nonZeroExitWithMessage() throws Exception {
    CliRun badAt = run("compliance", "--server", url, "--at", "2019-02-30");
    assertThat(badAt.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badAt.err()).contains("--at is not a real calendar date and time: \"2019-02-30\"");

    CliRun badFormat = run("compliance", "--server", url, "--at", AT, "--format", "pdf");
    assertThat(badFormat.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badFormat.err()).contains("--format must be json, text or html, got \"pdf\"");

    CliRun neither = run("compliance", "--at", AT);
    assertThat(neither.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(neither.err()).contains("give either --server URL");

    CliRun noTreaty = run("compliance", "--log", url, "--at", AT);
    assertThat(noTreaty.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noTreaty.err()).contains("--log needs --treaty FILE");

    CliRun tooLong = offline(mirror.toString(), "json", "--size", "307");
    assertThat(tooLong.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(tooLong.err())
        .contains("--size 307 is not within the log's signed tree of size 306");

    CliRun unknownParty = online("json", "--party", "FR");
    assertThat(unknownParty.exitCode()).isEqualTo(ExitCodes.REFUSED);
    assertThat(unknownParty.err())
        .contains("bad-request: party \"FR\" is not a participant of new-start");

    CliRun wrongKey =
        CliRun.run(
            "",
            "compliance",
            "--log",
            mirror.toString(),
            "--treaty",
            "new-start",
            "--vkey",
            key("US").verifierKey(),
            "--at",
            AT);
    assertThat(wrongKey.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(wrongKey.err()).contains("the log's checkpoint does not verify");

    CliRun notAMirror = offline(dir.toString(), "json");
    assertThat(notAMirror.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(notAMirror.err()).contains("is neither an http(s) URL nor a mirror directory");
  }

  @Test
  void compliance_tamperedMirror_failsVerification(@TempDir Path tmp) throws Exception {
    Path copy = tmp.resolve("copy");
    CliRun m = run("mirror", "--server", url, "--vkey", vkey, "--out", copy.toString());
    assertThat(m.exitCode()).as(m.err()).isZero();
    Path bundle = copy.resolve("tile/entries/000");
    byte[] bytes = Files.readAllBytes(bundle);
    int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\"warheads\":1");
    bytes[at + 11] = '4';
    Files.write(bundle, bytes);
    CliRun replay = offline(copy.toString(), "json");
    assertThat(replay.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(replay.err())
        .contains("the log does not verify: entry bundle 0:")
        .contains("leaf hash");
  }
}
