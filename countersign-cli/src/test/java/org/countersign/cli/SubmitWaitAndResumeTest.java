package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.countersign.log.note.SignerKey;
import org.countersign.server.LogServer;
import org.countersign.server.ServerOptions;
import org.countersign.server.key.LogKeyFile;
import org.countersign.server.witness.WitnessingOptions;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.witness.policy.WitnessPolicy;
import org.countersign.witness.server.WitnessOptions;
import org.countersign.witness.server.WitnessServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, finding 1 and 2: submit against a log whose witness is down says what happened (the
 * signed entry and its identity saved first, the index as soon as assigned, what it waits for), and
 * {@code --resume} finishes the job once the witness is back; a wrong {@code --log-vkey} is found
 * before anything is sent.
 */
class SubmitWaitAndResumeTest {
  @TempDir Path dir;
  private @Nullable LogServer log;
  private @Nullable WitnessServer witness;

  @AfterEach
  void stop() throws Exception {
    if (log != null) {
      log.stop();
    }
    if (witness != null) {
      witness.close();
    }
  }

  private Path registration(String name, String party, String vkey) throws Exception {
    return Files.writeString(
        dir.resolve(name + ".json"),
        "{\"kind\": \"party-key-registration\", \"treaty\": \"new-start\", \"author\": \""
            + party
            + "\", \"verifierKey\": \""
            + vkey
            + "\"}\n");
  }

  private Path partyKey(String name) {
    Path key = dir.resolve(name + ".key");
    CliRun r = CliRun.run("", "keygen", "--name", "party.test/" + name, "--out", key.toString());
    assertThat(r.exitCode()).isZero();
    return key;
  }

  /** The key ceremony's record naming {@code usKey}'s verifier key as the first key of US. */
  private static FirstKeys agreed(Path usKey) throws Exception {
    return FirstKeys.parse(
        (FirstKeys.HEADER + "\nUS " + vkeyOf(usKey) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static String vkeyOf(Path key) {
    return CliRun.run("", "keygen", "--vkey-of", key.toString()).out().strip();
  }

  private CliRun submit(Path statement, String... extra) {
    LogServer started = Objects.requireNonNull(log, "the test starts the log first");
    List<String> args = new ArrayList<>(List.of("submit", "--server", started.url().toString()));
    args.addAll(List.of(extra));
    args.add(statement.toString());
    return CliRun.run("", args.toArray(String[]::new));
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void witnessDown_indexAndWhyShown_thenResumeFetchesTheReceipt() throws Exception {
    String origin = ServerOptions.defaultOrigin("new-start");
    SignerKey logKey =
        LogKeyFile.loadOrCreate(dir.resolve("log").resolve("log.key"), origin, new SecureRandom())
            .key();
    // The witness runs once to make its key and learn its port, then is down until later.
    WitnessOptions witnessOptions =
        WitnessOptions.builder()
            .dataDir(dir.resolve("witness"))
            .port(freePort())
            .log(logKey.publicKey())
            .name("witness.test")
            .build();
    String witnessVkey;
    int port;
    try (WitnessServer once = WitnessServer.start(witnessOptions)) {
      witnessVkey = once.verifierKey();
      port = once.port();
    }
    Path us = partyKey("us");
    String policy =
        "log "
            + logKey.verifierKey()
            + "\nwitness w "
            + witnessVkey
            + " http://127.0.0.1:"
            + port
            + "\nquorum w\n";
    log =
        LogServer.start(
            ServerOptions.builder()
                .dataDir(dir.resolve("log"))
                .port(0)
                .treatyId("new-start")
                .batchMaxDelay(Duration.ofMillis(5))
                .witnessing(
                    WitnessingOptions.of(WitnessPolicy.parse(policy))
                        .withRetry(Duration.ofMillis(100), Duration.ofMillis(500)))
                .firstKeys(agreed(us))
                .build());
    Path statement = registration("reg", "US", vkeyOf(us));

    CliRun waited =
        submit(statement, "--key", us.toString(), "--log-vkey", log.verifierKey(), "--wait", "3");
    assertThat(waited.exitCode()).as(waited.err()).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(waited.out()).isEqualTo("index 0\n");
    assertThat(dir.resolve("reg.note")).exists();
    assertThat(dir.resolve("reg.receipt")).doesNotExist();
    assertThat(waited.err())
        .contains("signed entry saved in " + dir.resolve("reg.note") + " (identity ")
        .contains("entry 0 is sequenced; waiting for a published checkpoint that covers it")
        .contains("the log says degraded: ")
        .contains("the entry is logged at index 0")
        .contains("countersign submit --resume --server " + log.url());
    // Submitting again would sign a second copy: refused, pointing at --resume.
    CliRun again = submit(statement, "--key", us.toString(), "--log-vkey", log.verifierKey());
    assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(again.err()).contains("--resume");

    witness = WitnessServer.start(witnessOptions);
    CliRun resumed = submit(statement, "--resume", "--log-vkey", log.verifierKey(), "--wait", "60");
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.out()).isEqualTo("index 0\n");
    assertThat(resumed.err()).contains("verified: entry 0 is in " + origin);
    assertThat(dir.resolve("reg.receipt")).exists();
  }

  @Test
  void serverUnreachable_nothingSignedOrSaved_thenSubmitWorks() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path us = partyKey("us");
    Path statement = registration("reg", "US", vkeyOf(us));
    CliRun down =
        CliRun.run(
            "",
            "submit",
            "--server",
            "http://127.0.0.1:" + port,
            "--key",
            us.toString(),
            statement.toString());
    assertThat(down.exitCode()).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(dir.resolve("reg.note")).doesNotExist(); // nothing signed before the key check

    log =
        LogServer.start(
            ServerOptions.builder()
                .dataDir(dir.resolve("log"))
                .port(0)
                .treatyId("new-start")
                .batchMaxDelay(Duration.ofMillis(5))
                .firstKeys(agreed(us))
                .build());
    CliRun ok = submit(statement, "--key", us.toString(), "--log-vkey", log.verifierKey());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).isEqualTo("index 0\n");
    CliRun resumedAfterDone = submit(statement, "--resume", "--log-vkey", log.verifierKey());
    assertThat(resumedAfterDone.exitCode()).isEqualTo(ExitCodes.USAGE); // the receipt exists
  }

  @Test
  void wrongLogVkey_foundBeforeAnythingIsSent() throws Exception {
    log =
        LogServer.start(
            ServerOptions.builder()
                .dataDir(dir.resolve("log"))
                .port(0)
                .treatyId("new-start")
                .batchMaxDelay(Duration.ofMillis(5))
                .build());
    SignerKey other =
        SignerKey.generate(ServerOptions.defaultOrigin("new-start"), new SecureRandom());
    Path us = partyKey("us");
    Path statement = registration("reg", "US", vkeyOf(us));
    CliRun r = submit(statement, "--key", us.toString(), "--log-vkey", other.verifierKey());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(r.err())
        .contains("does not sign its checkpoint with --log-vkey")
        .contains("nothing was sent");
    assertThat(dir.resolve("reg.note")).doesNotExist();
    assertThat(log.checkpoint().size()).isZero();
  }
}
