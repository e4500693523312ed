package org.countersign.objectstore;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 bucket through the AWS SDK for Java v2, over the JDK's HTTP client (no Apache or Netty).
 *
 * <p>Credentials come from the SDK's default chain: {@code AWS_ACCESS_KEY_ID} and {@code
 * AWS_SECRET_ACCESS_KEY} (or the {@code aws.accessKeyId} system properties), {@code AWS_PROFILE}
 * and {@code ~/.aws/credentials}, web identity, container and instance roles. Nothing here reads or
 * logs a secret.
 *
 * <p>Every put carries {@code Content-MD5}, so the store refuses a body damaged on the way. The
 * SDK's newer default checksums (CRC32 in a chunked trailer) are asked for only where an operation
 * requires them, because several S3-compatible servers do not implement them.
 */
public final class S3Bucket implements ObjectBucket {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private final BucketLocation location;
  private final S3Client s3;

  private S3Bucket(BucketLocation location, S3Client s3) {
    this.location = location;
    this.s3 = s3;
  }

  /**
   * A client for {@code location} with credentials from the default chain.
   *
   * @throws IOException if the SDK cannot be configured (no region, no credentials provider)
   */
  public static S3Bucket open(BucketLocation location) throws IOException {
    try {
      S3ClientBuilder b =
          S3Client.builder()
              .httpClientBuilder(
                  UrlConnectionHttpClient.builder()
                      .connectionTimeout(Duration.ofSeconds(10))
                      .socketTimeout(Duration.ofSeconds(30)))
              .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT))
              .requestChecksumCalculation(
                  software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
              .responseChecksumValidation(
                  software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
              .forcePathStyle(location.pathStyle());
      location.endpoint().ifPresent(b::endpointOverride);
      if (location.region().isPresent()) {
        b.region(Region.of(location.region().get()));
      } else if (location.endpoint().isPresent()) {
        // S3-compatible servers mostly ignore the region, but SigV4 needs one.
        b.region(Region.US_EAST_1);
      }
      return new S3Bucket(location, b.build());
    } catch (SdkException e) {
      throw new IOException(
          "cannot set up the S3 client for " + location + ": " + e.getMessage(), e);
    }
  }

  /** Where this client writes. */
  public BucketLocation location() {
    return location;
  }

  @Override
  public void put(String key, byte[] body, String contentType, String cacheControl)
      throws IOException {
    PutObjectRequest req =
        PutObjectRequest.builder()
            .bucket(location.bucket())
            .key(key)
            .contentType(contentType)
            .cacheControl(cacheControl)
            .contentLength((long) body.length)
            .contentMD5(md5(body))
            .build();
    try {
      s3.putObject(req, RequestBody.fromBytes(body));
    } catch (SdkException e) {
      throw failure("put", key, e);
    }
  }

  @Override
  public Optional<byte[]> get(String key) throws IOException {
    try {
      return Optional.of(
          s3.getObjectAsBytes(b -> b.bucket(location.bucket()).key(key)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failure("get", key, e);
    }
  }

  @Override
  public Map<String, Long> list(String prefix) throws IOException {
    Map<String, Long> out = new LinkedHashMap<>();
    try {
      for (ListObjectsV2Response page :
          s3.listObjectsV2Paginator(
              ListObjectsV2Request.builder().bucket(location.bucket()).prefix(prefix).build())) {
        for (S3Object o : page.contents()) {
          out.put(o.key(), o.size());
        }
      }
    } catch (SdkException e) {
      throw failure("list", prefix, e);
    }
    return out;
  }

  @Override
  public void close() {
    s3.close();
  }

  private IOException failure(String op, String key, SdkException e) {
    return new IOException(
        "S3 " + op + " of s3://" + location.bucket() + "/" + key + " failed: " + e.getMessage(), e);
  }

  private static String md5(byte[] body) {
    try {
      // Content-MD5 is an integrity check the S3 protocol defines, not a security measure.
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks MD5", e);
    }
  }
}
