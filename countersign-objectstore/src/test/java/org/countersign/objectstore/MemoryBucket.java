package org.countersign.objectstore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory bucket that checks the ordering rule on every checkpoint write (every object the
 * checkpoint's tree needs is already there) and can fail writes on demand, as a crash would.
 */
final class MemoryBucket implements ObjectBucket {
  // A test-only value holder: the bytes are compared with Arrays.equals where needed.
  @SuppressWarnings("ArrayRecordComponent")
  record Stored(byte[] body, String contentType, String cacheControl) {}

  private final Map<String, Stored> objects = new TreeMap<>();
  private final List<String> violations = new ArrayList<>();
  private final List<String> writes = new ArrayList<>();
  private final AtomicInteger putsBeforeFailure = new AtomicInteger(Integer.MAX_VALUE);
  private final String prefix;

  MemoryBucket(String prefix) {
    this.prefix = prefix;
  }

  /** Lets {@code n} more puts succeed, then fails every put until {@link #heal()}. */
  void failAfter(int n) {
    putsBeforeFailure.set(n);
  }

  void heal() {
    putsBeforeFailure.set(Integer.MAX_VALUE);
  }

  @Override
  public void put(String key, byte[] body, String contentType, String cacheControl)
      throws IOException {
    if (putsBeforeFailure.getAndDecrement() <= 0) {
      throw new IOException("injected failure writing " + key);
    }
    synchronized (this) {
      if (key.equals(prefix + "checkpoint")) {
        long size =
            Long.parseLong(
                new String(body, StandardCharsets.UTF_8).lines().skip(1).findFirst().orElseThrow());
        for (ReadPathObject o : ReadPathObject.needed(size)) {
          if (!objects.containsKey(prefix + o.path())) {
            violations.add("checkpoint of size " + size + " written before " + o.path());
          }
        }
      }
      objects.put(key, new Stored(body.clone(), contentType, cacheControl));
      writes.add(key);
    }
  }

  @Override
  public synchronized Optional<byte[]> get(String key) {
    Stored s = objects.get(key);
    return s == null ? Optional.empty() : Optional.of(s.body().clone());
  }

  @Override
  public synchronized Map<String, Long> list(String keyPrefix) {
    Map<String, Long> out = new TreeMap<>();
    objects.forEach(
        (k, v) -> {
          if (k.startsWith(keyPrefix)) {
            out.put(k, (long) v.body().length);
          }
        });
    return out;
  }

  synchronized Map<String, Stored> objects() {
    return new TreeMap<>(objects);
  }

  /** Writes an object behind the mirror's back, unchecked (another writer, a restore). */
  synchronized void plant(String key, byte[] body) {
    objects.put(key, new Stored(body.clone(), "text/plain; charset=utf-8", "no-store"));
  }

  synchronized void remove(String key) {
    objects.remove(key);
  }

  synchronized void replace(String key, byte[] body) {
    Stored s = Objects.requireNonNull(objects.get(key), "replace() changes an object put before");
    objects.put(key, new Stored(body, s.contentType(), s.cacheControl()));
  }

  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  synchronized List<String> writes() {
    return List.copyOf(writes);
  }

  synchronized void clearWrites() {
    writes.clear();
  }

  @Override
  public void close() {}
}
