package org.countersign.server.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;
import org.countersign.server.LogServer;
import org.countersign.server.ServerOptions;
import org.countersign.server.key.LogKeyFile;
import org.countersign.server.publish.CheckpointPublisher;
import org.countersign.witness.evidence.EvidenceVerifier;
import org.countersign.witness.evidence.SplitViewFinding;
import org.countersign.witness.policy.CosignedCheckpoint;
import org.countersign.witness.policy.PolicyException;
import org.countersign.witness.policy.WitnessPolicy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log server publishing through four loopback witnesses in this JVM under a 3-of-4 policy: what
 * it publishes, what it refuses to publish, and how it says so.
 */
class QuorumPublishingTest {
  private static final String ORIGIN = ServerOptions.defaultOrigin(Statements.TREATY);

  @TempDir Path dir;
  private final Http http = new Http();
  private SignerKey logKey;
  private WitnessPolicy policy;
  private LoopbackWitnesses witnesses;
  private @Nullable LogServer log;

  @BeforeEach
  void keys() throws Exception {
    logKey =
        LogKeyFile.loadOrCreate(dir.resolve("log").resolve("log.key"), ORIGIN, new SecureRandom())
            .key();
    witnesses = new LoopbackWitnesses(dir, logKey.publicKey());
    policy = WitnessPolicy.parse(witnesses.policy(logKey.verifierKey()));
  }

  @AfterEach
  void stop() throws Exception {
    if (log != null) {
      log.stop();
    }
    witnesses.close();
  }

  private ServerOptions.Builder options() {
    return ServerOptions.builder()
        .dataDir(dir.resolve("log"))
        .port(0)
        .treatyId(Statements.TREATY)
        .firstKeys(Statements.FIRST_KEYS)
        .batchMaxDelay(Duration.ofMillis(5))
        .integrationTimeout(Duration.ofSeconds(2));
  }

  private WitnessingOptions witnessing() {
    return WitnessingOptions.of(policy)
        .withTimeout(Duration.ofSeconds(2))
        .withRetry(Duration.ofMillis(50), Duration.ofMillis(200));
  }

  private LogServer startLog() throws Exception {
    LogServer started =
        LogServer.start(options().witnessing(witnessing()).insecureForkForTests().build());
    log = started;
    return started;
  }

  private URI at(String path) {
    return Objects.requireNonNull(log, "a test starts the log first").url().resolve(path);
  }

  private Http.Answer submit(byte[] statement) throws Exception {
    return http.post(at("api/v1/statements"), statement);
  }

  private String checkpoint() throws Exception {
    return http.get(at("checkpoint")).text();
  }

  @Test
  void publish_allWitnessesUp_servesCheckpointCosignedByAllFour() throws Exception {
    witnesses.startAll();
    startLog();
    Statements us = new Statements("US");

    Http.Answer a = submit(us.registration());

    assertThat(a.status()).as(a.text()).isEqualTo(201);
    CosignedCheckpoint receipt = policy.satisfiedBy(a.json().get("checkpoint").asText());
    assertThat(receipt.cosignatures()).containsOnlyKeys("us", "ru", "cn", "neutral");
    assertThat(receipt.checkpoint().size()).isEqualTo(1);
    assertThat(a.json().get("receipt").asText()).endsWith(a.json().get("checkpoint").asText());
    assertThat(policy.satisfiedBy(checkpoint()).checkpoint().size()).isEqualTo(1);
    JsonNode health = http.get(at("health")).json();
    assertThat(health.get("status").asText()).isEqualTo("ok");
    assertThat(health.get("witnessing").get("quorumMet").asBoolean()).isTrue();
  }

  @Test
  void publish_oneWitnessDown_publishesWithTheOtherThreeAndCountsTheFailure() throws Exception {
    witnesses.startAll();
    startLog();
    Statements ru = new Statements("RU");
    assertThat(submit(ru.registration()).status()).isEqualTo(201);

    witnesses.stop("cn");
    Http.Answer a = submit(ru.next());

    assertThat(a.status()).as(a.text()).isEqualTo(201);
    CosignedCheckpoint c = policy.satisfiedBy(a.json().get("checkpoint").asText());
    assertThat(c.cosignatures()).containsOnlyKeys("us", "ru", "neutral");
    JsonNode health = http.get(at("health")).json();
    assertThat(health.get("status").asText()).isEqualTo("ok");
    JsonNode cn = health.get("witnessing").get("witnesses").get("cn");
    assertThat(cn.get("ok").asBoolean()).isFalse();
    assertThat(cn.get("lastErrorKind").asText()).isEqualTo("UNREACHABLE");
    assertThat(http.get(at("metrics")).text())
        .contains("countersign_witness_failures_total{kind=\"UNREACHABLE\",witness=\"cn\"} 1.0")
        .contains("countersign_witness_up{witness=\"cn\"} 0.0")
        .contains("countersign_witness_up{witness=\"us\"} 1.0");
  }

  @Test
  void publish_twoWitnessesDown_keepsPreviousCheckpointSaysSoThenCatchesUp() throws Exception {
    witnesses.startAll();
    startLog();
    Statements cn = new Statements("CN");
    assertThat(submit(cn.registration()).status()).isEqualTo(201);
    String before = checkpoint();
    witnesses.stop("cn");
    witnesses.stop("neutral");

    byte[] statement = cn.next();
    Http.Answer a = submit(statement);

    // Integrated but not published: the submitter is told to poll, the old checkpoint stays.
    assertThat(a.status()).as(a.text()).isEqualTo(202);
    assertThat(checkpoint()).isEqualTo(before);
    JsonNode health = http.get(at("health")).json();
    assertThat(health.get("status").asText()).isEqualTo("degraded");
    assertThat(health.get("problem").asText())
        .startsWith("degraded: quorum not met")
        .contains("checkpoint size 2")
        .contains("cn (UNREACHABLE")
        .contains("neutral (UNREACHABLE");
    JsonNode info = http.get(at("api/v1/log")).json();
    assertThat(info.get("integratedSize").asLong()).isEqualTo(2);
    assertThat(info.get("publishedSize").asLong()).isEqualTo(1);
    assertThat(info.get("publication").asText()).startsWith("degraded: quorum not met");
    String metrics = http.get(at("metrics")).text();
    assertThat(metrics).contains("countersign_unpublished_entries 1.0");
    assertThat(metricValue(metrics, "countersign_witness_quorum_failures_total")).isPositive();
    assertThat(policy.satisfiedBy(checkpoint()).checkpoint().size()).isEqualTo(1);

    witnesses.start("cn");

    http.await(
        at("api/v1/log"),
        r -> r.json().get("publishedSize").asLong() == 2,
        Duration.ofSeconds(10),
        "publication to catch up");
    CosignedCheckpoint now = policy.satisfiedBy(checkpoint());
    assertThat(now.cosignatures()).containsOnlyKeys("us", "ru", "cn");
    assertThat(http.get(at("health")).json().get("status").asText()).isEqualTo("ok");
    String identity = a.json().get("identity").asText();
    Http.Answer polled = http.get(at("api/v1/statements/" + identity));
    assertThat(polled.status()).isEqualTo(200);
    assertThat(policy.satisfiedBy(polled.json().get("checkpoint").asText()).checkpoint().size())
        .isEqualTo(2);
  }

  @Test
  void start_noWitnessReachable_servesEmptyTreeDegradedThenGetsItCosigned() throws Exception {
    startLog();

    assertThat(checkpoint()).startsWith(ORIGIN + "\n0\n");
    assertThatThrownBy(() -> policy.satisfiedBy(checkpoint())).isInstanceOf(PolicyException.class);
    assertThat(http.get(at("health")).json().get("status").asText()).isEqualTo("degraded");

    witnesses.startAll();

    http.await(
        at("health"),
        r -> r.json().get("status").asText().equals("ok"),
        Duration.ofSeconds(10),
        "the empty tree to be cosigned");
    assertThat(policy.satisfiedBy(checkpoint()).checkpoint().size()).isZero();
  }

  @Test
  void start_checkpointPublishedBeforeWitnessing_isCosignedAtStart() throws Exception {
    try (LogServer plain = LogServer.start(options().build())) {
      log = plain;
      assertThat(submit(new Statements("US").registration()).status()).isEqualTo(201);
    }
    witnesses.startAll();

    startLog();

    CosignedCheckpoint c = policy.satisfiedBy(checkpoint());
    assertThat(c.checkpoint().size()).isEqualTo(1);
    assertThat(c.cosignatures()).hasSize(4);
  }

  @Test
  void insecureFork_witnessesRefuseKeepProvenEvidenceAndClientsRefuseIt() throws Exception {
    witnesses.startAll();
    startLog();
    assertThat(submit(new Statements("US").registration()).status()).isEqualTo(201);
    String real = checkpoint();

    Http.Answer fork = http.post(at("insecure-fork-for-tests/fork"), new byte[0]);

    assertThat(fork.status()).isEqualTo(200);
    assertThat(fork.text()).startsWith("refused\n");
    String forked = http.get(at("insecure-fork-for-tests/checkpoint")).text();
    assertThat(forked).startsWith(ORIGIN + "\n1\n").isNotEqualTo(real);
    assertThatThrownBy(() -> policy.satisfiedBy(forked))
        .isInstanceOfSatisfying(
            PolicyException.class,
            e -> assertThat(e.reason()).isEqualTo(PolicyException.Reason.QUORUM_NOT_MET));
    assertThat(checkpoint()).isEqualTo(real);
    for (String n : LoopbackWitnesses.NAMES) {
      URI w = URI.create(witnesses.url(n) + "/");
      String names = http.get(w.resolve("evidence")).text();
      assertThat(names).as(n).startsWith("split-view-");
      byte[] file =
          http.get(w.resolve("evidence/" + names.lines().findFirst().orElseThrow()))
              .text()
              .getBytes(StandardCharsets.UTF_8);
      SplitViewFinding finding =
          EvidenceVerifier.verify(file, Optional.of(VerifierKey.parse(logKey.verifierKey())));
      assertThat(finding.kind()).isEqualTo(SplitViewFinding.Kind.SAME_SIZE_DIFFERENT_ROOTS);
    }
  }

  @Test
  void start_policyWithoutThisLogsKey_refused() throws Exception {
    SignerKey other =
        LogKeyFile.loadOrCreate(dir.resolve("other.key"), "example.org/other", new SecureRandom())
            .key();
    WitnessPolicy foreign = WitnessPolicy.parse(witnesses.policy(other.verifierKey()));

    assertThatThrownBy(
            () -> LogServer.start(options().witnessing(WitnessingOptions.of(foreign)).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not list this log's key");
  }

  @Test
  void start_witnessingWithAnotherPublisher_refused() {
    assertThatThrownBy(
            () ->
                LogServer.start(
                    options().witnessing(witnessing()).build(),
                    (store, key) -> CheckpointPublisher.storing(store)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("witnessing is configured");
  }

  @Test
  void options_forkModeWithoutWitnessing_refused() {
    assertThatThrownBy(() -> options().insecureForkForTests().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("insecureForkForTests needs witnessing");
  }

  private static double metricValue(String scrape, String name) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
