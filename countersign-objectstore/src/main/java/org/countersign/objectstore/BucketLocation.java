package org.countersign.objectstore;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the log is published: a bucket, a key prefix inside it, and how to reach it.
 *
 * @param bucket the bucket name (S3 rules: 3 to 63 characters of lower-case letters, digits, dots
 *     and hyphens)
 * @param prefix the key prefix, empty or ending in {@code /}; the checkpoint is at {@code
 *     <prefix>checkpoint} and tiles at {@code <prefix>tile/...}
 * @param endpoint an S3-compatible endpoint (MinIO, Ceph, R2, GCS's XML API, ...); empty for AWS
 * @param region the signing region; empty to take it from the AWS configuration chain ({@code
 *     AWS_REGION}, {@code ~/.aws/config}, ...), or {@code us-east-1} with an explicit endpoint
 * @param pathStyle address the bucket as {@code endpoint/bucket/key} rather than {@code
 *     bucket.endpoint/key}: what most S3-compatible servers expect
 */
public record BucketLocation(
    String bucket,
    String prefix,
    Optional<URI> endpoint,
    Optional<String> region,
    boolean pathStyle) {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern PREFIX = Pattern.compile("([A-Za-z0-9._-]+/)*");

  /** Validates every field. */
  public BucketLocation {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    if (!BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException(
          "not an S3 bucket name: \""
              + bucket
              + "\" (3 to 63 lower-case letters, digits, dots and hyphens)");
    }
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "not a key prefix: \""
              + prefix
              + "\" (path segments of letters, digits, '.', '_', '-', each ending in '/')");
    }
    endpoint.ifPresent(
        e -> {
          if (!("http".equals(e.getScheme()) || "https".equals(e.getScheme()))
              || e.getHost() == null) {
            throw new IllegalArgumentException("the S3 endpoint must be an http(s) URL: " + e);
          }
        });
    region.ifPresent(
        r -> {
          if (r.isBlank()) {
            throw new IllegalArgumentException("the S3 region is blank");
          }
        });
  }

  /**
   * Parses {@code s3://BUCKET[/PREFIX]}; a prefix gets its trailing {@code /} added.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static BucketLocation parse(
      String url, Optional<URI> endpoint, Optional<String> region, boolean pathStyle) {
    if (!url.startsWith("s3://")) {
      throw new IllegalArgumentException("expected s3://BUCKET[/PREFIX], got \"" + url + "\"");
    }
    String rest = url.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    return new BucketLocation(bucket, prefix, endpoint, region, pathStyle);
  }

  /** The key of {@code path} (a tile path or {@code checkpoint}) in the bucket. */
  public String key(String path) {
    return prefix + path;
  }

  /** {@code s3://bucket/prefix}, for messages. */
  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix + endpoint.map(e -> " at " + e).orElse("");
  }
}
