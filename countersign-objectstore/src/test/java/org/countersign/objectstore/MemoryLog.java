package org.countersign.objectstore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.log.note.SignerKey;
import org.countersign.log.tile.EntryBundleId;
import org.countersign.log.tile.Integration;
import org.countersign.log.tile.TileId;
import org.countersign.log.tile.TileIntegrator;

/** An in-memory log for the mirror's tests: tiles from the log core's integrator, signed. */
final class MemoryLog implements LogSource {
  static final String ORIGIN = "example.org/objectstore-test";

  private final SignerKey key;
  private final Random random;
  private final List<byte[]> entries = new ArrayList<>();
  private final Map<List<Long>, byte[]> tiles = new HashMap<>();
  private Published published;

  MemoryLog(long seed) {
    this(seed, seed);
  }

  /** A log whose key comes from {@code keySeed} and whose entries from {@code entrySeed}. */
  MemoryLog(long keySeed, long entrySeed) {
    this.random = new Random(entrySeed);
    byte[] seedBytes = new byte[32];
    new Random(keySeed).nextBytes(seedBytes);
    this.key = SignerKey.fromSeed(ORIGIN, seedBytes);
    this.published = sign(0, Hash.EMPTY);
  }

  /** A log signed by another key under the same origin. */
  static MemoryLog otherKey() {
    return new MemoryLog(new SecureRandom().nextLong());
  }

  SignerKey key() {
    return key;
  }

  /** Appends {@code n} random entries and publishes the new checkpoint. */
  synchronized Published append(int n) throws IOException {
    List<Hash> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] e = new byte[1 + random.nextInt(200)];
      random.nextBytes(e);
      entries.add(e);
      leaves.add(Rfc6962.leafHash(e));
    }
    Integration in =
        TileIntegrator.integrate(
            published.size(),
            id -> {
              byte[] t = tiles.get(List.of((long) id.level(), id.index()));
              return t == null || t.length < id.byteLength()
                  ? Optional.empty()
                  : Optional.of(Arrays.copyOf(t, id.byteLength()));
            },
            leaves);
    for (Map.Entry<TileId, byte[]> t : in.tilesToWrite().entrySet()) {
      tiles.put(List.of((long) t.getKey().level(), t.getKey().index()), t.getValue());
    }
    published = sign(in.newSize(), in.newRoot());
    notifyAll();
    return published;
  }

  private Published sign(long size, Hash root) {
    return new Published(size, root, new Checkpoint(ORIGIN, size, root).sign(key));
  }

  @Override
  public synchronized Published published() {
    return published;
  }

  @Override
  public synchronized Published awaitLarger(long size, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (published.size() <= size) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return published;
  }

  @Override
  public synchronized byte[] hashTile(TileId id) throws IOException {
    byte[] t = tiles.get(List.of((long) id.level(), id.index()));
    if (t == null || t.length < id.byteLength()) {
      throw new IOException("no tile " + id.path());
    }
    return Arrays.copyOf(t, id.byteLength());
  }

  @Override
  public synchronized byte[] entryBundle(EntryBundleId id) throws IOException {
    long first = id.index() * TileId.FULL_WIDTH;
    if (first + id.width() > entries.size()) {
      throw new IOException("no bundle " + id.path());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < id.width(); i++) {
      byte[] e = entries.get((int) (first + i));
      out.write(e.length >>> 8);
      out.write(e.length & 0xff);
      out.writeBytes(e);
    }
    return out.toByteArray();
  }

  /** The bytes a reader of this log gets at {@code path} (a tile path or "checkpoint"). */
  synchronized byte[] bytesAt(String path) throws Exception {
    if (path.equals("checkpoint")) {
      return published.note().getBytes(StandardCharsets.UTF_8);
    }
    if (path.startsWith("tile/entries/")) {
      return entryBundle(EntryBundleId.parse(path));
    }
    return hashTile(TileId.parse(path));
  }
}
