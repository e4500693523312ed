package org.countersign.witness.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.countersign.fixtures.FakeClock;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.checkpoint.Cosignature;
import org.countersign.log.checkpoint.CosignatureSigner;
import org.countersign.log.checkpoint.CosignatureVerifier;
import org.countersign.log.note.Note;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.Verifiers;
import org.countersign.testing.TestKeys;
import org.countersign.testing.TestLog;
import org.countersign.witness.evidence.SplitViewEvidence;
import org.countersign.witness.server.AddCheckpointException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitnessTest {
  @TempDir Path dir;
  private final FakeClock clock = FakeClock.atDefaultStart();
  private final CosignatureSigner signer =
      new CosignatureSigner(TestKeys.signer("witness.example/w1"), clock);
  private final TestLog log = TestLog.main();
  private WitnessStore store;
  private Witness witness;

  @BeforeEach
  void open() throws IOException {
    store = WitnessStore.open(dir.resolve("witness.db"));
    witness =
        new Witness(
            signer, List.of(log.verifierKey()), store, EvidenceStore.open(dir.resolve("evidence")));
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  private static byte[] body(long old, List<Hash> proof, String note) {
    StringBuilder b = new StringBuilder("old ").append(old).append('\n');
    proof.forEach(h -> b.append(h.base64()).append('\n'));
    return b.append('\n').append(note).toString().getBytes(StandardCharsets.UTF_8);
  }

  private String add(long old, long size) throws Exception {
    List<Hash> proof = old == 0 || old == size ? List.of() : log.proof(old, size);
    return witness.addCheckpoint(body(old, proof, log.signedCheckpoint(size)));
  }

  @Test
  void addCheckpoint_chainWithRealProofs_cosignsEachAndAdvances() throws Exception {
    long[] sizes = {0, 1, 2, 3, 4, 5, 8, 16, 17, 255, 256, 257, 300, 511, 1000};
    long old = 0;
    for (long size : sizes) {
      clock.advance(Duration.ofSeconds(7));
      String line = add(old, size);

      Checkpoint c = log.checkpoint(size);
      VerifiedNote opened =
          Note.open(
              log.signedCheckpoint(size) + line,
              Verifiers.of(log.key().verifier(), CosignatureVerifier.of(signer.publicKey())));
      Cosignature cosig = CosignatureVerifier.of(signer.publicKey()).cosignatureIn(opened);
      assertThat(cosig.timestamp()).isEqualTo(clock.instant().getEpochSecond());
      StoredCheckpoint stored = witness.latest(log.origin()).orElseThrow();
      assertThat(stored.size()).isEqualTo(size);
      assertThat(stored.root()).isEqualTo(c.root());
      assertThat(stored.signedNote()).endsWith(line);
      old = size;
    }
  }

  @Test
  void addCheckpoint_sameCheckpointAgain_cosignsAgainWithoutChange() throws Exception {
    add(0, 10);
    clock.advance(Duration.ofMinutes(1));
    String again = add(10, 10);
    assertThat(again).startsWith("— witness.example/w1 ");
    assertThat(witness.latest(log.origin()).orElseThrow().size()).isEqualTo(10);
  }

  @Test
  void addCheckpoint_firstCheckpointOfLargeSize_isTrustedOnFirstUse() throws Exception {
    add(0, 1000);
    assertThat(witness.latest(log.origin()).orElseThrow().size()).isEqualTo(1000);
  }

  @Test
  void addCheckpoint_staleOldSize_reportsStoredSize() throws Exception {
    add(0, 8);
    assertThatThrownBy(() -> add(5, 12))
        .isInstanceOfSatisfying(
            AddCheckpointException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.STALE_OLD_SIZE);
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.witnessSize()).hasValue(8);
            });
  }

  @Test
  void addCheckpoint_forkOfSameSize_refusedEvenWithStaleOldSize_andEvidenceRecorded()
      throws Exception {
    add(0, 8);
    TestLog fork = TestLog.forkAfter(5);
    assertThatThrownBy(
            () -> witness.addCheckpoint(body(5, fork.proof(5, 8), fork.signedCheckpoint(8))))
        .isInstanceOfSatisfying(
            AddCheckpointException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.STALE_OLD_SIZE));
    EvidenceStore evidence = EvidenceStore.open(dir.resolve("evidence"));
    assertThat(evidence.list()).singleElement().asString().startsWith("split-view-");
  }

  @Test
  void issue13_forkSmallerThanTheCosignedSize_refusedAndBothNotesKept() throws Exception {
    add(0, 10);
    TestLog fork = TestLog.forkAfter(3);
    assertThatThrownBy(() -> witness.addCheckpoint(body(0, List.of(), fork.signedCheckpoint(6))))
        .isInstanceOfSatisfying(
            AddCheckpointException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.STALE_OLD_SIZE));
    EvidenceStore evidence = EvidenceStore.open(dir.resolve("evidence"));
    String name = evidence.list().getFirst();
    assertThat(evidence.list()).containsExactly(name);
    assertThat(name).startsWith("rollback-");
    SplitViewEvidence kept = SplitViewEvidence.parse(evidence.read(name).orElseThrow());
    assertThat(kept.firstNote()).isEqualTo(fork.signedCheckpoint(6));
    assertThat(kept.secondNote()).startsWith(log.signedCheckpoint(10));
    // The same replayed note is kept once, and the state did not move.
    assertThatThrownBy(() -> witness.addCheckpoint(body(0, List.of(), fork.signedCheckpoint(6))))
        .isInstanceOf(AddCheckpointException.class);
    assertThat(evidence.list()).hasSize(1);
    assertThat(witness.latest(log.origin()).orElseThrow().root()).isEqualTo(log.root(10));
  }

  @Test
  void addCheckpoint_forkThatSharesTheCosignedPrefix_isConsistentAndCosigned() throws Exception {
    add(0, 5);
    TestLog fork = TestLog.forkAfter(5);
    witness.addCheckpoint(body(5, fork.proof(5, 9), fork.signedCheckpoint(9)));
    assertThat(witness.latest(log.origin()).orElseThrow().root()).isEqualTo(fork.root(9));
  }

  @Test
  void addCheckpoint_forkBeforeTheCosignedSize_refusedWithConclusiveEvidence() throws Exception {
    add(0, 5);
    TestLog fork = TestLog.forkAfter(3);
    assertThatThrownBy(
            () -> witness.addCheckpoint(body(5, fork.proof(5, 9), fork.signedCheckpoint(9))))
        .isInstanceOfSatisfying(
            AddCheckpointException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INCONSISTENT));
    assertThat(EvidenceStore.open(dir.resolve("evidence")).list())
        .singleElement()
        .asString()
        .startsWith("split-view-");
    assertThat(witness.latest(log.origin()).orElseThrow().root()).isEqualTo(log.root(5));
  }

  /**
   * Many threads race to add checkpoints of the main log and of a fork that diverges after 5
   * leaves. Whatever the interleaving, every cosignature handed out must be for one history.
   */
  @RepeatedTest(3)
  void addCheckpoint_concurrentMainAndFork_neverCosignsBoth(RepetitionInfo rep) throws Exception {
    add(0, 5);
    TestLog fork = TestLog.forkAfter(5).growTo(64);
    log.growTo(64);
    RandomGenerator random =
        RandomGeneratorFactory.of("L64X128MixRandom").create(rep.getCurrentRepetition());
    ConcurrentLinkedQueue<Checkpoint> cosigned = new ConcurrentLinkedQueue<>();
    List<Runnable> tasks = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      TestLog which = random.nextBoolean() ? log : fork;
      long newSize = 6 + random.nextLong(58);
      tasks.add(
          () -> {
            // Ask for the current state with old 0 the way a client does, then try to advance.
            long old;
            try {
              old = witness.latest(log.origin()).orElseThrow().size();
            } catch (IOException e) {
              throw new RuntimeException(e);
            }
            if (old > newSize) {
              return;
            }
            List<Hash> proof = old == newSize ? List.of() : which.proof(old, newSize);
            try {
              witness.addCheckpoint(body(old, proof, which.signedCheckpoint(newSize)));
              cosigned.add(which.checkpoint(newSize));
            } catch (AddCheckpointException expected) {
              // stale or inconsistent: fine, as long as nothing inconsistent got cosigned
            } catch (IOException e) {
              throw new RuntimeException(e);
            }
          });
    }
    runConcurrently(tasks);
    boolean anyMain = cosigned.stream().anyMatch(c -> c.root().equals(log.root(c.size())));
    boolean anyFork = cosigned.stream().anyMatch(c -> c.root().equals(fork.root(c.size())));
    assertThat(anyMain && anyFork).as("cosigned both histories: %s", cosigned).isFalse();
    assertThat(cosigned).isNotEmpty();
    long max = cosigned.stream().mapToLong(Checkpoint::size).max().orElseThrow();
    assertThat(witness.latest(log.origin()).orElseThrow().size()).isEqualTo(max);
  }

  private static void runConcurrently(List<Runnable> tasks) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Runnable t : tasks) {
        pool.execute(
            () -> {
              try {
                start.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              t.run();
            });
      }
      start.countDown();
    }
  }

  @Test
  void witness_logKeyOfWrongType_isRefused() {
    var cosigKey = signer.publicKey();
    assertThatThrownBy(
            () ->
                new Witness(
                    signer, List.of(cosigKey), store, EvidenceStore.open(dir.resolve("e2"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Ed25519");
  }
}
