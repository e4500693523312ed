package org.countersign.objectstore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.countersign.log.BadSignatureException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.note.Note;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.Verifiers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the log's published checkpoint and publishes it to a bucket: first every hash tile and
 * entry bundle the checkpoint commits to, then the checkpoint.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Order.</b> The checkpoint object is written only after every object of its tree has been
 *       written and acknowledged, so a reader of the bucket never meets a checkpoint whose tiles
 *       are missing. Objects beyond the bucket's checkpoint may exist (a crash between the two
 *       steps); they hold exactly the bytes the log will commit to, so they do no harm.
 *   <li><b>Idempotence and restart.</b> Every object is a pure function of its path and the log, so
 *       writing it again changes nothing. On start the mirror lists the bucket, writes what a
 *       reader of the current checkpoint needs and the bucket lacks (or holds at the wrong length),
 *       then the checkpoint. A crash at any point is repaired by the next start.
 *   <li><b>No rollback, no second log.</b> {@link #open} refuses a bucket whose checkpoint is not
 *       this log's, is larger than what the log publishes, or has another root at the same size:
 *       writing over it would roll its readers back or hide a fork.
 *   <li><b>Never in the log's way.</b> It runs on its own thread, after publication: a slow or
 *       unreachable bucket delays the bucket's checkpoint (retried with backoff, reported by {@link
 *       #status()}), never the log.
 * </ul>
 *
 * <p>Headers: full tiles and bundles {@value #IMMUTABLE}; partial ones {@value #PARTIAL}; the
 * checkpoint {@value #CHECKPOINT}: the same as the server's own read path, so a CDN in front of the
 * bucket caches as it would in front of the server.
 */
public final class BucketMirror implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BucketMirror.class);

  /** Cache-Control of full tiles and bundles. */
  public static final String IMMUTABLE = "public, max-age=31536000, immutable";

  /** Cache-Control of partial tiles and bundles. */
  public static final String PARTIAL = "public, max-age=60";

  /** Cache-Control of the checkpoint. */
  public static final String CHECKPOINT = "public, max-age=1";

  /** Content-Type of tiles and bundles. */
  public static final String OCTETS = "application/octet-stream";

  /** Content-Type of the checkpoint. */
  public static final String TEXT = "text/plain; charset=utf-8";

  private static final Duration POLL = Duration.ofMillis(500);
  private static final int CHUNK = 256;

  /**
   * How the mirror stands, for health and metrics.
   *
   * @param bucketSize the tree size of the checkpoint last written to the bucket by this process,
   *     or -1 before the first
   * @param objectsWritten tiles, bundles and checkpoints written since start
   * @param failure the last failure, until a publication succeeds
   */
  public record Status(long bucketSize, long objectsWritten, Optional<String> failure) {}

  /**
   * Tuning.
   *
   * @param parallelism concurrent uploads
   * @param firstBackoff wait after the first failure; doubled up to {@code maxBackoff}
   */
  public record Settings(int parallelism, Duration firstBackoff, Duration maxBackoff) {
    /** 8 uploads at a time; retries after 1 s, 2 s, ... up to 30 s. */
    public static final Settings DEFAULTS =
        new Settings(8, Duration.ofSeconds(1), Duration.ofSeconds(30));

    /** Validates the values. */
    public Settings {
      if (parallelism < 1 || parallelism > 256) {
        throw new IllegalArgumentException("upload parallelism must be 1..256, got " + parallelism);
      }
      if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
        throw new IllegalArgumentException("backoff must satisfy 0 <= first <= max");
      }
    }
  }

  private final ObjectBucket bucket;
  private final String prefix;
  private final LogSource source;
  private final Settings settings;
  private final ExecutorService uploads;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile long bucketSize = -1;
  private final AtomicLong written = new AtomicLong();
  private volatile @Nullable String failure;

  private BucketMirror(ObjectBucket bucket, String prefix, LogSource source, Settings settings) {
    this.bucket = bucket;
    this.prefix = prefix;
    this.source = source;
    this.settings = settings;
    this.uploads =
        Executors.newFixedThreadPool(
            settings.parallelism(),
            Thread.ofPlatform().daemon().name("countersign-bucket-upload-", 0).factory());
    this.thread =
        Thread.ofPlatform().daemon().name("countersign-bucket-mirror").unstarted(this::run);
  }

  /**
   * Checks that {@code bucket} may receive this log under {@code prefix} and returns a mirror ready
   * to {@link #start()}.
   *
   * @param logKey the log's verifier: the bucket's checkpoint, if any, must be signed by it
   * @throws IOException if the bucket cannot be read, or its checkpoint is another log's, ahead of
   *     the log, or a different root at the same size
   */
  public static BucketMirror open(
      ObjectBucket bucket,
      String prefix,
      LogSource source,
      NoteVerifier logKey,
      String origin,
      Settings settings)
      throws IOException {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(source, "source");
    checkBucketCheckpoint(bucket, prefix, source.published(), logKey, origin);
    return new BucketMirror(bucket, prefix, source, settings);
  }

  private static void checkBucketCheckpoint(
      ObjectBucket bucket, String prefix, Published log, NoteVerifier logKey, String origin)
      throws IOException {
    Optional<byte[]> stored = bucket.get(prefix + "checkpoint");
    if (stored.isEmpty()) {
      return;
    }
    Checkpoint there;
    try {
      there = Checkpoint.fromNote(Note.open(stored.get(), Verifiers.of(logKey)));
    } catch (MalformedInputException | BadSignatureException e) {
      throw new IOException(
          "the bucket's "
              + prefix
              + "checkpoint is not signed by this log's key (another log's bucket or prefix?): "
              + e.getMessage(),
          e);
    }
    if (!there.origin().equals(origin)) {
      throw new IOException(
          "the bucket's "
              + prefix
              + "checkpoint is of origin \""
              + there.origin()
              + "\", not \""
              + origin
              + "\"");
    }
    if (there.size() > log.size()) {
      throw new IOException(
          "the bucket's checkpoint (size "
              + there.size()
              + ") is ahead of the log's published one (size "
              + log.size()
              + "): publishing would roll its readers back (was the log restored from a backup?)");
    }
    if (there.size() == log.size() && !there.root().equals(log.root())) {
      throw new IOException(
          "the bucket's checkpoint has another root for size "
              + log.size()
              + " than the log: a fork; keep the bucket's checkpoint as evidence");
    }
  }

  /** Starts following the log: first the repair of the bucket, then each new checkpoint. */
  public void start() {
    thread.start();
  }

  /** The mirror's state now. */
  public Status status() {
    return new Status(bucketSize, written.get(), Optional.ofNullable(failure));
  }

  /**
   * Repairs the bucket for the checkpoint published now and writes that checkpoint, on the calling
   * thread. {@link #start()} does this first; tests and tools may call it directly.
   */
  public void repair() throws IOException, InterruptedException {
    Published p = source.published();
    Map<String, Long> have = bucket.list(prefix + "tile/");
    List<ReadPathObject> missing = new ArrayList<>();
    for (ReadPathObject o : ReadPathObject.needed(p.size())) {
      Long length = have.get(prefix + o.path());
      if (length == null
          || (o.knownLength().isPresent() && o.knownLength().getAsLong() != length)) {
        missing.add(o);
      }
    }
    log.info(
        "event=bucket_repair size={} objects_missing={} objects_present={}",
        p.size(),
        missing.size(),
        have.size());
    upload(missing);
    putCheckpoint(p);
  }

  /**
   * Publishes {@code to} to a bucket that already holds everything a tree of {@code from} needs, on
   * the calling thread.
   */
  public void advance(long from, Published to) throws IOException, InterruptedException {
    upload(ReadPathObject.added(from, to.size()));
    putCheckpoint(to);
  }

  private void putCheckpoint(Published p) throws IOException {
    bucket.put(prefix + "checkpoint", p.note().getBytes(StandardCharsets.UTF_8), TEXT, CHECKPOINT);
    written.incrementAndGet();
    bucketSize = p.size();
  }

  private void upload(List<ReadPathObject> objects) throws IOException, InterruptedException {
    for (int from = 0; from < objects.size(); from += CHUNK) {
      List<Future<?>> running = new ArrayList<>();
      for (ReadPathObject o : objects.subList(from, Math.min(objects.size(), from + CHUNK))) {
        running.add(uploads.submit(() -> uploadOne(o)));
      }
      IOException first = null;
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (first == null) {
            first =
                e.getCause() instanceof IOException io
                    ? io
                    : new IOException(String.valueOf(e.getCause()), e.getCause());
          }
        } catch (InterruptedException e) {
          running.forEach(r -> r.cancel(true));
          throw e;
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }

  private @Nullable Void uploadOne(ReadPathObject o) throws IOException {
    byte[] body =
        switch (o) {
          case ReadPathObject.HashTile t -> source.hashTile(t.id());
          case ReadPathObject.Bundle b -> source.entryBundle(b.id());
        };
    if (o.knownLength().isPresent() && body.length != o.knownLength().getAsLong()) {
      throw new IOException(
          "the log gave " + body.length + " bytes for " + o.path() + ", not " + o.knownLength());
    }
    bucket.put(prefix + o.path(), body, OCTETS, o.isPartial() ? PARTIAL : IMMUTABLE);
    written.incrementAndGet();
    return null;
  }

  private void run() {
    long mirrored = -1;
    Duration backoff = settings.firstBackoff();
    while (true) {
      try {
        Published p = mirrored < 0 ? source.published() : source.awaitLarger(mirrored, POLL);
        if (mirrored >= 0 && p.size() <= mirrored) {
          if (stopping) {
            break;
          }
          continue;
        }
        if (mirrored < 0) {
          repair();
        } else {
          advance(mirrored, p);
        }
        log.debug("event=bucket_published size={}", p.size());
        mirrored = p.size();
        failure = null;
        backoff = settings.firstBackoff();
      } catch (InterruptedException e) {
        break;
      } catch (IOException | RuntimeException e) {
        failure = e.getMessage();
        log.warn(
            "event=bucket_publish_failed bucket_size={} retry_in_ms={} error=\"{}\"",
            bucketSize,
            backoff.toMillis(),
            e.getMessage());
        if (stopping) {
          break;
        }
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException ie) {
          break;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0
                ? settings.maxBackoff()
                : backoff.multipliedBy(2);
      }
    }
  }

  /**
   * Stops following: publishes what the log published by now (within {@code grace}), then stops the
   * threads. Does not close the bucket.
   */
  public void stop(Duration grace) {
    stopping = true;
    try {
      if (thread.isAlive()) {
        thread.join(Math.max(1, grace.toMillis()));
      }
      if (thread.isAlive()) {
        log.warn("event=bucket_mirror_stop_timeout bucket_size={}", bucketSize);
        thread.interrupt();
        thread.join(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    uploads.shutdownNow();
    try {
      uploads.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }
}
