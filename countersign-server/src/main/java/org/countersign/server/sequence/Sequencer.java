package org.countersign.server.sequence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.countersign.log.Hash;
import org.countersign.server.ops.ServerMetrics;
import org.countersign.server.publish.CheckpointPublisher;
import org.countersign.server.publish.CheckpointSigner;
import org.countersign.server.publish.PublicationDeferredException;
import org.countersign.server.publish.PublishedCheckpoint;
import org.countersign.server.publish.PublishedLog;
import org.countersign.server.submit.AcceptedEntry;
import org.countersign.server.submit.RegistrySnapshot;
import org.countersign.server.submit.SubmissionRefusedException;
import org.countersign.server.tiles.TileSource;
import org.countersign.store.Batch;
import org.countersign.store.ConflictException;
import org.countersign.store.DuplicateEntryException;
import org.countersign.store.LogStore;
import org.countersign.store.NewEntry;
import org.countersign.store.StoreException;
import org.countersign.store.TreeState;
import org.countersign.treaty.protocol.EntryRejectedException;
import org.countersign.treaty.protocol.KeyRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's single writer: batches accepted entries, integrates them into the tree, commits them
 * durably, and only then publishes the checkpoint and answers the submitters.
 *
 * <h2>Life of a batch</h2>
 *
 * <ol>
 *   <li>Submissions wait in a bounded queue ({@code maxPending}); when it is full, {@link #submit}
 *       throws {@link PushbackException} and the client is told to retry (503 + Retry-After).
 *   <li>One thread takes up to {@code batchMaxSize} entries, waiting at most {@code batchMaxDelay}
 *       after the first one arrived, whichever comes first.
 *   <li>Each entry's key event is re-checked in log order against the party key registry (see
 *       {@link KeyRegistry}); refused entries are answered and dropped from the batch.
 *   <li>Indexes are assigned in queue order; {@link BatchIntegrator} computes the changed tiles and
 *       the new root; {@link CheckpointSigner} signs the checkpoint; {@link LogStore#commit} writes
 *       entries, tiles and checkpoint in one durable transaction.
 *   <li>Only after the commit returned: the registry and tile caches advance, {@link
 *       CheckpointPublisher} publishes, and the waiting futures complete.
 * </ol>
 *
 * <h2>Publication beside integration</h2>
 *
 * <p>A publisher that waits on others ({@link CheckpointPublisher#overlapsNextBatch()}: a witness
 * round) runs on a thread of its own, so that its round overlaps the next batch's integration and
 * commit instead of delaying it. The writer hands it each committed checkpoint and completes the
 * batch's futures once the batch is durable; the publication thread always publishes the newest
 * committed checkpoint (one round may so cover several batches) and retries while it is behind.
 * While a round is in flight the next batch fills (up to the batch delay or size); once the
 * publication thread is idle, the writer cuts its batch at once, so a round starts as soon as there
 * is something new and entries do not wait out a delay nobody gains from. Nothing changes for
 * readers and submitters: {@link PublishedLog} still serves only what the publisher returned, and
 * the HTTP layer answers a receipt only once the published tree covers the entry ({@link
 * PublishedLog#awaitSize}).
 *
 * <h2>Crash safety</h2>
 *
 * <p>A crash before the commit returns loses only the batch, whose submitters were never answered:
 * by the store's atomicity either all of it is on disk (and a restart publishes it) or none. A
 * crash after the commit but before publishing leaves a committed, unpublished checkpoint, which
 * {@code LogServer} publishes at the next start. No submitter is ever told "integrated" about an
 * entry that is not durable, and no checkpoint is published that covers bytes not on disk.
 *
 * <p>An ambiguous commit failure (the engine reported an error, but the commit may have happened)
 * is resolved by reading the store's tree state back. If the store holds a size this sequencer did
 * not produce, another writer is active: the sequencer fences itself (refuses all work and reports
 * unhealthy) rather than sign a second history.
 *
 * <h2>Deduplication</h2>
 *
 * <p>An entry's identity is first claimed in an in-flight map, then looked up in the store: at once
 * ({@link #submit}), or with the rest of its batch in one read ({@link #enqueue}; every batch is
 * looked up so); it is released from the map only after its batch is durable. So a second
 * submission of the same bytes either joins the first one's future or finds it in the store, and
 * never makes a second entry.
 */
public final class Sequencer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sequencer.class);
  private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  // How often a filling batch looks whether the publication thread has become idle.
  private static final long IDLE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /** What {@link #submit} did with an entry. */
  public sealed interface Ticket permits Queued, AlreadyLogged {}

  /**
   * The entry is (or already was) waiting for integration.
   *
   * @param integrated completes once the entry is durable and, unless the publisher {@linkplain
   *     CheckpointPublisher#overlapsNextBatch() overlaps the next batch}, published; fails with
   *     {@link SubmissionRefusedException} if the registry refused it in log order, {@link
   *     AlreadyLoggedException} if it proved to be a duplicate, or another exception if its batch
   *     failed (nothing written)
   * @param joined true if an identical submission was already in flight and this one joined it
   */
  public record Queued(CompletableFuture<Integrated> integrated, boolean joined)
      implements Ticket {}

  /** The entry is already integrated at {@code index}; nothing was queued. */
  public record AlreadyLogged(long index) implements Ticket {}

  /**
   * A snapshot of the sequencer for {@code /health}.
   *
   * @param healthy false if the writer thread died, fenced itself, or made no progress for too long
   *     while entries wait
   * @param problem why not healthy, or the empty string
   * @param treeSize committed tree size
   * @param publishedSize published tree size
   * @param pending entries waiting for the sequencer
   * @param sinceProgress time since the writer last made progress
   */
  public record Health(
      boolean healthy,
      String problem,
      long treeSize,
      long publishedSize,
      int pending,
      Duration sinceProgress) {}

  /** The largest batch accepted: one batch may at most fill 256 level-0 tiles. */
  public static final int MAX_BATCH_SIZE = 65_536;

  private record Pending(
      AcceptedEntry entry, CompletableFuture<Integrated> future, long enqueuedNanos) {}

  private final LogStore store;
  private final BatchIntegrator integrator;
  private final CheckpointSigner signer;
  private final CheckpointPublisher publisher;
  private final PublishedLog published;
  private final TileSource tiles;
  private final KeyRegistry registry;
  private final ServerMetrics metrics;
  private final int batchMaxSize;
  private final long batchMaxDelayNanos;
  private volatile long stuckAfterNanos;
  private final ArrayBlockingQueue<Pending> queue;
  private final ConcurrentHashMap<Hash, Pending> inFlight = new ConcurrentHashMap<>();
  private final Thread thread;
  // The publication thread, when the publisher overlaps the next batch; else null.
  private final @Nullable Thread publishing;
  private final ReentrantLock handOver = new ReentrantLock();
  private final Condition committedMore = handOver.newCondition();
  // The newest committed checkpoint, handed from the writer to the publication thread.
  private PublishedCheckpoint lastCommitted; // guarded by handOver
  private boolean writerDone; // guarded by handOver
  // True while the publication thread waits for a checkpoint newer than the one it attempted: no
  // round is in flight, so the writer cuts its batch at once instead of waiting out the delay.
  private volatile boolean publicationIdle;

  // Written only by the writer thread; volatile where /health reads it.
  private long size;
  private Hash root;
  private String committedNote;
  private volatile long committedSize;
  private volatile long lastProgressNanos = System.nanoTime();
  private volatile boolean accepting = true;
  // The last batch that failed to become durable, until one succeeds: /health reports it.
  private volatile @Nullable String writeFailure;
  // Entries whose batch failed (nothing written), so a poll says "failed", not "no entry". Bounded:
  // the oldest are forgotten first.
  private final Map<Hash, String> failed =
      Collections.synchronizedMap(
          new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Hash, String> eldest) {
              return size() > MAX_REMEMBERED_FAILURES;
            }
          });

  /** How many failed entries a poll can still learn about. */
  public static final int MAX_REMEMBERED_FAILURES = 100_000;

  private volatile @Nullable String fenced;

  /**
   * A sequencer continuing the committed tree {@code (size, root, note)}; call {@link #start()}.
   *
   * @param batchMaxSize most entries per batch
   * @param batchMaxDelay longest wait for a batch to fill after its first entry
   * @param maxPending queue capacity
   */
  public Sequencer(
      LogStore store,
      BatchIntegrator integrator,
      CheckpointSigner signer,
      CheckpointPublisher publisher,
      PublishedLog published,
      TileSource tiles,
      KeyRegistry registry,
      ServerMetrics metrics,
      PublishedCheckpoint committed,
      int batchMaxSize,
      Duration batchMaxDelay,
      int maxPending) {
    this.store = Objects.requireNonNull(store, "store");
    this.integrator = Objects.requireNonNull(integrator, "integrator");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.published = Objects.requireNonNull(published, "published");
    this.tiles = Objects.requireNonNull(tiles, "tiles");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    if (batchMaxSize < 1 || batchMaxSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException("batch max size out of range: " + batchMaxSize);
    }
    this.batchMaxSize = batchMaxSize;
    this.batchMaxDelayNanos = batchMaxDelay.toNanos();
    this.stuckAfterNanos = Math.max(TimeUnit.SECONDS.toNanos(15), 20 * batchMaxDelayNanos);
    this.queue = new ArrayBlockingQueue<>(maxPending);
    this.size = committed.size();
    this.root = committed.root();
    this.committedNote = committed.note();
    this.committedSize = committed.size();
    this.thread = new Thread(this::run, "countersign-sequencer");
    this.thread.setDaemon(true);
    this.lastCommitted = committed;
    if (publisher.overlapsNextBatch()) {
      this.publishing = new Thread(this::publishNewest, "countersign-publication");
      this.publishing.setDaemon(true);
    } else {
      this.publishing = null;
    }
  }

  /** Sets how long the writer may make no progress while entries wait before /health fails. */
  void stuckAfter(Duration d) {
    stuckAfterNanos = d.toNanos();
  }

  /** Starts the writer thread (and the publication thread, if the publisher overlaps). */
  public void start() {
    thread.start();
    if (publishing != null) {
      publishing.start();
    }
  }

  /**
   * Hands an accepted entry to the sequencer, or finds it already logged or in flight.
   *
   * @throws PushbackException if the queue is full, the server is shutting down, or the sequencer
   *     fenced itself
   * @throws StoreException if the duplicate lookup failed
   */
  public Ticket submit(AcceptedEntry entry) throws StoreException {
    Pending mine = pending(entry);
    Pending prior = inFlight.putIfAbsent(entry.identity(), mine);
    if (prior != null) {
      return new Queued(prior.future(), true);
    }
    OptionalLong index;
    try {
      index = store.indexOfIdentity(entry.identity());
    } catch (StoreException | RuntimeException e) {
      inFlight.remove(entry.identity(), mine);
      throw e;
    }
    if (index.isPresent()) {
      inFlight.remove(entry.identity(), mine);
      return new AlreadyLogged(index.getAsLong());
    }
    return offer(mine);
  }

  /**
   * Hands an accepted entry to the sequencer without looking it up in the store first: a copy
   * already integrated is found when the entry's batch is looked up, the whole batch in one read,
   * and the future then fails with {@link AlreadyLoggedException}. A submitter that waits for its
   * batch anyway so saves a store read of its own (issue 14); {@link #submit} answers an integrated
   * copy at once.
   *
   * @throws PushbackException as for {@link #submit}
   */
  public Queued enqueue(AcceptedEntry entry) {
    Pending mine = pending(entry);
    Pending prior = inFlight.putIfAbsent(entry.identity(), mine);
    if (prior != null) {
      return new Queued(prior.future(), true);
    }
    return offer(mine);
  }

  private Pending pending(AcceptedEntry entry) {
    String why = fenced;
    if (why != null) {
      throw new PushbackException(
          "the log is not accepting entries: " + why, Duration.ofSeconds(60));
    }
    if (!accepting) {
      throw new PushbackException("the server is shutting down", Duration.ofSeconds(5));
    }
    failed.remove(entry.identity());
    return new Pending(entry, new CompletableFuture<>(), System.nanoTime());
  }

  /** Queues an entry already claimed in the in-flight map, or releases it and pushes back. */
  private Queued offer(Pending mine) {
    if (!queue.offer(mine)) {
      inFlight.remove(mine.entry().identity(), mine);
      throw new PushbackException(
          "the sequencer queue is full (" + queue.size() + " entries waiting)", retryAfter());
    }
    return new Queued(mine.future(), false);
  }

  /**
   * Why the batch holding {@code identity} failed, if it did and the entry was not submitted again
   * since: nothing of it was written.
   */
  public Optional<String> failure(Hash identity) {
    return Optional.ofNullable(failed.get(identity));
  }

  /** The future of an entry still in flight (queued or in a batch not yet durable), if any. */
  public @Nullable CompletableFuture<Integrated> inFlight(Hash identity) {
    Pending p = inFlight.get(identity);
    return p == null ? null : p.future();
  }

  /** Entries waiting, queued or in the batch being integrated. */
  public int pending() {
    return inFlight.size();
  }

  /**
   * Entries accepted but not yet covered by the published checkpoint: queued, in the batch being
   * integrated, or committed and waiting for their witness round. A reader that decides against the
   * published log (the admission checks) can trust its view only when this is 0; while a round runs
   * beside the next batch, committed entries have left {@link #pending()} but are not published.
   */
  public long unpublished() {
    // In-flight first: an entry leaves it only after committedSize covers it, so no entry is
    // missed.
    long waiting = inFlight.size();
    return waiting + Math.max(0, committedSize - published.current().size());
  }

  /** The committed tree size (at least the published size). */
  public long committedSize() {
    return committedSize;
  }

  /** The state for {@code /health}. */
  public Health health() {
    long since = System.nanoTime() - lastProgressNanos;
    int waiting = inFlight.size();
    String problem = "";
    String why = fenced;
    if (why != null) {
      problem = "fenced: " + why;
    } else if (!accepting) {
      problem = "the server is stopping";
    } else if (!thread.isAlive()) {
      problem = "the sequencer thread is not running";
    } else if (publishing != null && !publishing.isAlive()) {
      problem = "the publication thread is not running";
    } else if (writeFailure != null) {
      problem = "writes are failing: " + writeFailure;
    } else if (waiting > 0 && since > stuckAfterNanos) {
      problem =
          "no progress for "
              + Duration.ofNanos(since).toSeconds()
              + " s with "
              + waiting
              + " entries waiting";
    }
    return new Health(
        problem.isEmpty(),
        problem,
        committedSize,
        published.current().size(),
        waiting,
        Duration.ofNanos(since));
  }

  /**
   * Stops accepting entries, lets the writer finish the batch in flight and the entries already
   * queued (within {@code grace}), then fails whatever is left with {@link PushbackException}.
   */
  public void stop(Duration grace) {
    accepting = false;
    long deadline = System.nanoTime() + grace.toNanos();
    try {
      thread.join(Math.max(1, grace.toMillis()));
      if (thread.isAlive()) {
        log.warn(
            "event=sequencer_stop_timeout grace_ms={} pending={}",
            grace.toMillis(),
            inFlight.size());
        thread.interrupt();
        thread.join(1000);
      }
      if (publishing != null) {
        // The writer is done: one last round for its newest checkpoint, within what is left.
        handOver.lock();
        try {
          writerDone = true;
          committedMore.signalAll();
        } finally {
          handOver.unlock();
        }
        publishing.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        if (publishing.isAlive()) {
          publishing.interrupt();
          publishing.join(1000);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    for (Pending p : left) {
      inFlight.remove(p.entry().identity(), p);
      p.future()
          .completeExceptionally(
              new PushbackException(
                  "the server stopped before integrating the entry", Duration.ofSeconds(5)));
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  private Duration retryAfter() {
    // Roughly the time to work off the queue at one batch per max delay, at least a second.
    long batches = ((long) queue.size() + batchMaxSize - 1) / batchMaxSize;
    return Duration.ofNanos(
        Math.max(TimeUnit.SECONDS.toNanos(1), batches * Math.max(batchMaxDelayNanos, 1)));
  }

  private void run() {
    log.info(
        "event=sequencer_started size={} batch_max={} delay_ms={}",
        size,
        batchMaxSize,
        TimeUnit.NANOSECONDS.toMillis(batchMaxDelayNanos));
    while (true) {
      Pending first;
      try {
        first = queue.poll(IDLE_POLL_NANOS, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        break;
      }
      lastProgressNanos = System.nanoTime();
      if (first == null) {
        if (!accepting && queue.isEmpty()) {
          break;
        }
        if (publishing == null) {
          retryPublishIfBehind();
        }
        continue;
      }
      List<Pending> batch = new ArrayList<>(Math.min(batchMaxSize, queue.size() + 1));
      batch.add(first);
      long deadline = first.enqueuedNanos() + batchMaxDelayNanos;
      try {
        while (batch.size() < batchMaxSize) {
          queue.drainTo(batch, batchMaxSize - batch.size());
          long wait = deadline - System.nanoTime();
          if (batch.size() >= batchMaxSize || wait <= 0 || !accepting || publicationIdle) {
            break;
          }
          // With a publication thread, a batch need not wait longer than the round in flight:
          // the next round starts when it ends and takes the newest committed checkpoint, so
          // cutting the batch then loses nothing and saves the rest of the delay (issue 14).
          long slice = publishing == null ? wait : Math.min(wait, IDLE_CHECK_NANOS);
          Pending next = queue.poll(slice, TimeUnit.NANOSECONDS);
          if (next != null) {
            batch.add(next);
          } else if (slice == wait) {
            break;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process(batch);
      lastProgressNanos = System.nanoTime();
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
    }
    log.info("event=sequencer_stopped size={}", size);
  }

  /** Integrates one batch; never throws: every failure is answered to the batch's submitters. */
  private void process(List<Pending> batch) {
    List<Pending> todo = notYetLogged(batch);
    // Each retry removes at least one entry (a duplicate found at commit), so this terminates.
    while (!todo.isEmpty()) {
      KeyRegistry.Draft draft = registry.draft();
      List<Pending> admitted = new ArrayList<>(todo.size());
      for (Pending p : todo) {
        try {
          draft.admit(p.entry().keyEvent());
          admitted.add(p);
        } catch (EntryRejectedException refused) {
          finish(p, new SubmissionRefusedException(refused));
        }
      }
      if (admitted.isEmpty()) {
        return;
      }
      try {
        integrate(admitted, draft);
        return;
      } catch (DuplicateEntryException dup) {
        List<Pending> rest = new ArrayList<>(admitted.size());
        for (Pending p : admitted) {
          if (p.entry().identity().equals(dup.identity())) {
            finish(p, new AlreadyLoggedException(dup.existingIndex()));
          } else {
            rest.add(p);
          }
        }
        if (rest.size() == admitted.size()) {
          failAll(admitted, dup);
          return;
        }
        todo = rest;
      } catch (Throwable t) {
        log.error(
            "event=batch_failed entries={} size={} error=\"{}\"",
            admitted.size(),
            size,
            t.toString(),
            t);
        writeFailure = t.toString();
        for (Pending p : admitted) {
          failed.put(p.entry().identity(), "the batch holding this entry failed: " + t);
        }
        failAll(admitted, t);
        return;
      }
    }
  }

  /**
   * The batch's entries not yet in the store, looked up in one read; the others are answered with
   * their first copy's index. Before the registry's checks: a logged key event admitted again would
   * be refused as stale instead of found. Only this thread commits, so nothing can be integrated
   * between this lookup and the batch's commit (another process committing is caught by the
   * commit's size check).
   */
  private List<Pending> notYetLogged(List<Pending> batch) {
    List<Hash> identities = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      identities.add(p.entry().identity());
    }
    Map<Hash, Long> logged;
    try {
      logged = store.indexesOfIdentities(identities);
    } catch (StoreException | RuntimeException e) {
      log.error("event=batch_lookup_failed entries={} error=\"{}\"", batch.size(), e.toString(), e);
      writeFailure = e.toString();
      for (Pending p : batch) {
        failed.put(p.entry().identity(), "the batch holding this entry failed: " + e);
      }
      failAll(batch, e);
      return List.of();
    }
    if (logged.isEmpty()) {
      return batch;
    }
    List<Pending> rest = new ArrayList<>(batch.size() - logged.size());
    for (Pending p : batch) {
      Long index = logged.get(p.entry().identity());
      if (index != null) {
        finish(p, new AlreadyLoggedException(index));
      } else {
        rest.add(p);
      }
    }
    return rest;
  }

  private void integrate(List<Pending> admitted, KeyRegistry.Draft draft) throws Exception {
    String why = fenced;
    if (why != null) {
      throw new IllegalStateException("fenced: " + why);
    }
    long started = System.nanoTime();
    long oldSize = size;
    int n = admitted.size();
    List<Hash> leaves = new ArrayList<>(n);
    List<NewEntry> entries = new ArrayList<>(n);
    for (Pending p : admitted) {
      leaves.add(p.entry().leafHash());
      entries.add(p.entry().entry());
    }
    BatchIntegrator.Grown grown = integrator.integrate(oldSize, leaves);
    long newSize = oldSize + n;
    String note = signer.sign(newSize, grown.root());
    Batch batch = new Batch(oldSize, entries, grown.tiles(), note);
    long commitStart = System.nanoTime();
    commit(batch);
    Duration commitTime = Duration.ofNanos(System.nanoTime() - commitStart);

    // Durable from here on: advance the in-memory state, then publish, then answer.
    writeFailure = null;
    size = newSize;
    root = grown.root();
    committedNote = note;
    committedSize = newSize;
    registry.apply(draft);
    tiles.committed(grown.tiles());
    metrics.treeSize(newSize);
    metrics.batch(n, commitTime);
    PublishedCheckpoint committed = new PublishedCheckpoint(newSize, grown.root(), note);
    PublishedCheckpoint answer;
    if (publishing != null) {
      // The publication thread takes it from here; the submitters wait for the published tree.
      handOver.lock();
      try {
        lastCommitted = committed;
        // Busy from now on: the next batch fills while this checkpoint's round runs.
        publicationIdle = false;
        committedMore.signalAll();
      } finally {
        handOver.unlock();
      }
      answer = committed;
    } else {
      PublishedCheckpoint served = publish(committed);
      answer = served != null ? served : committed;
    }
    long now = System.nanoTime();
    for (int i = 0; i < n; i++) {
      Pending p = admitted.get(i);
      inFlight.remove(p.entry().identity(), p);
      p.future().complete(new Integrated(oldSize + i, leaves.get(i), answer));
      metrics.integrated(Duration.ofNanos(now - p.enqueuedNanos()));
    }
    if (draft.changesKeys()) {
      try {
        RegistrySnapshot.save(store, registry, newSize);
      } catch (StoreException | RuntimeException e) {
        // Only a cache: the next start replays the registry statements instead.
        log.warn("event=registry_snapshot_failed size={} error=\"{}\"", newSize, e.toString());
      }
    }
    log.info(
        "event=batch_integrated entries={} first_index={} size={} tiles={} commit_ms={}"
            + " total_ms={}",
        n,
        oldSize,
        newSize,
        grown.tiles().size(),
        commitTime.toMillis(),
        TimeUnit.NANOSECONDS.toMillis(now - started));
  }

  /** Commits, resolving an ambiguous failure by reading the store's state back. */
  private void commit(Batch batch) throws StoreException {
    try {
      store.commit(batch);
    } catch (DuplicateEntryException e) {
      throw e;
    } catch (ConflictException e) {
      fence(
          "another writer committed to this log (store holds size "
              + e.storedSize()
              + ", this sequencer expected "
              + e.expectedSize()
              + ")");
      throw e;
    } catch (StoreException e) {
      TreeState after;
      try {
        after = store.treeState();
      } catch (StoreException again) {
        e.addSuppressed(again);
        throw e; // still unknown; the next commit's size check settles it
      }
      if (after.size() == batch.newSize()
          && after.checkpointNote().equals(batch.checkpointNote())) {
        log.warn(
            "event=commit_error_but_committed size={} error=\"{}\"", batch.newSize(), e.toString());
        return;
      }
      if (after.size() != batch.expectedSize()) {
        fence(
            "the store holds size "
                + after.size()
                + " after a failed commit from "
                + batch.expectedSize());
      }
      throw e;
    }
  }

  private @Nullable PublishedCheckpoint publish(PublishedCheckpoint committed) {
    try {
      String note = publisher.publish(committed);
      PublishedCheckpoint pc = new PublishedCheckpoint(committed.size(), committed.root(), note);
      published.publish(pc);
      metrics.publishedSize(pc.size());
      return pc;
    } catch (PublicationDeferredException e) {
      // The publisher reported it (metrics, health) and backs off; retried while idle.
      log.debug("event=publish_deferred size={} reason=\"{}\"", committed.size(), e.getMessage());
      return null;
    } catch (Exception | LinkageError e) {
      log.error("event=publish_failed size={} error=\"{}\"", committed.size(), e.toString(), e);
      return null;
    }
  }

  /**
   * The publication thread: publishes the newest committed checkpoint whenever the writer commits
   * one, and retries while idle (every {@link #IDLE_POLL_NANOS}) as long as the published tree is
   * behind, as the writer does itself for a publisher that does not overlap. A round that finds
   * several new batches publishes them all at once.
   */
  private void publishNewest() {
    PublishedCheckpoint attempted = null;
    while (true) {
      PublishedCheckpoint target;
      boolean last;
      handOver.lock();
      try {
        long nanos = IDLE_POLL_NANOS;
        while (lastCommitted.equals(attempted) && !writerDone && nanos > 0) {
          publicationIdle = true;
          nanos = committedMore.awaitNanos(nanos);
        }
        publicationIdle = false;
        target = lastCommitted;
        last = writerDone;
      } catch (InterruptedException e) {
        return;
      } finally {
        handOver.unlock();
      }
      PublishedCheckpoint served = published.current();
      if (fenced == null && (served.size() < target.size() || publisher.needsRepublish(served))) {
        publish(target);
      }
      attempted = target;
      if (last || Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  private void retryPublishIfBehind() {
    PublishedCheckpoint served = published.current();
    if (fenced == null && (served.size() < size || publisher.needsRepublish(served))) {
      publish(new PublishedCheckpoint(size, root, committedNote));
    }
  }

  private void fence(String why) {
    if (fenced == null) {
      fenced = why;
      log.error("event=sequencer_fenced reason=\"{}\"", why);
    }
  }

  private void failAll(List<Pending> batch, Throwable cause) {
    for (Pending p : batch) {
      finish(p, cause);
    }
  }

  private void finish(Pending p, Throwable outcome) {
    inFlight.remove(p.entry().identity(), p);
    p.future().completeExceptionally(outcome);
  }
}
