package org.countersign.log.tile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.countersign.log.Hash;
import org.countersign.log.LogException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.ProofException;
import org.countersign.log.merkle.ConsistencyProof;
import org.countersign.log.merkle.InclusionProof;
import org.countersign.log.merkle.MerkleTree;
import org.countersign.log.merkle.NodeId;
import org.countersign.log.merkle.ProofVerifier;
import org.countersign.log.merkle.Rfc6962;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against an in-memory log: correct tiles give proofs that verify, and any changed byte
 * of any tile or entry is caught before it is used.
 */
class TileClientTest {
  private static final long N = 70_000;
  private static MerkleTree tree;
  private static Map<String, byte[]> log;

  @BeforeAll
  static void build() {
    tree = TestTiles.tree(N);
    log = TestTiles.servedLog(tree, N);
  }

  /** Serves a path map, records what was fetched, and refuses unjustified partial tiles. */
  private static final class Fetcher implements TileFetcher {
    final Map<String, byte[]> served;
    final List<String> fetched = new ArrayList<>();
    final Set<String> allowedPartials;

    Fetcher(Map<String, byte[]> served, long trustedSize) {
      this.served = served;
      this.allowedPartials =
          TileMath.partialTiles(trustedSize).stream().map(TileId::path).collect(Collectors.toSet());
      if (trustedSize % 256 != 0) {
        allowedPartials.add(new EntryBundleId(trustedSize / 256, (int) (trustedSize % 256)).path());
      }
    }

    @Override
    public byte[] fetch(String path) throws IOException {
      if (path.contains(".p/")) {
        assertThat(allowedPartials).as("partial fetched without justification").contains(path);
      }
      fetched.add(path);
      byte[] b = served.get(path);
      if (b == null) {
        throw new FileNotFoundException(path);
      }
      return b.clone();
    }
  }

  @Test
  void proofsAndRoots_fromTiles_verifyAgainstTrustedRoot() throws Exception {
    RandomGenerator rnd = TestTiles.random(31);
    Fetcher f = new Fetcher(log, N);
    TileClient client = new TileClient(f, N, tree.root());
    client.verifyRoot();
    for (int k = 0; k < 300; k++) {
      long index = rnd.nextLong(N);
      InclusionProof proof = client.inclusionProof(index);
      assertThat(proof).isEqualTo(tree.inclusionProof(index, N));
      ProofVerifier.verifyInclusion(proof, client.leafHash(index), tree.root());
      long old = 1 + rnd.nextLong(N);
      ConsistencyProof cp = client.consistencyProof(old);
      assertThat(client.rootAt(old)).isEqualTo(tree.root(old));
      ProofVerifier.verifyConsistency(cp, tree.root(old), tree.root());
      long mid = old + rnd.nextLong(N - old + 1);
      ProofVerifier.verifyConsistency(
          client.consistencyProof(old, mid), tree.root(old), tree.root(mid));
      long inOld = rnd.nextLong(old);
      ProofVerifier.verifyInclusion(
          client.inclusionProof(inOld, old), tree.leafHash(inOld), tree.root(old));
    }
    for (long s : new long[] {0, 1, 255, 256, 257, 65_535, 65_536, 65_537, N}) {
      assertThat(client.rootAt(s)).isEqualTo(tree.root(s));
    }
  }

  @Test
  void everySize_to1100AndAroundLevelTwo_rootAndProofsCheck() throws Exception {
    List<Long> sizes = new ArrayList<>();
    for (long s = 0; s <= 1100; s++) {
      sizes.add(s);
    }
    sizes.addAll(List.of(65_535L, 65_536L, 65_537L, 65_792L, N));
    for (long size : sizes) {
      Fetcher f = new Fetcher(TestTiles.servedLog(tree, size), size);
      TileClient client = new TileClient(f, size, tree.root(size));
      client.verifyRoot();
      if (size > 0) {
        long last = size - 1;
        ProofVerifier.verifyInclusion(
            client.inclusionProof(last), tree.leafHash(last), tree.root(size));
        ProofVerifier.verifyInclusion(client.inclusionProof(0), tree.leafHash(0), tree.root(size));
        assertThat(client.entry(last)).isEqualTo(TestTiles.entry(last));
      }
    }
  }

  @Test
  void verifyRoot_wrongTrustedRoot_throws() {
    TileClient client = new TileClient(new Fetcher(log, N), N, tree.root(N - 1));
    assertThatThrownBy(client::verifyRoot)
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("give root " + tree.root())
        .hasMessageContaining("trusted root is " + tree.root(N - 1));
    assertThatThrownBy(() -> client.leafHash(5)).isInstanceOf(ProofException.class);
  }

  @Test
  void emptyTree_fetchesNothing() throws Exception {
    Fetcher f = new Fetcher(Map.of(), 0);
    new TileClient(f, 0, Hash.EMPTY).verifyRoot();
    assertThat(f.fetched).isEmpty();
    assertThatThrownBy(() -> new TileClient(f, 0, tree.root(1)).verifyRoot())
        .isInstanceOf(ProofException.class);
  }

  @Test
  void entries_allBundles_matchAndAreVerified() throws Exception {
    long size = 1000;
    Map<String, byte[]> served = TestTiles.servedLog(tree, size);
    TileClient client = new TileClient(new Fetcher(served, size), size, tree.root(size));
    for (long b = 0; b < 4; b++) {
      List<byte[]> entries = client.entryBundle(b);
      assertThat(entries).hasSize(b < 3 ? 256 : 232);
      for (int i = 0; i < entries.size(); i++) {
        assertThat(entries.get(i)).isEqualTo(TestTiles.entry(b * 256 + i));
      }
    }
    assertThatThrownBy(() -> client.entryBundle(4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.entry(1000)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void entries_changedEntry_throwsNamingIt() {
    long size = 600;
    Map<String, byte[]> served = new HashMap<>(TestTiles.servedLog(tree, size));
    List<byte[]> entries = new ArrayList<>();
    for (int i = 256; i < 512; i++) {
      entries.add(TestTiles.entry(i));
    }
    entries.set(7, "forged".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    served.put("tile/entries/001", EntryBundle.encode(entries));
    TileClient client = new TileClient(new Fetcher(served, size), size, tree.root(size));
    assertThatThrownBy(() -> client.entry(300))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("entry 263 in tile/entries/001");
  }

  @Test
  void entries_malformedBundle_throwsMalformed() {
    long size = 600;
    Map<String, byte[]> served = new HashMap<>(TestTiles.servedLog(tree, size));
    byte[] bundle = Objects.requireNonNull(served.get("tile/entries/002.p/88"));
    served.put("tile/entries/002.p/88", java.util.Arrays.copyOf(bundle, bundle.length - 1));
    TileClient client = new TileClient(new Fetcher(served, size), size, tree.root(size));
    assertThatThrownBy(() -> client.entry(599)).isInstanceOf(MalformedInputException.class);
  }

  /** Every byte of every tile of a 300-leaf log, flipped one at a time, is caught. */
  @Test
  void anyFlippedTileByte_smallLog_isDetected() throws Exception {
    long size = 300;
    Map<String, byte[]> served = TestTiles.servedLog(tree, size);
    for (TileId id : TestTiles.tilesOf(tree, size).keySet()) {
      byte[] good = Objects.requireNonNull(served.get(id.path()));
      for (int pos = 0; pos < good.length; pos++) {
        Map<String, byte[]> bad = new HashMap<>(served);
        byte[] flipped = good.clone();
        flipped[pos] ^= (byte) (1 << (pos % 8));
        bad.put(id.path(), flipped);
        assertAuditFails(
            new TileClient(new Fetcher(bad, size), size, tree.root(size)), size, id, pos);
      }
    }
  }

  /** In the 70,000-leaf log (three levels), a random byte of every tile, flipped, is caught. */
  @Test
  void anyFlippedTileByte_largeLog_isDetected() throws Exception {
    RandomGenerator rnd = TestTiles.random(17);
    for (TileId id : TestTiles.tilesOf(tree, N).keySet()) {
      byte[] good = Objects.requireNonNull(log.get(id.path()));
      for (int k = 0; k < 3; k++) {
        int pos = rnd.nextInt(good.length);
        Map<String, byte[]> bad = new HashMap<>(log);
        byte[] flipped = good.clone();
        flipped[pos] ^= (byte) (1 << rnd.nextInt(8));
        bad.put(id.path(), flipped);
        TileClient client = new TileClient(new Fetcher(bad, N), N, tree.root());
        // Reading the changed tile itself must fail, whatever level it is at.
        assertThatThrownBy(() -> client.tile(id))
            .as("flipped byte %d of %s", pos, id)
            .isInstanceOf(ProofException.class);
      }
    }
  }

  @Test
  void tile_wrongLength_throwsNamingTheTile() {
    Map<String, byte[]> bad = new HashMap<>(log);
    bad.put("tile/0/000", new byte[8160]);
    TileClient client = new TileClient(new Fetcher(bad, N), N, tree.root());
    assertThatThrownBy(() -> client.leafHash(3))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("tile/0/000 has 8160 bytes, expected 8192");
  }

  @Test
  void tile_changedFullTile_throwsNamingTileAndParent() {
    Map<String, byte[]> bad = new HashMap<>(log);
    byte[] t =
        Objects.requireNonNull(bad.get("tile/0/256"))
            .clone(); // level-0 tile 256, child of tile/1/001.p/17
    t[100] ^= 1;
    bad.put("tile/0/256", t);
    TileClient client = new TileClient(new Fetcher(bad, N), N, tree.root());
    assertThatThrownBy(() -> client.inclusionProof(256 * 256 + 3))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("tile tile/0/256 hashes to")
        .hasMessageContaining("verified tile tile/1/001.p/17");
  }

  @Test
  void tile_notInTrustedTree_refusedWithoutFetching() {
    Fetcher f = new Fetcher(log, N);
    TileClient client = new TileClient(f, N, tree.root());
    assertThatThrownBy(() -> client.tile(new TileId(0, 273, 111)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.tile(TileId.full(0, 273)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.hash(new NodeId(1, 35_000)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.inclusionProof(N)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.consistencyProof(N + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(f.fetched).isEmpty();
  }

  @Test
  void fetches_areFewAndCached() throws Exception {
    Fetcher f = new Fetcher(log, N);
    TileClient client = new TileClient(f, N, tree.root());
    client.inclusionProof(12_345);
    // Three partial tiles for the root, then the leaf's full tile and its level-1 parent.
    assertThat(f.fetched).hasSizeLessThanOrEqualTo(6);
    int before = f.fetched.size();
    client.inclusionProof(12_346);
    assertThat(f.fetched).hasSize(before);
  }

  @Test
  void integratorOutput_servedToClient_verifies() throws Exception {
    Map<TileId, byte[]> stored = new HashMap<>();
    MerkleTree t = new MerkleTree();
    RandomGenerator rnd = TestTiles.random(8);
    long size = 0;
    while (size < 20_000) {
      int batch = 1 + rnd.nextInt(700);
      List<Hash> hashes = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        Hash h = Rfc6962.leafHash(TestTiles.entry(size + i));
        hashes.add(h);
        t.append(h);
      }
      Integration r =
          TileIntegrator.integrate(
              size, id -> java.util.Optional.ofNullable(stored.get(id)), hashes);
      stored.putAll(r.tilesToWrite());
      size = r.newSize();
      Map<String, byte[]> served = new HashMap<>();
      stored.forEach((id, c) -> served.put(id.path(), c));
      TileClient client = new TileClient(new Fetcher(served, size), size, r.newRoot());
      client.verifyRoot();
      long index = rnd.nextLong(size);
      ProofVerifier.verifyInclusion(client.inclusionProof(index), t.leafHash(index), t.root());
    }
  }

  private static void assertAuditFails(TileClient client, long size, TileId id, int pos) {
    try {
      client.verifyRoot();
      for (long i = 0; i < size; i += 256) {
        client.leafHash(i);
      }
    } catch (LogException | IOException expected) {
      assertThat(expected).isInstanceOf(ProofException.class);
      return;
    }
    throw new AssertionError("flipped byte " + pos + " of " + id + " went unnoticed");
  }
}
