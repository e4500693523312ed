package org.countersign.server.sequence;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.countersign.log.Hash;
import org.countersign.log.tile.TileId;
import org.countersign.store.Batch;
import org.countersign.store.LogStore;
import org.countersign.store.StoreException;
import org.countersign.store.TreeState;

/**
 * A real store with failures on demand: before a commit, after a commit, on publish, or in a
 * batch's identity lookup.
 */
final class FaultyStore implements LogStore {
  final LogStore real;
  final AtomicInteger failCommitsBefore = new AtomicInteger();
  final AtomicInteger failCommitsAfter = new AtomicInteger();
  final AtomicInteger failPublishes = new AtomicInteger();
  final AtomicInteger failLookups = new AtomicInteger();
  final AtomicInteger commits = new AtomicInteger();

  FaultyStore(LogStore real) {
    this.real = real;
  }

  @Override
  public TreeState treeState() throws StoreException {
    return real.treeState();
  }

  @Override
  public void commit(Batch batch) throws StoreException {
    if (failCommitsBefore.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new StoreException("injected: disk full before the commit");
    }
    real.commit(batch);
    commits.incrementAndGet();
    if (failCommitsAfter.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new StoreException("injected: connection lost after the commit");
    }
  }

  @Override
  public OptionalLong indexOfIdentity(Hash identity) throws StoreException {
    return real.indexOfIdentity(identity);
  }

  @Override
  public Map<Hash, Long> indexesOfIdentities(Collection<Hash> identities) throws StoreException {
    if (failLookups.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new StoreException("injected: cannot read the identities");
    }
    return real.indexesOfIdentities(identities);
  }

  @Override
  public List<byte[]> readEntries(long from, int count) throws StoreException {
    return real.readEntries(from, count);
  }

  @Override
  public Optional<byte[]> readTile(TileId key) throws StoreException {
    return real.readTile(key);
  }

  @Override
  public Optional<String> checkpointAt(long size) throws StoreException {
    return real.checkpointAt(size);
  }

  @Override
  public void putPublishedCheckpoint(String note) throws StoreException {
    if (failPublishes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new StoreException("injected: cannot publish");
    }
    real.putPublishedCheckpoint(note);
  }

  @Override
  public Optional<String> publishedCheckpoint() throws StoreException {
    return real.publishedCheckpoint();
  }

  @Override
  public Optional<byte[]> getMeta(String key) throws StoreException {
    return real.getMeta(key);
  }

  @Override
  public void putMeta(String key, byte[] value) throws StoreException {
    real.putMeta(key, value);
  }

  @Override
  public void close() throws StoreException {
    real.close();
  }
}
