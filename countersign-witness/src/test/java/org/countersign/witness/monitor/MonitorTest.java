package org.countersign.witness.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.countersign.fixtures.FakeClock;
import org.countersign.log.checkpoint.CosignatureSigner;
import org.countersign.log.note.Note;
import org.countersign.testing.TestKeys;
import org.countersign.testing.TestLog;
import org.countersign.witness.evidence.EvidenceVerifier;
import org.countersign.witness.evidence.SplitViewEvidence;
import org.countersign.witness.evidence.SplitViewFinding;
import org.countersign.witness.monitor.MonitorResult.Status;
import org.countersign.witness.policy.WitnessPolicy;
import org.countersign.witness.testing.FakeTileLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorTest {
  @TempDir Path dir;
  private final FakeClock clock = FakeClock.atDefaultStart();
  private final CosignatureSigner w1 = new CosignatureSigner(TestKeys.signer("w1.example"), clock);
  private final CosignatureSigner w2 = new CosignatureSigner(TestKeys.signer("w2.example"), clock);
  private final TestLog log = TestLog.main().growTo(600);
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeTileLog server;
  private WitnessPolicy policy;

  @BeforeEach
  void start() throws Exception {
    server = new FakeTileLog(log);
    policy =
        WitnessPolicy.parse(
            "log "
                + log.verifierKey()
                + "\nwitness a "
                + w1.verifierKey()
                + "\nwitness b "
                + w2.verifierKey()
                + "\ngroup both all a b\nquorum both\n");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String cosigned(TestLog l, long size) {
    return Note.sign(l.checkpoint(size).body(), l.key(), w1, w2);
  }

  private Monitor monitor() throws IOException {
    return new Monitor(
        new HttpLogReader(server.url(), http, Duration.ofSeconds(5)),
        log.verifierKey(),
        policy,
        Optional.of(dir.resolve("state")),
        dir.resolve("evidence"));
  }

  @Test
  void checkOnce_growingLog_advancesAuditsEntriesAndPersistsState() throws Exception {
    Monitor m = monitor();
    server.serve(log, cosigned(log, 10));
    assertThat(m.checkOnce().status()).isEqualTo(Status.ADVANCED);
    assertThat(m.checkOnce().status()).isEqualTo(Status.UNCHANGED);
    server.serve(log, cosigned(log, 513));
    MonitorResult r = m.checkOnce();
    assertThat(r.status()).as(r.message()).isEqualTo(Status.ADVANCED);
    assertThat(Files.readString(dir.resolve("state"))).isEqualTo(cosigned(log, 513));

    Monitor restarted = monitor();
    assertThat(restarted.lastSize()).isEqualTo(513);
    assertThat(restarted.checkOnce().status()).isEqualTo(Status.UNCHANGED);
  }

  @Test
  void checkOnce_forkedLargerTree_writesConclusiveEvidence() throws Exception {
    Monitor m = monitor();
    server.serve(log, cosigned(log, 10));
    m.checkOnce();
    TestLog fork = TestLog.forkAfter(3).growTo(40);
    server.serve(fork, cosigned(fork, 40));
    MonitorResult r = m.checkOnce();
    assertThat(r.status()).isEqualTo(Status.SPLIT_VIEW);
    assertFinding(r, SplitViewFinding.Kind.PREFIX_MISMATCH);
    assertThat(m.lastSize()).isEqualTo(10);
  }

  @Test
  void checkOnce_forkedAfterPowerOfTwoSize_writesSeededConclusiveEvidence() throws Exception {
    Monitor m = monitor();
    server.serve(log, cosigned(log, 8));
    m.checkOnce();
    TestLog fork = TestLog.forkAfter(3).growTo(300);
    server.serve(fork, cosigned(fork, 300));
    assertFinding(m.checkOnce(), SplitViewFinding.Kind.PREFIX_MISMATCH);
  }

  @Test
  void checkOnce_sameSizeOtherRoot_writesEvidence() throws Exception {
    Monitor m = monitor();
    server.serve(log, cosigned(log, 10));
    m.checkOnce();
    TestLog fork = TestLog.forkAfter(3).growTo(10);
    server.serve(fork, Note.sign(fork.checkpoint(10).body(), fork.key())); // not even witnessed
    assertFinding(m.checkOnce(), SplitViewFinding.Kind.SAME_SIZE_DIFFERENT_ROOTS);
  }

  @Test
  void checkOnce_smallerConsistentCheckpoint_isRollbackNotSplitView() throws Exception {
    Monitor m = monitor();
    server.serve(log, cosigned(log, 20));
    m.checkOnce();
    server.serve(log, cosigned(log, 12));
    assertThat(m.checkOnce().status()).isEqualTo(Status.ROLLED_BACK);
    TestLog fork = TestLog.forkAfter(3).growTo(20);
    // Tiles of the size-20 tree are still the main log's: the smaller fork is not its prefix.
    server.serve(log, cosigned(fork, 12));
    assertFinding(m.checkOnce(), SplitViewFinding.Kind.PREFIX_MISMATCH);
  }

  @Test
  void issue13_truncatedLog_isRolledBackWithBothNotesAsEvidence() throws Exception {
    Monitor m = monitor();
    server.serve(log, cosigned(log, 300));
    assertThat(m.checkOnce().status()).isEqualTo(Status.ADVANCED);
    // The operator restores a backup of size 12: the size-300 tree's tiles are gone.
    TestLog truncated = TestLog.main().growTo(12);
    server.serve(truncated, cosigned(truncated, 12));
    MonitorResult r = m.checkOnce();
    assertThat(r.status()).as(r.message()).isEqualTo(Status.ROLLED_BACK);
    assertThat(r.message()).contains("size 12", "size 300");
    Path file = r.evidence().orElseThrow();
    assertThat(file.getFileName().toString()).startsWith("rollback-");
    SplitViewEvidence e = SplitViewEvidence.parse(Files.readAllBytes(file));
    assertThat(e.firstNote()).isEqualTo(cosigned(truncated, 12));
    assertThat(e.secondNote()).isEqualTo(cosigned(log, 300));
    assertThat(m.lastSize()).isEqualTo(300);
  }

  @Test
  void checkOnce_notCosignedByQuorum_alertsAndDoesNotAdvance() throws Exception {
    Monitor m = monitor();
    server.serve(log, cosigned(log, 10));
    m.checkOnce();
    server.serve(log, Note.sign(log.checkpoint(20).body(), log.key(), w1));
    MonitorResult r = m.checkOnce();
    assertThat(r.status()).isEqualTo(Status.NOT_WITNESSED);
    assertThat(r.message()).contains("missing [b]");
    assertThat(m.lastSize()).isEqualTo(10);
  }

  @Test
  void checkOnce_tilesThatDoNotMatchTheCheckpoint_areUnreadableNotEvidence() throws Exception {
    Monitor m = monitor();
    server.serve(log, cosigned(log, 10));
    m.checkOnce();
    TestLog fork = TestLog.forkAfter(3).growTo(40);
    server.serve(fork, cosigned(log, 40)); // main's checkpoint, fork's tiles
    MonitorResult r = m.checkOnce();
    assertThat(r.status()).as(r.message()).isEqualTo(Status.UNREADABLE);
    assertThat(r.evidence()).isEmpty();
  }

  @Test
  void checkOnce_checkpointByAnotherKey_isNotWitnessed() throws Exception {
    Monitor m = monitor();
    TestLog impostor = new TestLog(TestKeys.signer(log.origin(), "impostor"), "leaf").growTo(5);
    server.serve(impostor, impostor.signedCheckpoint(5));
    assertThat(m.checkOnce().status()).isEqualTo(Status.NOT_WITNESSED);
  }

  @Test
  void webhook_alert_postsStatusAndEvidence() throws Exception {
    AtomicReference<String> received = new AtomicReference<>();
    HttpServer hook =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hook.createContext(
        "/",
        x -> {
          received.set(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          x.sendResponseHeaders(204, -1);
          x.close();
        });
    hook.start();
    try {
      Monitor m = monitor();
      server.serve(log, cosigned(log, 10));
      m.checkOnce();
      TestLog fork = TestLog.forkAfter(3).growTo(10);
      server.serve(fork, cosigned(fork, 10));
      MonitorResult r = m.checkOnce();
      new Webhook(URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/alert"), http)
          .post(log.origin(), r);
      assertThat(received.get())
          .startsWith("countersign monitor " + log.origin() + " SPLIT_VIEW")
          .contains(SplitViewEvidence.HEADER);
    } finally {
      hook.stop(0);
    }
  }

  private static void assertFinding(MonitorResult r, SplitViewFinding.Kind kind) throws Exception {
    assertThat(r.status()).as(r.message()).isEqualTo(Status.SPLIT_VIEW);
    Path file = r.evidence().orElseThrow();
    assertThat(file.getFileName().toString()).startsWith("split-view-");
    SplitViewFinding f = EvidenceVerifier.verify(SplitViewEvidence.parse(Files.readAllBytes(file)));
    assertThat(f.kind()).isEqualTo(kind);
  }
}
