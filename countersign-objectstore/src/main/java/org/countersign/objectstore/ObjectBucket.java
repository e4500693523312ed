package org.countersign.objectstore;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The few object-storage operations publishing needs. {@link S3Bucket} is the real one; tests also
 * use an in-memory one that can fail on demand.
 *
 * <p>Every operation either completes or throws; a {@link #put} is atomic (a reader sees the old
 * object, or none, or the new one in full), as S3 guarantees.
 */
public interface ObjectBucket extends AutoCloseable {
  /** Writes {@code body} at {@code key}, replacing any object there. */
  void put(String key, byte[] body, String contentType, String cacheControl) throws IOException;

  /** The object at {@code key}, or empty if there is none. */
  Optional<byte[]> get(String key) throws IOException;

  /** Every key under {@code prefix}, with its size in bytes. */
  Map<String, Long> list(String prefix) throws IOException;

  @Override
  void close() throws IOException;
}
