package org.countersign.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.countersign.fixtures.FakeClock;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.log.note.SignerKey;
import org.countersign.server.key.LogKeyFile;
import org.countersign.server.publish.LogCheckpointSigner;
import org.countersign.server.sequence.TileBatchIntegrator;
import org.countersign.server.tiles.TileSource;
import org.countersign.store.Batch;
import org.countersign.store.LogStore;
import org.countersign.store.LogStores;
import org.countersign.store.NewEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory whose log holds entries this version cannot replay (written before statements
 * carried their log's origin, or by hand) is refused at start with the reason, rather than served
 * with every compliance request answering 503.
 */
class UnreplayableStoreTest {
  @TempDir Path dir;

  @Test
  void storeWhoseFirstEntryIsNoStatement_refusedAtStartWithTheReason() throws Exception {
    FakeClock clock = FakeClock.atDefaultStart();
    ServerOptions options = TestServers.options(dir, clock).build();
    LogServer.start(options).stop(); // creates the key, pins the store, signs the empty tree
    SignerKey key = LogKeyFile.load(options.logKeyFile(), options.origin());
    byte[] entry = "an entry of an older format\n".getBytes(StandardCharsets.UTF_8);
    try (LogStore store = LogStores.open(dir.toAbsolutePath().toString())) {
      TileSource tiles = new TileSource(store, 1 << 20, 1 << 20);
      var grown = new TileBatchIntegrator(tiles).integrate(0, List.of(Rfc6962.leafHash(entry)));
      store.commit(
          new Batch(
              0,
              List.of(NewEntry.of(entry)),
              grown.tiles(),
              new LogCheckpointSigner(key).sign(1, grown.root())));
    }
    assertThatThrownBy(() -> LogServer.start(options))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(
            "entry 0 of the stored log is not a statement this version can replay")
        .hasMessageContaining("not a signed note")
        .hasMessageContaining("start from an empty directory");
  }
}
