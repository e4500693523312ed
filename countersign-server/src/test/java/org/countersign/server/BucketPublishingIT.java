package org.countersign.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.countersign.fixtures.FakeClock;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.tile.TileId;
import org.countersign.log.tile.TileMath;
import org.countersign.objectstore.BucketLocation;
import org.countersign.objectstore.ReadPathObject;
import org.countersign.testing.GoInterop;
import org.jclouds.blobstore.BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server publishing its read path to a real S3 implementation (s3proxy, anonymous reads as a
 * public bucket or a CDN would give): the bucket holds byte for byte what the server serves, with
 * the same headers; a reader of the bucket never meets a checkpoint before its tiles; a restart
 * republishes what the bucket lacks; and Go's own sumdb/tlog audits the log from the bucket alone.
 */
class BucketPublishingIT {
  private static final String BUCKET = "transparency";
  private static final String PREFIX = "logs/new-start/";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path dir;
  FakeClock clock = FakeClock.atDefaultStart();
  LocalS3 s3;
  final List<LogServer> servers = new ArrayList<>();

  @BeforeAll
  static void credentialsFromTheDefaultChain() {
    System.setProperty("aws.accessKeyId", LocalS3.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", LocalS3.SECRET_KEY);
  }

  @AfterAll
  static void clearCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @BeforeEach
  void startS3() throws Exception {
    s3 = LocalS3.start(false, BUCKET);
  }

  @AfterEach
  void stopAll() {
    servers.forEach(LogServer::stop);
    s3.close();
  }

  private BucketLocation location() {
    return BucketLocation.parse(
        "s3://" + BUCKET + "/" + PREFIX, Optional.of(s3.endpoint()), Optional.empty(), true);
  }

  private LogServer start(boolean withBucket) throws Exception {
    ServerOptions.Builder b = TestServers.options(dir, clock);
    if (withBucket) {
      b.publishTo(location());
    }
    LogServer server = LogServer.start(b.build());
    servers.add(server);
    return server;
  }

  private String bucketBase() {
    return s3.endpoint() + "/" + BUCKET + "/" + PREFIX;
  }

  private static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Logs {@code n} statements by two parties (registered first if {@code register}). */
  private void submit(LogServer server, int n, String tag, boolean register) throws Exception {
    HttpTestClient client = new HttpTestClient(server.url());
    List<TestParty> parties =
        List.of(
            new TestParty("US", TestServers.TREATY, "k1"),
            new TestParty("RU", TestServers.TREATY, "k1"));
    if (register) {
      for (TestParty p : parties) {
        assertThat(client.submit(p.registration(clock.instant())).status()).isEqualTo(201);
      }
    }
    long want = server.checkpoint().size() + n;
    for (int i = 0; i < n; i++) {
      TestParty p = parties.get(i % 2);
      HttpTestClient.Answer a =
          client.submit(p.statement(clock.instant(), tag + " " + i + " by " + p.id), false);
      assertThat(a.status()).as(a.text()).isIn(201, 202);
    }
    awaitTrue(() -> server.checkpoint().size() >= want, "the log to reach " + want);
  }

  private static void awaitBucket(LogServer server) throws Exception {
    awaitTrue(
        () ->
            server.bucketStatus().orElseThrow().bucketSize() == server.checkpoint().size()
                && server.bucketStatus().orElseThrow().failure().isEmpty(),
        "the bucket to catch up with size " + server.checkpoint().size());
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  private static void awaitTrue(Condition c, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!c.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  /** Every object of the published tree: in the bucket, byte-equal, with the server's headers. */
  private void assertBucketEqualsServer(LogServer server) throws Exception {
    long size = server.checkpoint().size();
    List<String> paths = new ArrayList<>();
    ReadPathObject.needed(size).forEach(o -> paths.add(o.path()));
    paths.add("checkpoint");
    for (String path : paths) {
      HttpResponse<byte[]> fromServer = get(server.url() + path);
      HttpResponse<byte[]> fromBucket = get(bucketBase() + path);
      assertThat(fromServer.statusCode()).as("server " + path).isEqualTo(200);
      assertThat(fromBucket.statusCode()).as("bucket " + path).isEqualTo(200);
      assertThat(fromBucket.body()).as(path).isEqualTo(fromServer.body());
      // Compared without spaces: a Jetty may write "text/plain;charset=utf-8" for our value.
      for (String h : List.of("Content-Type", "Cache-Control")) {
        assertThat(fromBucket.headers().firstValue(h).map(v -> v.replace(" ", "")))
            .as(h + " of " + path)
            .isEqualTo(fromServer.headers().firstValue(h).map(v -> v.replace(" ", "")))
            .isPresent();
      }
    }
  }

  @Test
  void bucketHoldsWhatTheServerServes_andNeverACheckpointBeforeItsTiles() throws Exception {
    LogServer server = start(true);
    // A reader polling the bucket while the log grows: each checkpoint it sees must already have
    // its partial tiles and its last bundle (the objects written last) in the bucket.
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger checked = new AtomicInteger();
    List<String> violations = new ArrayList<>();
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (!stop.get()) {
                    try {
                      HttpResponse<byte[]> cp = get(bucketBase() + "checkpoint");
                      if (cp.statusCode() != 200) {
                        continue;
                      }
                      long size =
                          Long.parseLong(
                              new String(cp.body(), StandardCharsets.UTF_8)
                                  .lines()
                                  .skip(1)
                                  .findFirst()
                                  .orElseThrow());
                      List<String> last = new ArrayList<>();
                      TileMath.partialTiles(size).forEach(t -> last.add(t.path()));
                      if (size > 0) {
                        long b = (size - 1) / TileId.FULL_WIDTH;
                        last.add(
                            new org.countersign.log.tile.EntryBundleId(
                                    b, (int) (size - b * TileId.FULL_WIDTH))
                                .path());
                      }
                      for (String p : last) {
                        if (get(bucketBase() + p).statusCode() != 200) {
                          synchronized (violations) {
                            violations.add("checkpoint " + size + " before " + p);
                          }
                        }
                      }
                      checked.incrementAndGet();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    } catch (IOException | RuntimeException e) {
                      synchronized (violations) {
                        violations.add(e.toString());
                      }
                    }
                  }
                });
    try {
      submit(server, 700, "first", true);
      awaitBucket(server);
    } finally {
      stop.set(true);
      reader.join();
    }
    assertThat(server.checkpoint().size()).isEqualTo(702);
    assertThat(violations).isEmpty();
    assertThat(checked.get()).isPositive();
    assertBucketEqualsServer(server);
  }

  @Test
  void restart_republishesWhatTheBucketLacks() throws Exception {
    LogServer first = start(true);
    submit(first, 300, "first", true);
    awaitBucket(first);
    first.stop();
    // The bucket loses objects, and the log grows while it is not published at all.
    BlobStore blobs = s3.blobStore();
    blobs.removeBlob(BUCKET, PREFIX + "tile/0/000");
    blobs.removeBlob(BUCKET, PREFIX + "tile/entries/001");
    LogServer unpublished = start(false);
    submit(unpublished, 400, "second", false);
    unpublished.stop();
    String stale = new String(get(bucketBase() + "checkpoint").body(), StandardCharsets.UTF_8);
    assertThat(bodyOf(stale).size()).as("the bucket's checkpoint of the first run").isEqualTo(302);

    LogServer restarted = start(true);
    awaitBucket(restarted);
    assertThat(restarted.checkpoint().size()).isEqualTo(702);
    assertBucketEqualsServer(restarted);
  }

  private static Checkpoint bodyOf(String note) throws Exception {
    return Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1));
  }

  @Test
  void start_refusesABucketHoldingAnotherLog() throws Exception {
    LogServer server = start(true);
    submit(server, 3, "x", true);
    awaitBucket(server);
    server.stop();
    // Another log (another data folder and origin, so another key) on the same bucket prefix.
    ServerOptions other =
        TestServers.options(dir.resolve("other"), clock)
            .origin("example.org/another-log")
            .publishTo(location())
            .build();
    assertThatThrownBy(() -> servers.add(LogServer.start(other)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot publish to s3://" + BUCKET + "/" + PREFIX)
        .hasMessageContaining("not signed by this log's key");
  }

  @Test
  void goClient_readingOnlyTheBucket_auditsTheLog_andCatchesADamagedTile() throws Exception {
    GoInterop go = GoInterop.require();
    LogServer server = start(true);
    submit(server, 600, "audited", true);
    awaitBucket(server);
    String vkey = server.verifierKey();
    Checkpoint c = bodyOf(server.checkpoint().note());
    server.stop();

    GoInterop.Result audit = go.run("", "audit", bucketBase(), vkey);
    assertThat(audit.ok()).as(audit.stderr()).isTrue();
    assertThat(audit.out().trim()).isEqualTo(c.size() + " " + c.root().base64());

    // The same client, the same bucket, one hash flipped in a full tile: the audit fails.
    BlobStore blobs = s3.blobStore();
    String key = PREFIX + "tile/0/001";
    byte[] tile;
    var blob = Objects.requireNonNull(blobs.getBlob(BUCKET, key), "the mirror wrote " + key);
    try (var in = Objects.requireNonNull(blob.getPayload(), "blob payload").openStream()) {
      tile = in.readAllBytes();
    }
    tile[100] ^= 1;
    blobs.putBlob(BUCKET, blobs.blobBuilder(key).payload(tile).build());
    GoInterop.Result damaged = go.run("", "audit", bucketBase(), vkey);
    assertThat(damaged.ok()).isFalse();
    assertThat(damaged.stderr()).contains("csinterop:");
  }
}
