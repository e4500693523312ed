package org.countersign.server.compliance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.countersign.log.Hash;
import org.countersign.log.tile.TileId;
import org.countersign.server.publish.PublishedLog;
import org.countersign.server.submit.AdmissionCheck;
import org.countersign.server.tiles.TileSource;
import org.countersign.store.LogStore;
import org.countersign.store.StoreException;
import org.countersign.treaty.compliance.Admission;
import org.countersign.treaty.compliance.ComplianceEngine;
import org.countersign.treaty.compliance.ComplianceReport;
import org.countersign.treaty.compliance.ComplianceSeries;
import org.countersign.treaty.compliance.ReportView;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.protocol.EntryDecoder;
import org.countersign.treaty.protocol.EntryRejectedException;
import org.countersign.treaty.report.ReportTime;
import org.countersign.treaty.statement.EscrowStatement;
import org.countersign.treaty.statement.InspectionStatement;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.Statement;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the treaty's compliance fold current with the published log, and answers reports from it.
 *
 * <h2>How it follows the log</h2>
 *
 * <p>One follower thread reads entries from the store in index order, decodes each statement and
 * applies it to a {@link ComplianceEngine}. It reads only entries the <em>published</em> checkpoint
 * covers ({@link PublishedLog}), waking when a new checkpoint is published: the sequencer is never
 * blocked or slowed by compliance (it does not know this class exists), and a report never rests on
 * an entry that readers cannot yet prove. On start the follower replays the whole stored log from
 * index 0; the server answers other requests meanwhile, and compliance requests with 503 until the
 * replay reaches the published size.
 *
 * <h2>What a report covers</h2>
 *
 * <p>Every entry is applied, registry statements included, so a report's {@code entries} is the
 * size of the log prefix it replays: an observer who replays the first {@code entries} entries of
 * the same log under the same treaty file gets the same report, byte for byte. Entries were checked
 * at submission; one that does not decode (a store written by another version, or damaged) stops
 * the follower for good, and every later request is answered with the reason rather than with a
 * report that silently skips it, as an observer's offline replay would stop there too. Store errors
 * are retried.
 *
 * <h2>Admission at submission</h2>
 *
 * <p>As an {@link AdmissionCheck} it refuses what the treaty file does not admit ({@link
 * Admission}), and escrow and inspection statements that the log's state does not admit (a reveal
 * of an unknown commitment, repeated randomness, a request over quota). The state is the published
 * log, and it is consulted only while nothing accepted is still waiting to be published: otherwise
 * a statement could be refused for lacking one queued just before it (a commitment and its reveal
 * sent back to back). So two statements in flight together are not checked against each other, and
 * a replay may still list the second of two over-quota requests as refused; it never refuses one
 * that the log, once its queue is integrated, would admit. Until the start-up replay has caught up,
 * only the treaty file's rules are checked. Other statements never wait for the engine, which a
 * report may hold for a while on a long log.
 *
 * <p>Thread-safe. The engine serializes its own calls, so a report taken while the follower applies
 * a batch describes the prefix applied at that moment.
 */
public final class ComplianceService implements AdmissionCheck, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ComplianceService.class);
  private static final int READ_CHUNK = LogStore.MAX_READ_ENTRIES;
  private static final Duration IDLE_WAIT = Duration.ofMillis(500);
  private static final Duration STORE_RETRY = Duration.ofSeconds(1);
  private static final Duration CATCH_UP_FOR_ADMISSION = Duration.ofSeconds(2);

  private final Treaty treaty;
  private final LogStore store;
  private final TileSource tiles;
  private final PublishedLog published;
  private final ComplianceEngine engine;
  private final LongSupplier unpublished;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition progressed = lock.newCondition();
  private final Thread follower;
  private final String origin;
  private volatile long applied;
  private volatile boolean running = true;
  private volatile @Nullable String failure;
  private volatile @Nullable CachedSeries lastSeries;
  private volatile java.util.function.@Nullable Supplier<ReportTime> warmAt;
  private long lastWarmNanos;

  /** The least time between two background computations of the series ({@link #warmSeries}). */
  private static final Duration WARM_EVERY = Duration.ofSeconds(30);

  // Statements decoded at submission, by leaf hash, until the follower applies them: it finds each
  // entry's leaf hash in the level-0 tile the sequencer committed (in memory), so the entry is
  // neither decoded again (tens of µs, issue 14) nor hashed again. Bounded: entries accepted but
  // never logged would otherwise stay; when full it is emptied, and the follower decodes what it
  // does not find, as it does on a replay after a start.
  static final int MAX_HANDED_OVER = 8192;
  private final java.util.concurrent.ConcurrentHashMap<Hash, Statement> handedOver =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong takenOver =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * A service for {@code treaty} over the entries of {@code store} (the log whose origin is {@code
   * origin}) that {@code published} covers; {@link #start()} begins the replay.
   */
  public ComplianceService(Treaty treaty, String origin, LogStore store, PublishedLog published) {
    this(treaty, origin, store, published, new TileSource(store, 0, 0), () -> 0);
  }

  /**
   * A service whose follower reads the leaf hashes of handed-over statements from {@code tiles}
   * (the sequencer's, which holds the tiles it just committed) and whose admission check also knows
   * how many accepted entries are not yet published ({@code unpublished}, e.g. the sequencer's
   * queue and batch in flight).
   */
  public ComplianceService(
      Treaty treaty,
      String origin,
      LogStore store,
      PublishedLog published,
      TileSource tiles,
      LongSupplier unpublished) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.tiles = Objects.requireNonNull(tiles, "tiles");
    this.unpublished = Objects.requireNonNull(unpublished, "unpublished");
    this.treaty = Objects.requireNonNull(treaty, "treaty");
    this.store = Objects.requireNonNull(store, "store");
    this.published = Objects.requireNonNull(published, "published");
    this.engine = new ComplianceEngine(treaty);
    this.follower =
        Thread.ofPlatform().daemon().name("countersign-compliance").unstarted(this::follow);
  }

  /** Starts the follower: the whole log is replayed, then each newly published batch. */
  public void start() {
    follower.start();
  }

  /** The treaty replayed. */
  public Treaty treaty() {
    return treaty;
  }

  /** How many entries (a prefix of the log) have been applied so far. */
  public long applied() {
    return applied;
  }

  /** Why the follower stopped for good, if it did. */
  public @Nullable String failure() {
    return failure;
  }

  /**
   * Waits until at least {@code size} entries are applied.
   *
   * @throws TimeoutException if they are not within {@code timeout}, with the progress made
   * @throws IllegalStateException if the follower stopped on an entry it cannot replay
   */
  public void awaitApplied(long size, Duration timeout)
      throws InterruptedException, TimeoutException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (applied < size) {
        String why = failure;
        if (why != null) {
          throw new IllegalStateException(why);
        }
        if (nanos <= 0) {
          throw new TimeoutException(
              "the compliance replay has applied " + applied + " of " + size + " entries so far");
        }
        nanos = progressed.awaitNanos(nanos);
      }
    } finally {
      lock.unlock();
    }
    String why = failure;
    if (why != null) {
      throw new IllegalStateException(why);
    }
  }

  /**
   * The report at {@code at} over the prefix applied now ({@link ComplianceReport#entries()} says
   * how long it is).
   *
   * @throws IllegalStateException if the follower stopped on an entry it cannot replay
   */
  public ComplianceReport report(ReportTime at) {
    return report(at, ReportView.DEFAULT);
  }

  /**
   * The report at {@code at} in {@code view} over the prefix applied now.
   *
   * @throws IllegalStateException if the follower stopped on an entry it cannot replay
   */
  public ComplianceReport report(ReportTime at, ReportView view) {
    String why = failure;
    if (why != null) {
      throw new IllegalStateException(why);
    }
    return engine.reportAt(at.instant(), view);
  }

  /**
   * The engine the follower applies entries to, for analyses that count the same declared forces (a
   * proposal's evaluation). Callers take its lock to read a consistent prefix.
   *
   * @throws IllegalStateException if the follower stopped on an entry it cannot replay
   */
  public org.countersign.treaty.compliance.ComplianceEngine engine() {
    String why = failure;
    if (why != null) {
      throw new IllegalStateException(why);
    }
    return engine;
  }

  /**
   * Each party's totals against each limit over time up to {@code at}, over the prefix applied now
   * ({@link ComplianceSeries}: every point equals the report of its day).
   *
   * @throws IllegalStateException if the follower stopped on an entry it cannot replay
   */
  public ComplianceSeries series(ReportTime at) {
    return cachedSeries(at).series();
  }

  /**
   * {@link #series} as its canonical JSON in UTF-8, with the log prefix it covers: what {@code GET
   * /api/v1/compliance/series} answers. Kept with the series, so that a visit to the overview costs
   * no serialisation while the prefix and the instant are unchanged.
   *
   * @throws IllegalStateException if the follower stopped on an entry it cannot replay
   */
  public SeriesJson seriesJson(ReportTime at) {
    CachedSeries c = cachedSeries(at);
    return new SeriesJson(c.series().entries(), c.json());
  }

  /**
   * The series as canonical JSON bytes (to be sent as they are, never changed) and the log prefix
   * it covers.
   */
  // The bytes are only ever written to a response; the record is a carrier, never compared.
  @SuppressWarnings("ArrayRecordComponent")
  public record SeriesJson(long entries, byte[] json) {}

  private CachedSeries cachedSeries(ReportTime at) {
    String why = failure;
    if (why != null) {
      throw new IllegalStateException(why);
    }
    // The overview asks for the same series on every visit: keep the last one while the prefix
    // and the instant are the same (a pure function of both).
    long prefix = applied;
    CachedSeries cached = lastSeries;
    if (cached != null && cached.prefix() == prefix && cached.at().equals(at.instant())) {
      return cached;
    }
    ComplianceSeries series = engine.seriesAt(at.instant());
    CachedSeries made = new CachedSeries(prefix, at.instant(), series);
    if (series.entries() == prefix) {
      lastSeries = made;
    }
    return made;
  }

  /**
   * Every escrow commitment issued by {@code at}, one by one, with the reveals against each, over
   * the prefix applied now.
   *
   * @throws IllegalStateException if the follower stopped on an entry it cannot replay
   */
  public org.countersign.treaty.compliance.EscrowLedger escrow(ReportTime at) {
    return engine().escrowAt(at.instant());
  }

  /** A series with its canonical JSON, serialised once when the series is made. */
  @SuppressWarnings("ArrayRecordComponent")
  private record CachedSeries(
      long prefix, java.time.Instant at, ComplianceSeries series, byte[] json) {
    CachedSeries(long prefix, java.time.Instant at, ComplianceSeries series) {
      this(prefix, at, series, series.canonicalJson().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void admitted(Hash leafHash, Statement statement) {
    if (handedOver.size() >= MAX_HANDED_OVER) {
      handedOver.clear();
    }
    handedOver.put(leafHash, statement);
  }

  /**
   * How many entries the follower applied from the statements handed over at submission, rather
   * than decoding them again.
   */
  public long takenOver() {
    return takenOver.get();
  }

  /** Statements handed over at submission that the follower has not applied yet. */
  public int handedOverWaiting() {
    return handedOver.size();
  }

  @Override
  public void check(Statement statement) throws InvalidStatementException {
    Admission.check(treaty, statement);
    boolean stateful =
        statement instanceof EscrowStatement || statement instanceof InspectionStatement;
    if (stateful && failure == null && unpublished.getAsLong() == 0 && caughtUp()) {
      engine.checkAdmissible(statement);
    }
  }

  /**
   * Whether the replay covers the published log, waiting briefly for the follower (a party that
   * just received its receipt may send a statement that depends on it). False during the start-up
   * replay.
   */
  private boolean caughtUp() {
    try {
      awaitApplied(published.current().size(), CATCH_UP_FOR_ADMISSION);
      return true;
    } catch (TimeoutException | IllegalStateException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops the follower, waiting up to {@code grace} for it; the store is not closed. */
  public void stop(Duration grace) {
    running = false;
    follower.interrupt();
    try {
      follower.join(grace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }

  private void follow() {
    long started = System.nanoTime();
    boolean caughtUp = false;
    while (running) {
      try {
        long target = published.current().size();
        if (applied >= target) {
          if (!caughtUp) {
            caughtUp = true;
            // Build what every question reads now, so that the first user after a start does not
            // pay for it (seconds on a log of a million statements); later entries extend it
            // incrementally.
            engine.prepare();
            log.info(
                "event=compliance_replayed entries={} ms={}",
                applied,
                (System.nanoTime() - started) / 1_000_000);
          }
          published.awaitSize(applied + 1, IDLE_WAIT);
          continue;
        }
        int count = (int) Math.min(READ_CHUNK, target - applied);
        List<byte[]> entries = store.readEntries(applied, count);
        if (entries.isEmpty()) {
          throw new StoreException("the store lacks published entry " + applied);
        }
        HandOver handOver = new HandOver();
        for (byte[] entry : entries) {
          long index = applied;
          // The same leaf hash (the same bytes) decoded for the same origin: the same statement.
          Statement s = handedOver.isEmpty() ? null : handOver.take(index);
          if (s != null) {
            takenOver.incrementAndGet();
          } else {
            s = decode(index, entry, origin);
          }
          engine.apply(new LoggedStatement<>(index, s));
          advance(index + 1);
        }
      } catch (TimeoutException idle) {
        // Nothing new was published: a good moment to prepare the overview's series, then look
        // again.
        warm();
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
      } catch (StoreException e) {
        log.warn("event=compliance_store_error at={} error=\"{}\"", applied, e.toString());
        pause();
      } catch (UnreplayableEntryException e) {
        fail(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        return;
      } catch (RuntimeException e) {
        fail("the compliance replay failed at entry " + applied + ": " + e);
        return;
      }
    }
  }

  /**
   * The follower's side of the hand-over for one chunk: each entry's leaf hash is read from its
   * level-0 tile (one tile at a time, as the follower goes through the chunk), and only while
   * statements wait in the hand-over, so a replay after a start reads none.
   */
  private final class HandOver {
    private long tileIndex = -1;
    private byte @Nullable [] tile;

    /** The statement handed over for the entry at {@code index}, taken out, or null. */
    @Nullable Statement take(long index) throws StoreException {
      long t = index / TileId.FULL_WIDTH;
      if (t != tileIndex) {
        tile = tiles.storedTile(TileId.full(0, t)).orElse(null);
        tileIndex = t;
      }
      int offset = (int) (index % TileId.FULL_WIDTH) * Hash.SIZE;
      byte[] hashes = tile;
      if (hashes == null || hashes.length < offset + Hash.SIZE) {
        return null; // not in the tile the store holds: decoded instead
      }
      return handedOver.remove(Hash.of(hashes, offset));
    }
  }

  /**
   * Has the follower compute the series at {@code at} (read each time: "today") whenever it is idle
   * and the kept series is for another prefix or instant, at most once per {@link #WARM_EVERY}: the
   * portal's overview asks for today's series, and its first visitor should not wait for the 60-odd
   * reports it folds (docs/portal.md, time to first chart).
   */
  public void warmSeries(java.util.function.Supplier<ReportTime> at) {
    this.warmAt = at;
  }

  private void warm() {
    var w = warmAt;
    if (w == null || failure != null) {
      return;
    }
    long now = System.nanoTime();
    if (lastWarmNanos != 0 && now - lastWarmNanos < WARM_EVERY.toNanos()) {
      return;
    }
    try {
      ReportTime at = w.get();
      CachedSeries kept = lastSeries;
      if (kept != null && kept.prefix() == applied && kept.at().equals(at.instant())) {
        return;
      }
      lastWarmNanos = now;
      series(at);
    } catch (RuntimeException e) {
      // A request for the series would meet the same problem and report it; the replay goes on.
      log.warn("event=compliance_series_warm_failed error=\"{}\"", e.toString());
    }
  }

  private void advance(long size) {
    lock.lock();
    try {
      applied = size;
      progressed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void fail(String why) {
    log.error("event=compliance_stopped reason=\"{}\"", why);
    lock.lock();
    try {
      failure = why;
      progressed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void pause() {
    try {
      Thread.sleep(STORE_RETRY);
    } catch (InterruptedException e) {
      // stop() interrupts; the loop checks running.
    }
  }

  /** The statement an entry holds; its signatures were checked when it was submitted. */
  private static Statement decode(long index, byte[] entry, String origin)
      throws UnreplayableEntryException {
    try {
      return EntryDecoder.decode(entry, origin).statement();
    } catch (EntryRejectedException e) {
      throw new UnreplayableEntryException(
          "entry " + index + " is not a statement this server can replay: " + e.getMessage());
    }
  }

  /** An entry that cannot be decoded into a statement: the replay cannot go past it. */
  private static final class UnreplayableEntryException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreplayableEntryException(String message) {
      super(message, null, false, false);
    }
  }
}
