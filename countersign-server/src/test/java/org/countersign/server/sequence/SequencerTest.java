package org.countersign.server.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.countersign.log.Hash;
import org.countersign.log.merkle.MerkleTree;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;
import org.countersign.server.ops.ServerMetrics;
import org.countersign.server.publish.CheckpointPublisher;
import org.countersign.server.publish.LogCheckpointSigner;
import org.countersign.server.publish.PublicationDeferredException;
import org.countersign.server.publish.PublishedCheckpoint;
import org.countersign.server.publish.PublishedLog;
import org.countersign.server.submit.AcceptedEntry;
import org.countersign.server.submit.Refusal;
import org.countersign.server.submit.SubmissionRefusedException;
import org.countersign.server.tiles.ProofSource;
import org.countersign.server.tiles.TileSource;
import org.countersign.store.Batch;
import org.countersign.store.NewEntry;
import org.countersign.store.SqliteLogStore;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.treaty.protocol.KeyRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequencerTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final SignerKey LOG = SignerKey.fromSeed("example.test/log", new byte[32]);
  static final VerifierKey US = VerifierKey.ed25519("party.test/us", new byte[32]);

  @TempDir Path dir;
  FaultyStore store;
  TileSource tiles;
  PublishedLog published;
  KeyRegistry registry;

  @SuppressWarnings("NullAway.Init") // set by start(), which every test calls first
  Sequencer sequencer;

  CheckpointPublisher publisher;
  // Whether the sequencer's publisher overlaps the next batch (a witness round).
  boolean overlap;
  int maxPending = 1000;
  Duration delay = Duration.ofMillis(2);

  @BeforeEach
  void open() throws Exception {
    store = new FaultyStore(SqliteLogStore.open(dir));
    LogCheckpointSigner signer = new LogCheckpointSigner(LOG);
    String empty = signer.sign(0, Hash.EMPTY);
    store.commit(new Batch(0, List.of(), Map.of(), empty));
    tiles = new TileSource(store, 1 << 20, 1 << 20);
    PublishedCheckpoint initial = new PublishedCheckpoint(0, Hash.EMPTY, empty);
    published = new PublishedLog(initial);
    registry =
        new KeyRegistry(FirstKeys.none(), Map.of("US", List.of(new KeyRegistry.KeyPeriod(US, T0))));
    publisher = CheckpointPublisher.storing(store);
  }

  void start(int batchMax) {
    sequencer =
        new Sequencer(
            store,
            new TileBatchIntegrator(tiles),
            new LogCheckpointSigner(LOG),
            new CheckpointPublisher() {
              @Override
              public String publish(PublishedCheckpoint c) throws Exception {
                return publisher.publish(c);
              }

              @Override
              public boolean overlapsNextBatch() {
                return overlap;
              }
            },
            published,
            tiles,
            registry,
            new ServerMetrics(),
            published.current(),
            batchMax,
            delay,
            maxPending);
    sequencer.start();
  }

  @AfterEach
  void close() throws Exception {
    if (sequencer != null) {
      sequencer.stop(Duration.ofSeconds(5));
    }
    store.close();
  }

  static AcceptedEntry use(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new AcceptedEntry(
        NewEntry.of(bytes),
        Rfc6962.leafHash(bytes),
        new KeyRegistry.Use("US", US, T0),
        "US",
        "test");
  }

  CompletableFuture<Integrated> queue(AcceptedEntry e) throws Exception {
    Sequencer.Ticket t = sequencer.submit(e);
    assertThat(t).isInstanceOf(Sequencer.Queued.class);
    return ((Sequencer.Queued) t).integrated();
  }

  @Test
  void submit_manyEntries_indexesDenseAndRootMatchesReferenceTree() throws Exception {
    start(7);
    List<AcceptedEntry> entries = new ArrayList<>();
    List<CompletableFuture<Integrated>> fs = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      entries.add(use("entry " + i));
      fs.add(queue(entries.get(i)));
    }
    MerkleTree reference = new MerkleTree();
    for (int i = 0; i < entries.size(); i++) {
      Integrated r = fs.get(i).get(10, TimeUnit.SECONDS);
      assertThat(r.index()).isEqualTo(i); // one submitter: queue order is log order
      reference.append(entries.get(i).leafHash());
    }
    PublishedCheckpoint c = published.current();
    assertThat(c.size()).isEqualTo(600);
    assertThat(c.root()).isEqualTo(reference.root());
    ProofSource proofs = new ProofSource(tiles);
    for (long i : new long[] {0, 1, 255, 256, 299, 599}) {
      assertThat(proofs.inclusion(i, 600)).isEqualTo(reference.inclusionProof(i, 600));
    }
    assertThat(proofs.consistency(37, 600)).isEqualTo(reference.consistencyProof(37, 600));
    assertThat(store.publishedCheckpoint()).contains(c.note());
  }

  @Test
  void commitFailsBeforeWriting_batchFailsNothingPublishedThenRecovers() throws Exception {
    start(1024);
    store.failCommitsBefore.set(1);
    CompletableFuture<Integrated> failed = queue(use("lost"));
    assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    assertThat(published.current().size()).isZero();
    assertThat(store.treeState().size()).isZero();
    assertThat(sequencer.inFlight(use("lost").identity())).isNull();
    // The same entry can be submitted again, and lands at index 0.
    assertThat(queue(use("lost")).get(10, TimeUnit.SECONDS).index()).isZero();
    assertThat(sequencer.health().healthy()).isTrue();
  }

  @Test
  void issue13_failingWrites_makeHealthUnhealthyAndTheEntryKnownAsFailed() throws Exception {
    start(1024);
    store.failCommitsBefore.set(1);
    CompletableFuture<Integrated> failed = queue(use("disk full"));
    assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    // Finding 6: health said "ok" through a full disk. Finding 8: a 202'd entry vanished.
    assertThat(sequencer.health().healthy()).isFalse();
    assertThat(sequencer.health().problem()).startsWith("writes are failing");
    assertThat(sequencer.failure(use("disk full").identity()))
        .hasValueSatisfying(why -> assertThat(why).contains("disk full"));
    // Submitting again clears both once the write succeeds.
    assertThat(queue(use("disk full")).get(10, TimeUnit.SECONDS).index()).isZero();
    assertThat(sequencer.failure(use("disk full").identity())).isEmpty();
    assertThat(sequencer.health().healthy()).isTrue();
  }

  @Test
  void commitReportsErrorAfterWriting_readBackTreatsItAsCommitted() throws Exception {
    start(1024);
    store.failCommitsAfter.set(1);
    Integrated r = queue(use("ambiguous")).get(10, TimeUnit.SECONDS);
    assertThat(r.index()).isZero();
    assertThat(published.current().size()).isEqualTo(1);
    assertThat(queue(use("next")).get(10, TimeUnit.SECONDS).index()).isEqualTo(1);
  }

  @Test
  void publishFails_answersWithCommittedCheckpointAndRetriesWhileIdle() throws Exception {
    start(1024);
    store.failPublishes.set(1);
    Integrated r = queue(use("unpublished")).get(10, TimeUnit.SECONDS);
    assertThat(r.checkpoint().size()).isEqualTo(1);
    // Published by the idle retry (every 250 ms) without any new submission.
    assertThat(published.awaitSize(1, Duration.ofSeconds(5)).size()).isEqualTo(1);
    assertThat(store.publishedCheckpoint()).contains(r.checkpoint().note());
  }

  @Test
  void overlappingPublisher_nextBatchCommitsDuringARoundAndOneRoundCoversBoth() throws Exception {
    overlap = true;
    CountDownLatch inRound = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Long> rounds = new CopyOnWriteArrayList<>();
    CheckpointPublisher storing = CheckpointPublisher.storing(store);
    publisher =
        c -> {
          rounds.add(c.size());
          inRound.countDown();
          assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
          return storing.publish(c);
        };
    start(1024);
    Integrated first = queue(use("first batch")).get(10, TimeUnit.SECONDS);
    assertThat(inRound.await(10, TimeUnit.SECONDS)).isTrue();
    // The first round is still waiting on its witnesses: the next batch is integrated and made
    // durable meanwhile, and nothing beyond the published tree is served.
    Integrated second = queue(use("second batch")).get(10, TimeUnit.SECONDS);
    assertThat(first.index()).isZero();
    assertThat(second.index()).isEqualTo(1);
    assertThat(store.treeState().size()).isEqualTo(2);
    assertThat(published.current().size()).isZero();
    assertThat(store.publishedCheckpoint()).isNotEqualTo(Optional.of(second.checkpoint().note()));
    // Both entries have left the queue but are not published: admission checks, which decide
    // against the published log, must know that their view is behind.
    assertThat(sequencer.pending()).isZero();
    assertThat(sequencer.unpublished()).isEqualTo(2);
    release.countDown();
    // The next round takes the newest committed checkpoint, which covers both batches.
    PublishedCheckpoint c = published.awaitSize(2, Duration.ofSeconds(10));
    assertThat(c.note()).isEqualTo(second.checkpoint().note());
    assertThat(rounds).containsExactly(1L, 2L);
    assertThat(store.publishedCheckpoint()).contains(c.note());
    assertThat(sequencer.unpublished()).isZero();
    assertThat(sequencer.health().healthy()).isTrue();
  }

  @Test
  void overlappingPublisher_idle_batchIsCutWithoutWaitingOutTheDelay() throws Exception {
    overlap = true;
    delay = Duration.ofSeconds(30);
    start(1024);
    // No round is in flight, so nothing is gained by waiting for the batch to fill: the entry is
    // committed and published long before the 30 s delay (issue 14, item 2).
    Integrated r = queue(use("alone")).get(10, TimeUnit.SECONDS);
    assertThat(published.awaitSize(1, Duration.ofSeconds(10)).note())
        .isEqualTo(r.checkpoint().note());
  }

  @Test
  void overlappingPublisher_deferredRoundIsRetriedWhileIdle() throws Exception {
    overlap = true;
    store.failPublishes.set(1);
    start(1024);
    Integrated r = queue(use("deferred")).get(10, TimeUnit.SECONDS);
    // Published by the publication thread's idle retry, with no new submission.
    assertThat(published.awaitSize(1, Duration.ofSeconds(5)).note())
        .isEqualTo(r.checkpoint().note());
  }

  @Test
  void overlappingPublisher_stopPublishesTheNewestCommittedCheckpoint() throws Exception {
    overlap = true;
    delay = Duration.ofMillis(200);
    start(4);
    List<CompletableFuture<Integrated>> fs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      fs.add(queue(use("draining " + i)));
    }
    sequencer.stop(Duration.ofSeconds(10));
    for (CompletableFuture<Integrated> f : fs) {
      assertThat(f).isCompleted();
    }
    assertThat(published.current().size()).isEqualTo(10);
    assertThat(store.publishedCheckpoint()).contains(published.current().note());
  }

  @Test
  void overlappingPublisher_fencedSequencerPublishesNothingMore() throws Exception {
    overlap = true;
    AtomicBoolean witnessesUp = new AtomicBoolean();
    CheckpointPublisher storing = CheckpointPublisher.storing(store);
    publisher =
        c -> {
          if (!witnessesUp.get()) {
            throw new PublicationDeferredException("quorum not met");
          }
          return storing.publish(c);
        };
    start(1024);
    assertThat(queue(use("mine")).get(10, TimeUnit.SECONDS).index()).isZero();
    byte[] theirs = "theirs".getBytes(StandardCharsets.UTF_8);
    BatchIntegrator.Grown g =
        new TileBatchIntegrator(tiles).integrate(1, List.of(Rfc6962.leafHash(theirs)));
    store.commit(
        new Batch(
            1,
            List.of(NewEntry.of(theirs)),
            g.tiles(),
            new LogCheckpointSigner(LOG).sign(2, g.root())));
    CompletableFuture<Integrated> refused = queue(use("after the fork attempt"));
    assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    assertThat(sequencer.health().problem()).contains("another writer");
    // The witnesses come back: a fenced log publishes nothing more, not even its own last batch.
    witnessesUp.set(true);
    Thread.sleep(700); // more than two idle retries of the publication thread
    assertThat(published.current().size()).isZero();
  }

  @Test
  void submit_sameEntryTwice_joinsOrFindsTheFirst() throws Exception {
    delay = Duration.ofMillis(300);
    start(1024);
    Sequencer.Ticket first = sequencer.submit(use("twice"));
    Sequencer.Ticket second = sequencer.submit(use("twice"));
    assertThat(second).isInstanceOf(Sequencer.Queued.class);
    assertThat(((Sequencer.Queued) second).joined()).isTrue();
    assertThat(((Sequencer.Queued) second).integrated())
        .isSameAs(((Sequencer.Queued) first).integrated());
    assertThat(((Sequencer.Queued) first).integrated().get(10, TimeUnit.SECONDS).index()).isZero();
    assertThat(sequencer.submit(use("twice"))).isEqualTo(new Sequencer.AlreadyLogged(0));
    assertThat(store.treeState().size()).isEqualTo(1);
  }

  @Test
  void enqueue_loggedRegistrationAgain_batchLookupFindsItBeforeTheRegistryRefusesIt()
      throws Exception {
    delay = Duration.ofMillis(50);
    VerifierKey k1 = VerifierKey.ed25519("party.test/fr", Hash.sha256(new byte[] {1}).bytes());
    registry =
        new KeyRegistry(
            FirstKeys.of(Map.of("FR", k1)),
            Map.of("US", List.of(new KeyRegistry.KeyPeriod(US, T0))));
    start(1024);
    byte[] b1 = "register k1".getBytes(StandardCharsets.UTF_8);
    AcceptedEntry register =
        new AcceptedEntry(
            NewEntry.of(b1),
            Rfc6962.leafHash(b1),
            new KeyRegistry.Register("FR", k1, T0),
            "FR",
            "reg");
    assertThat(sequencer.enqueue(register).integrated().get(10, TimeUnit.SECONDS).index()).isZero();
    // Admitted again, France's first key would be a key conflict: the lookup must come first.
    CompletableFuture<Integrated> again = sequencer.enqueue(register).integrated();
    CompletableFuture<Integrated> fresh = sequencer.enqueue(use("fresh")).integrated();
    assertThatThrownBy(() -> again.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(AlreadyLoggedException.class)
        .satisfies(
            e ->
                assertThat(((AlreadyLoggedException) Objects.requireNonNull(e.getCause())).index())
                    .isZero());
    assertThat(fresh.get(10, TimeUnit.SECONDS).index()).isEqualTo(1);
    assertThat(store.treeState().size()).isEqualTo(2);
  }

  @Test
  void enqueue_batchLookupFails_batchFailsWithNothingWrittenAndCanBeSubmittedAgain()
      throws Exception {
    start(1024);
    store.failLookups.set(1);
    AcceptedEntry e = use("looked up in vain");
    CompletableFuture<Integrated> failed = sequencer.enqueue(e).integrated();
    assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(org.countersign.store.StoreException.class);
    assertThat(sequencer.failure(e.identity())).isPresent();
    assertThat(store.treeState().size()).isZero();
    assertThat(sequencer.enqueue(e).integrated().get(10, TimeUnit.SECONDS).index()).isZero();
    assertThat(sequencer.health().healthy()).isTrue();
  }

  @Test
  void twoFirstRegistrationsInOneBatch_secondRefusedInLogOrder() throws Exception {
    delay = Duration.ofMillis(300);
    VerifierKey k1 = VerifierKey.ed25519("party.test/fr", Hash.sha256(new byte[] {1}).bytes());
    VerifierKey k2 = VerifierKey.ed25519("party.test/fr", Hash.sha256(new byte[] {2}).bytes());
    // k1 is France's agreed first key; k2, in the same batch, comes after it in log order.
    registry =
        new KeyRegistry(
            FirstKeys.of(Map.of("FR", k1)),
            Map.of("US", List.of(new KeyRegistry.KeyPeriod(US, T0))));
    start(1024);
    byte[] b1 = "register k1".getBytes(StandardCharsets.UTF_8);
    byte[] b2 = "register k2".getBytes(StandardCharsets.UTF_8);
    CompletableFuture<Integrated> f1 =
        queue(
            new AcceptedEntry(
                NewEntry.of(b1),
                Rfc6962.leafHash(b1),
                new KeyRegistry.Register("FR", k1, T0),
                "FR",
                "reg"));
    CompletableFuture<Integrated> f2 =
        queue(
            new AcceptedEntry(
                NewEntry.of(b2),
                Rfc6962.leafHash(b2),
                new KeyRegistry.Register("FR", k2, T0),
                "FR",
                "reg"));
    assertThat(f1.get(10, TimeUnit.SECONDS).index()).isZero();
    assertThatThrownBy(() -> f2.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(SubmissionRefusedException.class)
        .satisfies(
            e ->
                assertThat(
                        ((SubmissionRefusedException) Objects.requireNonNull(e.getCause()))
                            .refusal())
                    .isEqualTo(Refusal.KEY_CONFLICT));
    assertThat(registry.current("FR")).map(KeyRegistry.KeyPeriod::key).contains(k1);
    assertThat(store.treeState().size()).isEqualTo(1);
  }

  @Test
  void submit_queueFull_pushesBackAndReleasesIdentity() throws Exception {
    maxPending = 2;
    delay = Duration.ofSeconds(2);
    start(1);
    List<Object> outcomes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      try {
        outcomes.add(sequencer.submit(use("full " + i)));
      } catch (PushbackException e) {
        assertThat(e.retryAfterSeconds()).isPositive();
        outcomes.add(e);
      }
    }
    assertThat(outcomes).hasAtLeastOneElementOfType(PushbackException.class);
    assertThat(sequencer.pending()).isLessThanOrEqualTo(3);
  }

  @Test
  void stop_withQueuedEntries_integratesThemFirst() throws Exception {
    delay = Duration.ofMillis(200);
    start(4);
    List<CompletableFuture<Integrated>> fs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      fs.add(queue(use("draining " + i)));
    }
    sequencer.stop(Duration.ofSeconds(10));
    for (CompletableFuture<Integrated> f : fs) {
      assertThat(f).isCompleted();
      assertThat(f.get().index()).isLessThan(20);
    }
    assertThat(store.treeState().size()).isEqualTo(20);
    assertThatThrownBy(() -> sequencer.submit(use("too late")))
        .isInstanceOf(PushbackException.class);
  }

  @Test
  void anotherWriterCommits_sequencerFencesItselfAndReportsUnhealthy() throws Exception {
    start(1024);
    assertThat(queue(use("mine")).get(10, TimeUnit.SECONDS).index()).isZero();
    // Someone else appends to the same store behind the sequencer's back.
    byte[] theirs = "theirs".getBytes(StandardCharsets.UTF_8);
    BatchIntegrator.Grown g =
        new TileBatchIntegrator(tiles).integrate(1, List.of(Rfc6962.leafHash(theirs)));
    store.commit(
        new Batch(
            1,
            List.of(NewEntry.of(theirs)),
            g.tiles(),
            new LogCheckpointSigner(LOG).sign(2, g.root())));
    CompletableFuture<Integrated> refused = queue(use("after the fork attempt"));
    assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    Sequencer.Health h = sequencer.health();
    assertThat(h.healthy()).isFalse();
    assertThat(h.problem()).contains("another writer");
    assertThatThrownBy(() -> sequencer.submit(use("refused")))
        .isInstanceOf(PushbackException.class);
    assertThat(published.current().size()).isEqualTo(1);
  }

  @Test
  void commitHangs_healthTurnsUnhealthyWhileEntriesWait() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    publisher =
        c -> {
          release.await();
          return c.note();
        };
    start(1024);
    sequencer.stuckAfter(Duration.ofMillis(200));
    CompletableFuture<Integrated> f = queue(use("slow"));
    Thread.sleep(600);
    assertThat(sequencer.health().healthy()).isFalse();
    assertThat(sequencer.health().problem()).contains("no progress");
    release.countDown();
    assertThat(f.get(10, TimeUnit.SECONDS).index()).isZero();
    assertThat(sequencer.health().healthy()).isTrue();
  }
}
