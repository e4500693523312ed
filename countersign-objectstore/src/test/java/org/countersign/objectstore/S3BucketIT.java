package org.countersign.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AWS SDK client and the mirror against a real S3 implementation (s3proxy): credentials from
 * the SDK's default chain, headers as a CDN sees them, and a repaired bucket byte-equal to the log.
 */
class S3BucketIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void credentialsFromTheDefaultChain() {
    // The system-property step of the SDK's default chain, as AWS_ACCESS_KEY_ID would be.
    System.setProperty("aws.accessKeyId", LocalS3.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", LocalS3.SECRET_KEY);
  }

  @AfterAll
  static void clear() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private static BucketLocation at(LocalS3 s3, String url) {
    return BucketLocation.parse(url, Optional.of(s3.endpoint()), Optional.empty(), true);
  }

  @Test
  void putGetList_withSigV4_andAWrongBucketIsAClearError() throws Exception {
    try (LocalS3 s3 = LocalS3.start(true, "logs");
        S3Bucket bucket = S3Bucket.open(at(s3, "s3://logs/a/b"))) {
      assertThat(bucket.get("a/b/checkpoint")).isEmpty();
      bucket.put("a/b/tile/0/000", new byte[] {1, 2, 3}, "application/octet-stream", "x");
      // Not "text/plain; charset=utf-8": s3proxy's Jetty rewrites that header (drops the space)
      // before it checks the signature, so a signed put with it fails there (not on real S3).
      bucket.put("a/b/checkpoint", "hello\n".getBytes(StandardCharsets.UTF_8), "text/plain", "y");
      assertThat(bucket.get("a/b/tile/0/000")).contains(new byte[] {1, 2, 3});
      assertThat(bucket.list("a/b/")).isEqualTo(Map.of("a/b/tile/0/000", 3L, "a/b/checkpoint", 6L));
      assertThat(bucket.list("a/b/tile/")).containsOnlyKeys("a/b/tile/0/000");
    }
    try (LocalS3 s3 = LocalS3.start(true, "logs");
        S3Bucket missing = S3Bucket.open(at(s3, "s3://no-such-bucket"))) {
      assertThatThrownBy(() -> missing.put("k", new byte[1], "a/b", "c"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("S3 put of s3://no-such-bucket/k failed");
    }
  }

  @Test
  void wrongSecret_isRefused() throws Exception {
    try (LocalS3 s3 = LocalS3.start(true, "logs")) {
      System.setProperty("aws.secretAccessKey", "not-the-secret");
      try (S3Bucket bucket = S3Bucket.open(at(s3, "s3://logs"))) {
        assertThatThrownBy(() -> bucket.put("k", new byte[1], "a/b", "c"))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("S3 put of s3://logs/k failed");
      } finally {
        System.setProperty("aws.secretAccessKey", LocalS3.SECRET_KEY);
      }
    }
  }

  @Test
  void mirror_overRealS3_isByteEqualToTheLog_withTheHeadersACdnNeeds() throws Exception {
    MemoryLog log = new MemoryLog(11);
    log.append(1000);
    try (LocalS3 s3 = LocalS3.start(false, "public-log");
        S3Bucket bucket = S3Bucket.open(at(s3, "s3://public-log/treaty"))) {
      try (BucketMirror m =
          BucketMirror.open(
              bucket,
              "treaty/",
              log,
              log.key().verifier(),
              MemoryLog.ORIGIN,
              BucketMirror.Settings.DEFAULTS)) {
        m.repair();
        long from = log.published().size();
        m.advance(from, log.append(300));
      }
      bucket.put("treaty/tile/0/000", new byte[5], "application/octet-stream", "no-store");
      try (BucketMirror m =
          BucketMirror.open(
              bucket,
              "treaty/",
              log,
              log.key().verifier(),
              MemoryLog.ORIGIN,
              BucketMirror.Settings.DEFAULTS)) {
        m.repair();
      }
      String base = s3.endpoint() + "/public-log/treaty/";
      for (ReadPathObject o : ReadPathObject.needed(log.published().size())) {
        HttpResponse<byte[]> r = get(base + o.path());
        assertThat(r.statusCode()).as(o.path()).isEqualTo(200);
        assertThat(r.body()).as(o.path()).isEqualTo(log.bytesAt(o.path()));
        assertThat(r.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(r.headers().firstValue("Cache-Control"))
            .contains(o.isPartial() ? BucketMirror.PARTIAL : BucketMirror.IMMUTABLE);
      }
      HttpResponse<byte[]> cp = get(base + "checkpoint");
      assertThat(cp.body()).isEqualTo(log.bytesAt("checkpoint"));
      assertThat(cp.headers().firstValue("Cache-Control")).contains(BucketMirror.CHECKPOINT);
      // Jetty, in s3proxy as in our server, writes the parameter without the space.
      assertThat(cp.headers().firstValue("Content-Type").map(t -> t.replace(" ", "")))
          .contains(BucketMirror.TEXT.replace(" ", ""));
    }
  }

  private static HttpResponse<byte[]> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
