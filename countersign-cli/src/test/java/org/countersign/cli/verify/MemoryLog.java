package org.countersign.cli.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.log.note.SignerKey;
import org.countersign.log.tile.EntryBundle;
import org.countersign.log.tile.EntryBundleId;
import org.countersign.log.tile.Integration;
import org.countersign.log.tile.TileFetcher;
import org.countersign.log.tile.TileId;
import org.countersign.log.tile.TileIntegrator;

/**
 * A tiled log in memory, integrated by the real {@link TileIntegrator}, that accepts anything: the
 * auditor's tests write into it what an honest server would have refused.
 */
final class MemoryLog implements TileFetcher {
  final SignerKey key =
      SignerKey.fromSeed(
          "memory.test/log", Hash.sha256("memory log".getBytes(StandardCharsets.UTF_8)).bytes());
  private final Map<TileId, byte[]> tiles = new HashMap<>();
  private final List<byte[]> entries = new ArrayList<>();
  private Hash root = Hash.EMPTY;

  /** Appends entries as one batch. */
  void append(List<byte[]> batch) throws IOException {
    List<Hash> leaves = new ArrayList<>();
    batch.forEach(e -> leaves.add(Rfc6962.leafHash(e)));
    Integration done =
        TileIntegrator.integrate(entries.size(), id -> Optional.ofNullable(tiles.get(id)), leaves);
    tiles.putAll(done.tilesToWrite());
    entries.addAll(batch);
    root = done.newRoot();
  }

  long size() {
    return entries.size();
  }

  LogKey logKey() throws MalformedInputException {
    return LogKey.parse(key.verifierKey());
  }

  /** The signed checkpoint of the current tree. */
  String checkpoint() {
    return new Checkpoint(key.name(), entries.size(), root).sign(key);
  }

  VerifiedCheckpoint verifiedCheckpoint() throws Exception {
    return logKey().openCheckpoint(checkpoint());
  }

  @Override
  public byte[] fetch(String path) throws IOException {
    try {
      if (path.startsWith("tile/entries/")) {
        EntryBundleId id = EntryBundleId.parse(path);
        int from = (int) (id.index() * TileId.FULL_WIDTH);
        return EntryBundle.encode(entries.subList(from, from + id.width()));
      }
      byte[] tile = tiles.get(TileId.parse(path));
      if (tile == null) {
        throw new IOException("404 " + path);
      }
      return tile.clone();
    } catch (MalformedInputException | IndexOutOfBoundsException e) {
      throw new IOException("404 " + path, e);
    }
  }
}
