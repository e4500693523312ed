package org.countersign.log.tile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.log.Hash;
import org.countersign.log.merkle.ConsistencyProof;
import org.countersign.log.merkle.InclusionProof;
import org.countersign.log.merkle.MerkleTree;
import org.countersign.log.merkle.NodeId;
import org.countersign.log.merkle.ProofVerifier;
import org.countersign.log.merkle.Rfc6962;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our hashes, storage indexes, tiles and proofs against values frozen from Go's {@code
 * golang.org/x/mod/sumdb/tlog} (see {@code go-tlog/README.md}): the same log grown in the same
 * batches must give byte-identical roots, tiles and proofs.
 */
class GoTlogInteropTest {
  private static List<String[]> lines;
  private static MerkleTree tree;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        GoTlogInteropTest.class.getResourceAsStream("go-tlog/go-tlog-vectors.txt")) {
      lines =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.startsWith("#") && !l.isBlank())
              .map(l -> l.split(" "))
              .toList();
    }
    tree = new MerkleTree();
    for (int i = 0; i < 70_000; i++) {
      tree.append(Rfc6962.leafHash(entry(i)));
    }
  }

  private static byte[] entry(long i) {
    return ("go-tlog vector entry " + i).getBytes(StandardCharsets.UTF_8);
  }

  private static List<String[]> kind(String kind) {
    List<String[]> out = lines.stream().filter(l -> l[0].equals(kind)).toList();
    assertThat(out).as("vectors of kind %s", kind).isNotEmpty();
    return out;
  }

  private static List<Hash> hashes(String field) throws Exception {
    List<Hash> out = new ArrayList<>();
    if (!field.equals("-")) {
      for (String b : field.split(",", -1)) {
        out.add(Hash.fromBase64(b));
      }
    }
    return out;
  }

  @Test
  void leafHashes_matchGo() throws Exception {
    for (String[] l : kind("leaf")) {
      assertThat(Rfc6962.leafHash(entry(Long.parseLong(l[1])))).isEqualTo(Hash.fromBase64(l[2]));
    }
  }

  @Test
  void storageIndexes_matchGo() {
    for (String[] l : kind("storage")) {
      NodeId node = new NodeId(Integer.parseInt(l[1]), Long.parseLong(l[2]));
      assertThat(node.storageIndex()).as("%s", node).isEqualTo(Long.parseLong(l[3]));
      assertThat(NodeId.fromStorageIndex(Long.parseLong(l[3]))).isEqualTo(node);
    }
    for (String[] l : kind("storedcount")) {
      assertThat(NodeId.storedHashCount(Long.parseLong(l[1]))).isEqualTo(Long.parseLong(l[2]));
    }
  }

  /** Integrating the same batches writes exactly the tiles Go writes, with the same bytes. */
  @Test
  void integratedTiles_matchGo() throws Exception {
    Map<TileId, byte[]> store = new HashMap<>();
    Map<String, String> goTiles = new LinkedHashMap<>();
    long batches = 0;
    for (int i = 0; i < lines.size(); i++) {
      String[] l = lines.get(i);
      if (!l[0].equals("batch")) {
        continue;
      }
      long old = Long.parseLong(l[1]);
      long size = Long.parseLong(l[2]);
      goTiles.clear();
      for (int j = i + 1; j < lines.size() && lines.get(j)[0].equals("tile"); j++) {
        goTiles.put(lines.get(j)[1], lines.get(j)[2]);
      }
      List<Hash> leaves = new ArrayList<>();
      for (long n = old; n < size; n++) {
        leaves.add(Rfc6962.leafHash(entry(n)));
      }
      Integration r =
          TileIntegrator.integrate(old, id -> Optional.ofNullable(store.get(id)), leaves);
      assertThat(r.newRoot()).as("root at %d", size).isEqualTo(Hash.fromBase64(l[3]));
      Map<String, String> ours = new LinkedHashMap<>();
      r.tilesToWrite()
          .forEach(
              (id, c) -> ours.put(id.path(), HexFormat.of().formatHex(Hash.sha256(c).bytes())));
      assertThat(ours).as("tiles written growing %d -> %d", old, size).isEqualTo(goTiles);
      store.putAll(r.tilesToWrite());
      batches++;
    }
    assertThat(batches).isEqualTo(18);
  }

  @Test
  void inclusionProofs_matchGo() throws Exception {
    for (String[] l : kind("inclusion")) {
      long n = Long.parseLong(l[1]);
      long t = Long.parseLong(l[2]);
      InclusionProof ours = tree.inclusionProof(n, t);
      assertThat(ours.path()).as("ProveRecord(%d, %d)", t, n).isEqualTo(hashes(l[3]));
      ProofVerifier.verifyInclusion(ours, tree.leafHash(n), tree.root(t));
    }
  }

  @Test
  void consistencyProofs_matchGo() throws Exception {
    for (String[] l : kind("consistency")) {
      long n = Long.parseLong(l[1]);
      long t = Long.parseLong(l[2]);
      Hash rootN = Hash.fromBase64(l[3]);
      Hash rootT = Hash.fromBase64(l[4]);
      assertThat(tree.root(n)).isEqualTo(rootN);
      assertThat(tree.root(t)).isEqualTo(rootT);
      ConsistencyProof ours = tree.consistencyProof(n, t);
      assertThat(ours.path()).as("ProveTree(%d, %d)", t, n).isEqualTo(hashes(l[5]));
      ProofVerifier.verifyConsistency(ours, rootN, rootT);
    }
  }
}
