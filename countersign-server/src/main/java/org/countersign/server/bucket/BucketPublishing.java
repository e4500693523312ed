package org.countersign.server.bucket;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import org.countersign.log.note.NoteVerifier;
import org.countersign.objectstore.BucketLocation;
import org.countersign.objectstore.BucketMirror;
import org.countersign.objectstore.S3Bucket;
import org.countersign.server.publish.PublishedLog;
import org.countersign.server.tiles.TileSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's publication of its read path to an S3-compatible bucket: opens the bucket, refuses
 * one that holds another log or a checkpoint ahead of this one, and starts the {@link
 * BucketMirror}. Metrics: {@code countersign_bucket_size} (tree size of the bucket's checkpoint
 * written by this process, -1 before the first) and {@code countersign_bucket_failing} (1 while the
 * last attempt failed).
 */
public final class BucketPublishing {
  private static final Logger log = LoggerFactory.getLogger(BucketPublishing.class);

  private final S3Bucket bucket;
  private final BucketMirror mirror;

  private BucketPublishing(S3Bucket bucket, BucketMirror mirror) {
    this.bucket = bucket;
    this.mirror = mirror;
  }

  /**
   * Opens {@code location}, checks it and starts mirroring the published log into it.
   *
   * @throws IOException if the bucket cannot be reached or read, or holds another log's checkpoint,
   *     or one ahead of the published log, or a fork of it
   */
  public static BucketPublishing start(
      BucketLocation location,
      PublishedLog published,
      TileSource tiles,
      NoteVerifier logKey,
      String origin,
      MeterRegistry metrics)
      throws IOException {
    S3Bucket bucket = S3Bucket.open(location);
    BucketMirror mirror;
    try {
      mirror =
          BucketMirror.open(
              bucket,
              location.prefix(),
              new PublishedLogSource(published, tiles),
              logKey,
              origin,
              BucketMirror.Settings.DEFAULTS);
    } catch (IOException | RuntimeException e) {
      bucket.close();
      throw new IOException("cannot publish to " + location + ": " + e.getMessage(), e);
    }
    Gauge.builder("countersign_bucket_size", mirror, m -> (double) m.status().bucketSize())
        .description("tree size of the checkpoint last written to the bucket, -1 before the first")
        .register(metrics);
    Gauge.builder(
            "countersign_bucket_failing", mirror, m -> m.status().failure().isPresent() ? 1.0 : 0.0)
        .description("1 while publishing to the bucket fails (retried with backoff)")
        .register(metrics);
    mirror.start();
    log.info("event=bucket_publishing_started bucket=\"{}\"", location);
    return new BucketPublishing(bucket, mirror);
  }

  /** The mirror's state. */
  public BucketMirror.Status status() {
    return mirror.status();
  }

  /** Publishes what is published by now (within {@code grace}), then closes the bucket client. */
  public void stop(Duration grace) {
    mirror.stop(grace);
    bucket.close();
  }
}
