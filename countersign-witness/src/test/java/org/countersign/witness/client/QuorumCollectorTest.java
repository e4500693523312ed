package org.countersign.witness.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.countersign.fixtures.FakeClock;
import org.countersign.testing.TestLog;
import org.countersign.witness.client.WitnessException.Kind;
import org.countersign.witness.policy.CosignedCheckpoint;
import org.countersign.witness.policy.WitnessPolicy;
import org.countersign.witness.server.WitnessOptions;
import org.countersign.witness.server.WitnessServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Four witnesses on loopback (three parties and a neutral one) and a 3-of-4 policy. */
class QuorumCollectorTest {
  private static final String[] NAMES = {"us", "ru", "cn", "neutral"};

  @TempDir Path dir;
  private final TestLog log = TestLog.main().growTo(64);
  private final FakeClock clock = FakeClock.atDefaultStart();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<WitnessServer> witnesses = new ArrayList<>(List.of());
  private final int[] ports = new int[4];
  private WitnessPolicy policy;
  private QuorumCollector collector;

  @BeforeEach
  void startWitnesses() throws Exception {
    StringBuilder p = new StringBuilder("log " + log.verifierKey() + "\n");
    for (int i = 0; i < 4; i++) {
      ports[i] = freePort();
      WitnessServer w = start(i);
      witnesses.add(w);
      p.append("witness ")
          .append(NAMES[i])
          .append(' ')
          .append(w.verifierKey())
          .append(' ')
          .append(w.url())
          .append('\n');
    }
    p.append("group treaty 3 us ru cn neutral\nquorum treaty\n");
    policy = WitnessPolicy.parse(p.toString());
    collector = new QuorumCollector(policy, http, Duration.ofSeconds(3), Duration.ofSeconds(1));
  }

  private WitnessServer start(int i) throws IOException {
    return WitnessServer.start(
        WitnessOptions.builder()
            .dataDir(dir.resolve(NAMES[i]))
            .port(ports[i])
            .log(log.verifierKey())
            .name("witness." + NAMES[i] + ".example")
            .clock(clock)
            .build());
  }

  @AfterEach
  void stop() throws IOException {
    collector.close();
    for (WitnessServer w : witnesses) {
      if (w != null) {
        w.close();
      }
    }
  }

  private ConsistencyProofSource proofs() {
    return (m, n) -> log.proof(m, n);
  }

  @Test
  void collect_allWitnessesUp_gathersFourCosignatures() throws Exception {
    CosignedCheckpoint c = collector.collect(log.signedCheckpoint(5), 0, proofs());
    assertThat(c.cosignatures()).containsOnlyKeys(NAMES);
    assertThat(c.checkpoint().size()).isEqualTo(5);
    assertThat(policy.satisfiedBy(c.signedNote()).cosignatures()).hasSize(4);
    assertThat(c.signedNote()).startsWith(log.signedCheckpoint(5));
  }

  @Test
  void collect_chainOfCheckpoints_sendsProofsFromEachWitnessesState() throws Exception {
    collector.collect(log.signedCheckpoint(5), 0, proofs());
    collector.collect(log.signedCheckpoint(9), 5, proofs());
    CosignedCheckpoint c = collector.collect(log.signedCheckpoint(33), 9, proofs());
    assertThat(c.cosignatures()).hasSize(4);
  }

  @Test
  void collect_newCollectorWithWrongHint_recoversFrom409() throws Exception {
    collector.collect(log.signedCheckpoint(9), 0, proofs());
    try (QuorumCollector fresh =
        new QuorumCollector(policy, http, Duration.ofSeconds(3), Duration.ofSeconds(1))) {
      CosignedCheckpoint c = fresh.collect(log.signedCheckpoint(20), 4, proofs());
      assertThat(c.cosignatures()).hasSize(4);
    }
  }

  @Test
  void collect_oneWitnessDown_stillMeetsQuorum() throws Exception {
    witnesses.get(1).close();
    witnesses.set(1, null);
    CosignedCheckpoint c = collector.collect(log.signedCheckpoint(5), 0, proofs());
    assertThat(c.cosignatures()).containsOnlyKeys("us", "cn", "neutral");
  }

  @Test
  void collect_twoWitnessesDown_failsNamingThem() throws Exception {
    witnesses.get(0).close();
    witnesses.set(0, null);
    witnesses.get(3).close();
    witnesses.set(3, null);
    assertThatThrownBy(() -> collector.collect(log.signedCheckpoint(5), 0, proofs()))
        .isInstanceOfSatisfying(
            QuorumException.class,
            e -> {
              assertThat(e.cosigned()).containsExactlyInAnyOrder("ru", "cn");
              assertThat(e.failures()).containsOnlyKeys("us", "neutral");
              assertThat(Objects.requireNonNull(e.failures().get("us")).kind())
                  .isEqualTo(Kind.UNREACHABLE);
            })
        .hasMessageContaining("quorum \"treaty\" not met");
  }

  @Test
  void collect_witnessBackAfterMissingOne_catchesUpWithProofFromItsSize() throws Exception {
    collector.collect(log.signedCheckpoint(5), 0, proofs());
    witnesses.get(2).close();
    collector.collect(log.signedCheckpoint(9), 5, proofs());
    witnesses.set(2, start(2));
    CosignedCheckpoint c = collector.collect(log.signedCheckpoint(12), 9, proofs());
    assertThat(c.cosignatures()).containsKey("cn").hasSize(4);
  }

  @Test
  void collect_hangingWitnessAndOneDown_timesOutAndFails() throws Exception {
    witnesses.get(0).close();
    witnesses.set(0, null);
    witnesses.get(1).close();
    witnesses.set(1, null);
    CountDownLatch release = new CountDownLatch(1);
    HttpServer hang =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports[1]), 0);
    hang.createContext(
        "/",
        exchange -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    hang.start();
    try (QuorumCollector quick =
        new QuorumCollector(policy, http, Duration.ofMillis(700), Duration.ZERO)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> quick.collect(log.signedCheckpoint(5), 0, proofs()))
          .isInstanceOfSatisfying(
              QuorumException.class,
              e ->
                  assertThat(Objects.requireNonNull(e.failures().get("ru")).kind())
                      .isEqualTo(Kind.TIMEOUT));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    } finally {
      release.countDown();
      hang.stop(0);
    }
  }

  @Test
  void collect_forkedCheckpoint_isRefusedByEveryWitness() throws Exception {
    collector.collect(log.signedCheckpoint(9), 0, proofs());
    TestLog fork = TestLog.forkAfter(3).growTo(64);
    assertThatThrownBy(
            () -> collector.collect(fork.signedCheckpoint(12), 9, (m, n) -> fork.proof(m, n)))
        .isInstanceOfSatisfying(
            QuorumException.class,
            e -> {
              assertThat(e.cosigned()).isEmpty();
              assertThat(e.failures().values())
                  .allSatisfy(f -> assertThat(f.status()).isEqualTo(422));
            });
  }

  @Test
  void collect_noteNotSignedByPolicyLog_isRefusedUpFront() {
    TestLog other =
        new TestLog(org.countersign.testing.TestKeys.signer("other.example/log"), "leaf").growTo(5);
    assertThatThrownBy(() -> collector.collect(other.signedCheckpoint(5), 0, proofs()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
