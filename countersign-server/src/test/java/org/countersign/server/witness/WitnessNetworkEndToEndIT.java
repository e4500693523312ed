package org.countersign.server.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.countersign.log.Hash;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;
import org.countersign.server.ServerOptions;
import org.countersign.server.key.LogKeyFile;
import org.countersign.witness.evidence.EvidenceVerifier;
import org.countersign.witness.evidence.SplitViewFinding;
import org.countersign.witness.monitor.HttpLogReader;
import org.countersign.witness.monitor.Monitor;
import org.countersign.witness.monitor.MonitorResult;
import org.countersign.witness.policy.CosignedCheckpoint;
import org.countersign.witness.policy.PolicyException;
import org.countersign.witness.policy.WitnessPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's end-to-end bar, every part in its own JVM on loopback: one log, four witnesses (the
 * parties US, RU and CN and a neutral observer), a 3-of-4 policy.
 *
 * <ol>
 *   <li>With all four up, every published checkpoint carries four cosignatures that verify under
 *       the policy, and so does every receipt.
 *   <li>One witness killed: the log still publishes, with the other three.
 *   <li>Two killed: the log stops publishing and says so (health, metrics, {@code /api/v1/log});
 *       submitters are told to poll instead of being given an unwitnessed receipt.
 *   <li>The log killed too, one witness restarted, the log restarted: the witness that missed
 *       checkpoints is brought up to date through a 409 and a consistency proof, and publication
 *       catches up; the waiting submission gets a witnessed receipt.
 *   <li>The log is made to fork (test-only mode): the witnesses refuse and keep evidence that
 *       proves the fork offline, the monitor shown the forked view raises a split-view alert with
 *       evidence, and the client policy check refuses the forked checkpoint.
 * </ol>
 */
class WitnessNetworkEndToEndIT {
  private static final String ORIGIN = ServerOptions.defaultOrigin(Statements.TREATY);

  @TempDir Path dir;
  private final Http http = new Http();
  private final Map<String, Process> children = new LinkedHashMap<>();
  private final List<Path> outputs = new ArrayList<>();
  private int round;

  @AfterEach
  void killChildren() throws Exception {
    for (Process p : children.values()) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void witnessNetwork_quorumLossRecoveryAndFork_behaveAsSpecified() throws Exception {
    SignerKey logKey =
        LogKeyFile.loadOrCreate(dir.resolve("log").resolve("log.key"), ORIGIN, new SecureRandom())
            .key();
    VerifierKey logVkey = VerifierKey.parse(logKey.verifierKey());
    LoopbackWitnesses net = new LoopbackWitnesses(dir, logKey.publicKey());
    String policyText = net.policy(logKey.verifierKey());
    WitnessPolicy policy = WitnessPolicy.parse(policyText);
    Path policyFile = Files.writeString(dir.resolve("policy.txt"), policyText);
    int logPort = LoopbackWitnesses.freePort();
    URI log = URI.create("http://127.0.0.1:" + logPort + "/");

    for (String w : LoopbackWitnesses.NAMES) {
      startWitness(net, w, logKey);
    }
    startLog(policyFile, logPort);
    for (String w : LoopbackWitnesses.NAMES) {
      awaitReady(w, WitnessChild.READY);
    }
    awaitReady("log", LogChild.READY);

    // 1. All four up: receipts and /checkpoint carry four valid cosignatures.
    Statements us = new Statements("US");
    Statements ru = new Statements("RU");
    Statements cn = new Statements("CN");
    for (byte[] s : List.of(us.registration(), ru.registration(), cn.registration(), us.next())) {
      Http.Answer a = http.post(log.resolve("api/v1/statements"), s);
      assertThat(a.status()).as(a.text()).isEqualTo(201);
      CosignedCheckpoint c = policy.satisfiedBy(a.json().get("checkpoint").asText());
      assertThat(c.cosignatures()).hasSizeGreaterThanOrEqualTo(3);
    }
    CosignedCheckpoint published = policy.satisfiedBy(http.get(log.resolve("checkpoint")).text());
    assertThat(published.checkpoint().size()).isEqualTo(4);
    assertThat(published.cosignatures()).containsOnlyKeys("us", "ru", "cn", "neutral");

    // 2. One witness dead: still published, by the other three.
    kill("cn");
    Http.Answer five = http.post(log.resolve("api/v1/statements"), ru.next());
    assertThat(five.status()).as(five.text()).isEqualTo(201);
    assertThat(policy.satisfiedBy(five.json().get("checkpoint").asText()).cosignatures())
        .containsOnlyKeys("us", "ru", "neutral");
    String checkpointAtFive = http.get(log.resolve("checkpoint")).text();

    // 3. Two dead: nothing published, and the log says so everywhere.
    kill("neutral");
    Http.Answer six = http.post(log.resolve("api/v1/statements"), cn.next());
    assertThat(six.status()).as(six.text()).isEqualTo(202);
    assertThat(http.get(log.resolve("checkpoint")).text()).isEqualTo(checkpointAtFive);
    JsonNode health = http.get(log.resolve("health")).json();
    assertThat(health.get("status").asText()).isEqualTo("degraded");
    assertThat(health.get("problem").asText())
        .startsWith("degraded: quorum not met")
        .contains("cn (UNREACHABLE")
        .contains("neutral (UNREACHABLE");
    JsonNode info = http.get(log.resolve("api/v1/log")).json();
    assertThat(info.get("integratedSize").asLong()).isEqualTo(6);
    assertThat(info.get("publishedSize").asLong()).isEqualTo(5);
    String metrics = http.get(log.resolve("metrics")).text();
    assertThat(metrics)
        .contains("countersign_unpublished_entries 1.0")
        .contains("countersign_witness_up{witness=\"cn\"} 0.0")
        .containsPattern("countersign_witness_quorum_failures_total [1-9]");

    // 4. Log killed as well; cn (behind at size 4) and the log restart: 409, proof, caught up.
    kill("log");
    startWitness(net, "cn", logKey);
    awaitReady("cn", WitnessChild.READY);
    startLog(policyFile, logPort);
    awaitReady("log", LogChild.READY);
    http.await(
        log.resolve("api/v1/log"),
        r -> r.json().get("publishedSize").asLong() == 6,
        Duration.ofSeconds(20),
        "publication to catch up after the restarts");
    CosignedCheckpoint six6 = policy.satisfiedBy(http.get(log.resolve("checkpoint")).text());
    assertThat(six6.cosignatures()).containsOnlyKeys("us", "ru", "cn");
    String originHash = Hash.sha256(ORIGIN.getBytes(StandardCharsets.UTF_8)).hex();
    String cnState = http.get(URI.create(net.url("cn") + "/" + originHash + "/checkpoint")).text();
    assertThat(cnState).startsWith(ORIGIN + "\n6\n");
    Http.Answer polled =
        http.get(log.resolve("api/v1/statements/" + six.json().get("identity").asText()));
    assertThat(polled.status()).isEqualTo(200);
    assertThat(
            policy
                .satisfiedBy(
                    polled
                        .json()
                        .get("receipt")
                        .asText()
                        .substring(polled.json().get("receipt").asText().indexOf("\n\n") + 2))
                .checkpoint()
                .size())
        .isEqualTo(6);
    assertThat(http.get(log.resolve("health")).json().get("status").asText()).isEqualTo("ok");

    // 5. A monitor following the real log accepts it.
    Path state = dir.resolve("monitor.state");
    Path evidence = dir.resolve("monitor-evidence");
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Monitor real =
        new Monitor(
            new HttpLogReader(log, client, Duration.ofSeconds(10)),
            logVkey,
            policy,
            Optional.of(state),
            evidence);
    assertThat(real.checkOnce().status()).isEqualTo(MonitorResult.Status.ADVANCED);

    // 6. The log forks: the witnesses refuse it and keep evidence that proves it offline.
    Http.Answer fork = http.post(log.resolve("insecure-fork-for-tests/fork"), new byte[0]);
    assertThat(fork.text()).startsWith("refused\n");
    String forked = http.get(log.resolve("insecure-fork-for-tests/checkpoint")).text();
    assertThat(forked).startsWith(ORIGIN + "\n6\n");
    for (String w : List.of("us", "ru", "cn")) {
      URI base = URI.create(net.url(w) + "/");
      String files = http.get(base.resolve("evidence")).text();
      assertThat(files).as(w + " keeps evidence").startsWith("split-view-");
      byte[] file =
          http.get(base.resolve("evidence/" + files.lines().findFirst().orElseThrow()))
              .text()
              .getBytes(StandardCharsets.UTF_8);
      assertThat(EvidenceVerifier.verify(file, Optional.of(logVkey)).kind())
          .isEqualTo(SplitViewFinding.Kind.SAME_SIZE_DIFFERENT_ROOTS);
    }

    // 7. A monitor shown the forked view alerts with evidence; clients refuse the fork.
    Monitor shownFork =
        new Monitor(
            new HttpLogReader(
                log.resolve("insecure-fork-for-tests/"), client, Duration.ofSeconds(10)),
            logVkey,
            policy,
            Optional.of(state),
            evidence);
    MonitorResult alert = shownFork.checkOnce();
    assertThat(alert.status()).isEqualTo(MonitorResult.Status.SPLIT_VIEW);
    assertThat(alert.isAlert()).isTrue();
    assertThat(
            EvidenceVerifier.verify(
                    Files.readAllBytes(alert.evidence().orElseThrow()), Optional.of(logVkey))
                .kind())
        .isEqualTo(SplitViewFinding.Kind.SAME_SIZE_DIFFERENT_ROOTS);
    assertThatThrownBy(() -> policy.satisfiedBy(forked))
        .isInstanceOfSatisfying(
            PolicyException.class,
            e -> assertThat(e.reason()).isEqualTo(PolicyException.Reason.QUORUM_NOT_MET));
    assertThat(policy.satisfiedBy(http.get(log.resolve("checkpoint")).text()).checkpoint().root())
        .isEqualTo(six6.checkpoint().root());
  }

  private void startWitness(LoopbackWitnesses net, String name, SignerKey logKey)
      throws IOException {
    start(
        name,
        WitnessChild.class.getName(),
        net.folder(name).toString(),
        Integer.toString(net.port(name)),
        logKey.verifierKey(),
        LoopbackWitnesses.keyName(name));
  }

  private void startLog(Path policyFile, int port) throws IOException {
    start(
        "log",
        LogChild.class.getName(),
        dir.resolve("log").toString(),
        Integer.toString(port),
        policyFile.toString());
  }

  private void start(String name, String main, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx192m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                main));
    cmd.addAll(List.of(args));
    Path out = dir.resolve(name + "-" + ++round + ".out");
    outputs.add(out);
    children.put(
        name,
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start());
  }

  private void awaitReady(String name, String marker) throws Exception {
    Process p = Objects.requireNonNull(children.get(name), name);
    Path out =
        outputs.stream()
            .filter(o -> o.getFileName().toString().startsWith(name + "-"))
            .reduce((a, b) -> b)
            .orElseThrow();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(out) && Files.readString(out).contains(marker)) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError(name + " died at start:\n" + Files.readString(out));
      }
      Thread.sleep(25);
    }
    throw new AssertionError(name + " did not start:\n" + Files.readString(out));
  }

  private void kill(String name) throws InterruptedException {
    Process p = Objects.requireNonNull(children.remove(name), name);
    p.destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye
    p.waitFor(10, TimeUnit.SECONDS);
  }
}
