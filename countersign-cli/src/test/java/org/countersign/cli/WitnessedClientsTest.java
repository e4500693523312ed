package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;
import org.countersign.server.LogServer;
import org.countersign.server.ServerOptions;
import org.countersign.server.key.LogKeyFile;
import org.countersign.server.witness.WitnessingOptions;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.witness.policy.WitnessPolicy;
import org.countersign.witness.server.WitnessOptions;
import org.countersign.witness.server.WitnessServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit and audit with {@code --witness-policy}: a log whose checkpoints a 3-of-4 quorum cosigns
 * is accepted; a log that publishes with its signature alone is refused, unless {@code
 * --accept-unwitnessed}, which warns loudly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WitnessedClientsTest {
  private static final String[] WITNESSES = {"us", "ru", "cn", "neutral"};

  private Path dir;
  private final List<WitnessServer> witnesses = new ArrayList<>();
  private LogServer witnessed;
  private LogServer unwitnessed;
  private Path policy;
  private Path usKey;
  private String usVkey;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    dir = tmp;
    usKey = dir.resolve("us.key");
    usVkey =
        CliRun.run("", "keygen", "--name", "party.test/us", "--out", usKey.toString())
            .out()
            .strip();
    String origin = ServerOptions.defaultOrigin("new-start");
    SignerKey logKey =
        LogKeyFile.loadOrCreate(dir.resolve("log").resolve("log.key"), origin, new SecureRandom())
            .key();
    StringBuilder p = new StringBuilder("log " + logKey.verifierKey() + "\n");
    for (String w : WITNESSES) {
      WitnessServer s =
          WitnessServer.start(
              WitnessOptions.builder()
                  .dataDir(dir.resolve("witness-" + w))
                  .log(logKey.publicKey())
                  .name("witness." + w + ".example")
                  .build());
      witnesses.add(s);
      p.append("witness ")
          .append(w)
          .append(' ')
          .append(s.verifierKey())
          .append(' ')
          .append(s.url())
          .append('\n');
    }
    p.append("group treaty 3 us ru cn neutral\nquorum treaty\n");
    policy = Files.writeString(dir.resolve("policy.txt"), p.toString());
    witnessed =
        LogServer.start(
            options(dir.resolve("log"))
                .witnessing(WitnessingOptions.of(WitnessPolicy.parse(p.toString())))
                .build());
    // Same key, no witnesses: every checkpoint it serves is log-signed only.
    Files.createDirectories(dir.resolve("plain"));
    Files.copy(dir.resolve("log").resolve("log.key"), dir.resolve("plain").resolve("log.key"));
    unwitnessed = LogServer.start(options(dir.resolve("plain")).build());
  }

  private ServerOptions.Builder options(Path data) throws Exception {
    return ServerOptions.builder()
        .dataDir(data)
        .port(0)
        .treatyId("new-start")
        .batchMaxDelay(Duration.ofMillis(5))
        .firstKeys(FirstKeys.of(Map.of("US", VerifierKey.parse(usVkey))));
  }

  @AfterAll
  void stop() throws Exception {
    witnessed.stop();
    unwitnessed.stop();
    for (WitnessServer w : witnesses) {
      w.close();
    }
  }

  private CliRun submit(LogServer server, String name, String... extra) throws Exception {
    Path reg = dir.resolve(name + ".json");
    Files.writeString(
        reg,
        "{\"kind\": \"party-key-registration\", \"treaty\": \"new-start\","
            + " \"author\": \"US\", \"verifierKey\": \""
            + usVkey
            + "\"}\n");
    List<String> args =
        new ArrayList<>(
            List.of(
                "submit",
                "--server",
                server.url().toString(),
                "--key",
                usKey.toString(),
                "--log-vkey",
                server.verifierKey()));
    args.addAll(List.of(extra));
    args.add(reg.toString());
    return CliRun.run("", args.toArray(String[]::new));
  }

  private CliRun audit(LogServer server, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("audit", "--server", server.url().toString(), "--vkey", server.verifierKey()));
    args.addAll(List.of(extra));
    return CliRun.run("", args.toArray(String[]::new));
  }

  @Test
  void submitAndAudit_witnessedLog_acceptedNamingTheCosigners() throws Exception {
    CliRun s = submit(witnessed, "witnessed", "--witness-policy", policy.toString());
    assertThat(s.exitCode()).as(s.err()).isZero();
    assertThat(s.err()).contains("witness policy satisfied: cosigned by us, ru, cn, neutral");

    CliRun a = audit(witnessed, "--witness-policy", policy.toString());
    assertThat(a.exitCode()).as(a.err()).isZero();
    assertThat(a.out()).contains("witness policy satisfied: cosigned by us, ru, cn, neutral");
  }

  @Test
  void audit_unwitnessedLog_refusedThenAcceptedOnlyWithLoudWarning() {
    CliRun refused = audit(unwitnessed, "--witness-policy", policy.toString());
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(refused.err())
        .startsWith("countersign: the server's checkpoint does not satisfy the witness policy")
        .contains("missing [us, ru, cn, neutral]");

    CliRun accepted =
        audit(unwitnessed, "--witness-policy", policy.toString(), "--accept-unwitnessed");
    assertThat(accepted.exitCode()).as(accepted.err()).isZero();
    assertThat(accepted.err())
        .contains("WARNING: ACCEPTING AN UNWITNESSED CHECKPOINT (--accept-unwitnessed)");
    assertThat(accepted.out()).contains("NOT WITNESSED (accepted with --accept-unwitnessed)");
  }

  @Test
  void submit_unwitnessedLog_receiptKeptButRefused() throws Exception {
    CliRun refused = submit(unwitnessed, "plain", "--witness-policy", policy.toString());

    assertThat(refused.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(refused.err())
        .contains("the receipt's checkpoint (receipt kept in")
        .contains("does not satisfy the witness policy");
    assertThat(dir.resolve("plain.receipt")).exists();
  }

  @Test
  void audit_noPolicy_passesButSaysWitnessingWasNotChecked() {
    CliRun a = audit(unwitnessed);

    assertThat(a.exitCode()).as(a.err()).isZero();
    assertThat(a.err()).contains("witness cosignatures NOT checked (no --witness-policy)");
  }
}
