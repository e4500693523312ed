package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.countersign.cli.client.LogHttpClient;
import org.countersign.cli.client.Submission;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.server.LogServer;
import org.countersign.server.ServerOptions;
import org.countersign.server.key.LogKeyFile;
import org.countersign.testing.TestKeys;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.treaty.statement.LaunchNotification;
import org.countersign.treaty.statement.StatementCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit and audit against a real LogServer on an ephemeral port, then against a proxy that serves
 * doctored tiles, bundles and checkpoints. Tests run in order on one growing log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubmitAuditEndToEndTest {
  private Path dir;
  private LogServer server;
  private String url;
  private String vkey;
  private Path usKey;
  private String usVkey;
  private Path firstKeys;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    dir = tmp;
    usKey = dir.resolve("us.key");
    usVkey =
        CliRun.run("", "keygen", "--name", "party.test/us", "--out", usKey.toString())
            .out()
            .strip();
    // The key ceremony: the United States' key is agreed outside the log before the log starts.
    String ruVkey =
        CliRun.run(
                "", "keygen", "--name", "party.test/ru", "--out", dir.resolve("ru.key").toString())
            .out()
            .strip();
    firstKeys = dir.resolve("first-keys.txt");
    Files.writeString(firstKeys, FirstKeys.HEADER + "\nUS " + usVkey + "\nRU " + ruVkey + "\n");
    server =
        LogServer.start(
            ServerOptions.builder()
                .dataDir(dir.resolve("log"))
                .port(0)
                .treatyId("new-start")
                .batchMaxDelay(Duration.ofMillis(5))
                .firstKeys(FirstKeys.parse(Files.readAllBytes(firstKeys)))
                .build());
    url = server.url().toString();
    vkey = server.verifierKey();
  }

  @AfterAll
  void stop() {
    server.stop();
  }

  private Path json(String name, String body) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, body);
    return f;
  }

  private CliRun audit(String... extra) {
    List<String> args = new ArrayList<>(List.of("audit", "--server", url, "--vkey", vkey));
    args.addAll(List.of(extra));
    return CliRun.run("", args.toArray(String[]::new));
  }

  @Test
  @Order(1)
  void submit_registrationThenDeclaration_printsIndexAndVerifiesReceipt() throws Exception {
    Path reg =
        json(
            "reg.json",
            "{\n  \"kind\": \"party-key-registration\",\n  \"treaty\": \"new-start\",\n"
                + "  \"author\": \"US\",\n  \"verifierKey\": \""
                + usVkey
                + "\"\n}\n");
    CliRun r =
        CliRun.run(
            "",
            "submit",
            "--server",
            url,
            "--key",
            usKey.toString(),
            "--log-vkey",
            vkey,
            reg.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("index 0\n");
    assertThat(r.err())
        .contains(
            "receipt "
                + dir.resolve("reg.receipt")
                + " verified: entry 0 is in countersign.local/new-start");
    CliRun proof =
        CliRun.run(
            "",
            "proof",
            "verify",
            "receipt",
            "--receipt",
            dir.resolve("reg.receipt").toString(),
            "--vkey",
            vkey,
            "--entry",
            dir.resolve("reg.note").toString());
    assertThat(proof.exitCode()).as(proof.err()).isZero();

    Path update =
        json(
            "update.json",
            "{\"kind\":\"data-exchange-update\",\"treaty\":\"new-start\",\"author\":\"US\","
                + "\"asOf\":\"2023-03-01\",\"totals\":{\"deployed-warheads\":1419,\"deployed-launchers\":662}}");
    CliRun second =
        CliRun.run(
            "",
            "submit",
            "--server",
            url,
            "--key",
            usKey.toString(),
            update.toString(),
            "--receipt-out",
            dir.resolve("u.tlog-proof").toString());
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).isEqualTo("index 1\n");
    assertThat(second.err())
        .contains("warning: trusting the log key the server states (trust on first use): " + vkey);
    assertThat(dir.resolve("u.tlog-proof")).exists();
  }

  @Test
  @Order(2)
  void submit_refusedOrExistingReceipt_failsWithServerReason() throws Exception {
    Path ru =
        json(
            "ru.json",
            "{\"kind\":\"suspension\",\"treaty\":\"new-start\",\"author\":\"RU\","
                + "\"effective\":\"2023-02-21\",\"reason\":\"test\"}");
    CliRun refused =
        CliRun.run(
            "",
            "submit",
            "--server",
            url,
            "--key",
            usKey.toString(),
            "--log-vkey",
            vkey,
            ru.toString());
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.REFUSED);
    assertThat(refused.err())
        .contains("countersign: the server refused the suspension: unknown-author: ");
    assertThat(dir.resolve("ru.note")).doesNotExist(); // refused: nothing logged, nothing kept
    assertThat(dir.resolve("ru.receipt")).doesNotExist();

    Path stale =
        json(
            "stale.json",
            "{\"kind\":\"suspension\",\"treaty\":\"new-start\",\"author\":\"US\","
                + "\"issuedAt\":\"2020-01-01T00:00:00Z\",\"effective\":\"2020-01-01\",\"reason\":\"test\"}");
    CliRun old =
        CliRun.run(
            "",
            "submit",
            "--server",
            url,
            "--key",
            usKey.toString(),
            "--log-vkey",
            vkey,
            stale.toString());
    assertThat(old.exitCode()).isEqualTo(ExitCodes.REFUSED);
    assertThat(old.err()).contains(": stale: ");

    CliRun again =
        CliRun.run(
            "",
            "submit",
            "--server",
            url,
            "--key",
            usKey.toString(),
            "--log-vkey",
            vkey,
            dir.resolve("reg.json").toString());
    assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(again.err()).contains("reg.receipt exists");

    // Issue 13 finding 4: a stranger who reaches the API registers its own key as Russia's first
    // key before Russia does. It signs with that key (proof of possession), which proves nothing:
    // the log admits only the key agreed outside the log.
    Path strangerKey = dir.resolve("stranger.key");
    String strangerVkey =
        CliRun.run("", "keygen", "--name", "party.test/ru", "--out", strangerKey.toString())
            .out()
            .strip();
    Path grab =
        json(
            "grab.json",
            "{\"kind\":\"party-key-registration\",\"treaty\":\"new-start\",\"author\":\"RU\","
                + "\"verifierKey\":\""
                + strangerVkey
                + "\"}");
    CliRun grabbed =
        CliRun.run(
            "",
            "submit",
            "--server",
            url,
            "--key",
            strangerKey.toString(),
            "--log-vkey",
            vkey,
            grab.toString());
    assertThat(grabbed.exitCode()).as(grabbed.err()).isEqualTo(ExitCodes.REFUSED);
    assertThat(grabbed.err())
        .contains("first-key-not-agreed: ")
        .contains("the key agreed outside the log");
    assertThat(dir.resolve("grab.receipt")).doesNotExist();

    // A statement file addressed to another log is refused before anything is signed.
    Path elsewhere =
        json(
            "elsewhere.json",
            "{\"kind\":\"suspension\",\"treaty\":\"new-start\",\"author\":\"US\","
                + "\"origin\":\"example.org/other-log\","
                + "\"effective\":\"2023-02-21\",\"reason\":\"test\"}");
    CliRun misaddressed =
        CliRun.run(
            "",
            "submit",
            "--server",
            url,
            "--key",
            usKey.toString(),
            "--log-vkey",
            vkey,
            elsewhere.toString());
    assertThat(misaddressed.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(misaddressed.err())
        .contains("addressed to the log \"example.org/other-log\"")
        .contains("countersign.local/new-start");
    assertThat(dir.resolve("elsewhere.note")).doesNotExist();

    Path bad =
        json("bad.json", "{\"kind\":\"suspension\",\"treaty\":\"new-start\",\"author\":\"US\"}");
    CliRun invalid =
        CliRun.run("", "submit", "--server", url, "--key", usKey.toString(), bad.toString());
    assertThat(invalid.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(invalid.err()).contains("suspension: ");
  }

  @Test
  @Order(3)
  void audit_smallLog_passesAndSavesCheckpoint() throws Exception {
    Path saved = dir.resolve("seen.checkpoint");
    CliRun unchecked = audit();
    assertThat(unchecked.exitCode()).as(unchecked.err()).isZero();
    assertThat(unchecked.out()).contains("NOT checked against agreed keys (no --first-keys)");
    assertThat(unchecked.err()).contains("first keys NOT checked");
    CliRun r = audit("--save-checkpoint", saved.toString(), "--first-keys", firstKeys.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("each the key agreed outside the log (first-keys file sha256 ");
    assertThat(r.out())
        .contains("checkpoint   size 2, root ")
        .contains("entries      2, each matching its leaf hash")
        .contains(
            "statements   2 decoded in canonical form for treaty new-start: data-exchange-update 1,"
                + " party-key-registration 1")
        .contains("signatures   2 verified")
        .endsWith("audit passed\n");
    assertThat(Files.readString(saved)).startsWith("countersign.local/new-start\n2\n");
  }

  @Test
  @Order(4)
  void audit_sinceAfterGrowthToSeveralTiles_provesConsistency() throws Exception {
    // 520 more entries: two full level-0 tiles, a partial one, and a level-1 tile.
    SignerKey us = SignerKey.parse(Files.readString(usKey).strip());
    LogHttpClient client = LogHttpClient.of(server.url());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Submission>> done = new ArrayList<>();
      for (int i = 0; i < 520; i++) {
        LaunchNotification n =
            new LaunchNotification(
                "new-start",
                "US",
                now,
                "L-" + i,
                "icbm",
                "",
                now.plus(Duration.ofDays(2)),
                "Vandenberg",
                "Kwajalein");
        byte[] note =
            Note.sign(StatementCodec.encodeText(n, "countersign.local/new-start"), us)
                .getBytes(StandardCharsets.UTF_8);
        done.add(pool.submit(() -> client.submit(note)));
      }
      for (Future<Submission> f : done) {
        assertThat(f.get().duplicate()).isFalse();
      }
    } finally {
      pool.shutdownNow();
    }
    CliRun r =
        audit(
            "--since",
            dir.resolve("seen.checkpoint").toString(),
            "--save-checkpoint",
            dir.resolve("seen522.checkpoint").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("consistency  the checkpoint of size 2 (root ")
        .contains("consistency proof of ")
        .contains("entries      522,")
        .contains("launch-notification 520")
        .contains("hash tile(s) (2 partial) and 3 entry bundle(s)");
    CliRun same = audit("--since", dir.resolve("seen522.checkpoint").toString());
    assertThat(same.exitCode()).as(same.err()).isZero();
    assertThat(same.out()).contains("(same size, same root)");
  }

  @Test
  @Order(5)
  void audit_forkedOrForeignSinceCheckpoint_fails() throws Exception {
    SignerKey logKey = LogKeyFile.load(dir.resolve("log").resolve("log.key"), server.origin());
    Path fork = dir.resolve("fork.checkpoint");
    Files.writeString(
        fork, new Checkpoint(server.origin(), 2, Hash.sha256(new byte[] {1})).sign(logKey));
    Path evidence = dir.resolve("evidence");
    CliRun forked = audit("--since", fork.toString(), "--evidence-dir", evidence.toString());
    assertThat(forked.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(forked.err())
        .startsWith(
            "countersign: audit FAILED: NOT CONSISTENT: the older checkpoint (size 2, root ")
        .contains("; evidence written to " + evidence.resolve("split-view-"));
    // The file is the witness module's split-view evidence, and it proves the fork offline.
    Path written;
    try (var files = Files.list(evidence)) {
      written =
          files
              .filter(f -> f.getFileName().toString().startsWith("split-view-"))
              .findFirst()
              .orElseThrow();
    }
    CliRun proven = CliRun.run("", "evidence", "verify", written.toString(), "--vkey", vkey);
    assertThat(proven.exitCode()).as(proven.err()).isZero();
    assertThat(proven.out()).startsWith("PROVEN: split view");

    Path future = dir.resolve("future.checkpoint");
    Files.writeString(
        future, new Checkpoint(server.origin(), 10_000, Hash.sha256(new byte[] {2})).sign(logKey));
    CliRun rolledBack = audit("--since", future.toString(), "--evidence-dir", evidence.toString());
    assertThat(rolledBack.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(rolledBack.err())
        .contains("smaller than one it signed before")
        .contains("; evidence written to " + evidence.resolve("rollback-"));

    SignerKey other = TestKeys.signer(server.origin(), "not the log");
    Path foreign = dir.resolve("foreign.checkpoint");
    Files.writeString(foreign, new Checkpoint(server.origin(), 2, Hash.EMPTY).sign(other));
    CliRun notOurs = audit("--since", foreign.toString());
    assertThat(notOurs.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(notOurs.err()).contains("is not a checkpoint of this log");
  }

  @Test
  @Order(6)
  void audit_throughTamperingProxy_failsNamingTheTileOrEntry() throws Exception {
    try (TamperingProxy proxy = new TamperingProxy(server.url())) {
      String[] base = {"audit", "--server", proxy.url(), "--vkey", vkey};

      proxy.flipBit("tile/0/001", 100);
      CliRun fullTile = CliRun.run("", base);
      assertThat(fullTile.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
      assertThat(fullTile.err())
          .startsWith("countersign: audit FAILED: ")
          .contains("tile/0/001 hashes to ")
          .contains("but the verified tile tile/1/000.p/2 says");

      proxy.flipBit("tile/0/002.p/10", 5);
      CliRun partial = CliRun.run("", base);
      assertThat(partial.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
      assertThat(partial.err()).contains("the partial tiles of tree size 522 give root");

      proxy.flipBit("tile/entries/001", 400);
      CliRun bundle = CliRun.run("", base);
      assertThat(bundle.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
      assertThat(bundle.err())
          .contains("in tile/entries/001 has leaf hash")
          .contains("but the verified tile tile/0/001 says");

      proxy.tamper(
          "checkpoint",
          b ->
              new String(b, StandardCharsets.UTF_8)
                  .replace("\n522\n", "\n521\n")
                  .getBytes(StandardCharsets.UTF_8));
      CliRun checkpoint = CliRun.run("", base);
      assertThat(checkpoint.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
      assertThat(checkpoint.err())
          .startsWith("countersign: the server's checkpoint does not verify: ");

      proxy.tamper("tile/0/000", b -> new byte[0]);
      CliRun truncated = CliRun.run("", base);
      assertThat(truncated.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
      assertThat(truncated.err()).contains("tile/0/000 has 0 bytes, expected 8192");

      proxy.tamper("nothing", b -> b);
      CliRun clean = CliRun.run("", base);
      assertThat(clean.exitCode()).as(clean.err()).isZero();
    }
  }

  @Test
  @Order(7)
  void audit_serverDownOrBadArguments_exitCodes() throws Exception {
    CliRun down = CliRun.run("", "audit", "--server", "http://127.0.0.1:1", "--vkey", vkey);
    assertThat(down.exitCode()).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(down.err()).contains("cannot connect");
    CliRun badUrl = CliRun.run("", "audit", "--server", "ftp://x", "--vkey", vkey);
    assertThat(badUrl.exitCode()).isEqualTo(ExitCodes.USAGE);
    CliRun badKey = CliRun.run("", "audit", "--server", url, "--vkey", "nope");
    assertThat(badKey.exitCode()).isEqualTo(ExitCodes.USAGE);
    SignerKey other = TestKeys.signer(server.origin(), "not the log");
    CliRun wrongKey = CliRun.run("", "audit", "--server", url, "--vkey", other.verifierKey());
    assertThat(wrongKey.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
  }

  @Test
  @Order(8)
  void audit_witnessPolicy_requiresCosignaturesTheLogLacks() throws Exception {
    SignerKey witness = TestKeys.witness("witness.test/w");
    var cosigner =
        new org.countersign.log.checkpoint.CosignatureSigner(
            witness, java.time.InstantSource.system());
    Path strict =
        json(
            "strict.policy",
            "log " + vkey + "\nwitness w " + cosigner.verifierKey() + "\nquorum w\n");
    CliRun r = audit("--witness-policy", strict.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(r.err()).contains("does not satisfy the witness policy");
    Path none = json("none.policy", "log " + vkey + "\nquorum none\n");
    CliRun ok = audit("--witness-policy", none.toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("witnesses    witness policy satisfied");
  }
}
