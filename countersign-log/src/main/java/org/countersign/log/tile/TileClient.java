package org.countersign.log.tile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.countersign.log.Hash;
import org.countersign.log.LogException;
import org.countersign.log.ProofException;
import org.countersign.log.merkle.ConsistencyProof;
import org.countersign.log.merkle.HashReader;
import org.countersign.log.merkle.InclusionProof;
import org.countersign.log.merkle.NodeId;
import org.countersign.log.merkle.Proofs;
import org.countersign.log.merkle.Rfc6962;
import org.jspecify.annotations.Nullable;

/**
 * Reads a C2SP tlog-tiles log that it does not trust, anchored at a tree size and root that the
 * caller took from a verified checkpoint. Compare Go {@code sumdb/tlog}'s {@code TileHashReader}.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>No fetched byte is used before it is verified against the trusted root. The partial tiles
 *       of the trusted size are verified together by recomputing the root from them ({@link
 *       TileMath#rootFromPartialTiles}); a full tile is verified by hashing it and comparing with
 *       its hash in the (verified) tile one level up, recursively. Every tile is thus bound to the
 *       trusted root by collision-resistant hashing.
 *   <li>Only partial tiles that the trusted size justifies are fetched (the spec forbids others).
 *   <li>An entry is returned only if its leaf hash equals the verified level-0 tile's hash.
 *   <li>A tile or entry that fails a check raises {@link ProofException} naming it; the client
 *       never falls back to unverified data.
 * </ul>
 *
 * <p>Verified full tiles are kept in a bounded cache (least recently used, {@value #CACHE_TILES}
 * tiles, about 4 MiB) together with the partial tiles. Methods are thread-safe; calls are
 * serialised, fetches included.
 */
public final class TileClient {
  /** How many verified full tiles the client keeps. */
  public static final int CACHE_TILES = 512;

  private final TileFetcher fetcher;
  private final long size;
  private final Hash root;
  private final Map<TileId, byte[]> verifiedFull =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TileId, byte[]> eldest) {
          return size() > CACHE_TILES;
        }
      };
  // The verified partial tiles of the trusted size, by level; null until verified.
  private @Nullable Map<Integer, byte[]> verifiedPartials;

  /**
   * A client for the tree of {@code trustedSize} leaves with root {@code trustedRoot}. Nothing is
   * fetched until a method needs it.
   *
   * @param trustedSize a tree size from a verified checkpoint
   * @param trustedRoot the root hash from the same checkpoint
   */
  public TileClient(TileFetcher fetcher, long trustedSize, Hash trustedRoot) {
    if (trustedSize < 0 || trustedSize > NodeId.MAX_STORED_LEAVES) {
      throw new IllegalArgumentException("tree size out of range: " + trustedSize);
    }
    this.fetcher = fetcher;
    this.size = trustedSize;
    this.root = trustedRoot;
  }

  /** The trusted tree size. */
  public long size() {
    return size;
  }

  /** The trusted root. */
  public Hash root() {
    return root;
  }

  /**
   * Fetches the partial tiles of the trusted size and checks that they give the trusted root. Other
   * methods do this first anyway; call it to learn early whether the log serves its tree.
   *
   * @throws ProofException if the tiles disagree with the trusted root
   */
  public synchronized void verifyRoot() throws IOException, ProofException {
    partials();
  }

  /**
   * The verified contents of tile {@code id}, which must be a tile of the trusted tree (full, or
   * partial of exactly the width the trusted size implies).
   *
   * @throws IllegalArgumentException if the trusted tree has no such tile
   * @throws ProofException if the tile does not verify
   */
  public synchronized byte[] tile(TileId id) throws IOException, ProofException {
    TileId expected = TileMath.tile(id.level(), id.index(), size);
    if (!expected.equals(id)) {
      throw new IllegalArgumentException(
          "the tree of size " + size + " has tile " + expected + ", not " + id);
    }
    return verifiedTile(id).clone();
  }

  /**
   * The verified hash of a complete subtree of the trusted tree.
   *
   * @throws IllegalArgumentException if the node is not complete in the trusted tree
   */
  public synchronized Hash hash(NodeId node) throws IOException, ProofException {
    TileId id = TileMath.tileFor(node, size);
    return TileMath.nodeHash(id, verifiedTile(id), node);
  }

  /** The verified leaf hash at {@code index}. */
  public Hash leafHash(long index) throws IOException, ProofException {
    return hash(new NodeId(0, index));
  }

  /**
   * The root of the tree of the first {@code treeSize} leaves, computed from verified tiles: what
   * an older checkpoint of the same log must show.
   *
   * @throws IllegalArgumentException unless {@code 0 <= treeSize <= size()}
   */
  public synchronized Hash rootAt(long treeSize) throws IOException, ProofException {
    checkSize(treeSize);
    return withReader(r -> Proofs.treeHash(treeSize, r));
  }

  /** The inclusion proof of leaf {@code index} in the trusted tree. */
  public InclusionProof inclusionProof(long index) throws IOException, ProofException {
    return inclusionProof(index, size);
  }

  /**
   * The inclusion proof of leaf {@code index} in the tree of the first {@code treeSize} leaves.
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < treeSize <= size()}
   */
  public synchronized InclusionProof inclusionProof(long index, long treeSize)
      throws IOException, ProofException {
    checkSize(treeSize);
    return withReader(r -> Proofs.inclusion(index, treeSize, r));
  }

  /** The consistency proof from the tree of {@code oldSize} leaves to the trusted tree. */
  public ConsistencyProof consistencyProof(long oldSize) throws IOException, ProofException {
    return consistencyProof(oldSize, size);
  }

  /**
   * The consistency proof between the trees of the first {@code oldSize} and {@code newSize}
   * leaves.
   *
   * @throws IllegalArgumentException unless {@code 0 < oldSize <= newSize <= size()}
   */
  public synchronized ConsistencyProof consistencyProof(long oldSize, long newSize)
      throws IOException, ProofException {
    checkSize(newSize);
    return withReader(r -> Proofs.consistency(oldSize, newSize, r));
  }

  /**
   * The entries of bundle {@code bundleIndex}, each checked against its verified leaf hash. The
   * bundle's width follows from the trusted size.
   *
   * @throws IllegalArgumentException if the trusted tree has no such bundle
   * @throws org.countersign.log.MalformedInputException if the bundle does not parse
   * @throws ProofException if an entry does not match its leaf hash
   */
  public synchronized List<byte[]> entryBundle(long bundleIndex) throws IOException, LogException {
    TileId leafTile = TileMath.tile(0, bundleIndex, size);
    EntryBundleId id = new EntryBundleId(bundleIndex, leafTile.width());
    List<byte[]> entries = EntryBundle.decode(fetch(id.path()), id.width());
    byte[] hashes = verifiedTile(leafTile);
    for (int i = 0; i < entries.size(); i++) {
      Hash expected = Hash.of(hashes, i * Hash.SIZE);
      Hash actual = Rfc6962.leafHash(entries.get(i));
      if (!actual.equals(expected)) {
        throw new ProofException(
            "entry "
                + (bundleIndex * TileId.FULL_WIDTH + i)
                + " in "
                + id
                + " has leaf hash "
                + actual
                + " but the verified tile "
                + leafTile
                + " says "
                + expected);
      }
    }
    return entries;
  }

  /** The verified entry at {@code index}. */
  public byte[] entry(long index) throws IOException, LogException {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("entry " + index + " is not in a tree of size " + size);
    }
    return entryBundle(index >>> 8).get((int) (index & 0xff));
  }

  // ---- verification ----

  private byte[] verifiedTile(TileId id) throws IOException, ProofException {
    if (id.isPartial()) {
      byte[] p = partials().get(id.level());
      if (p == null || p.length != id.byteLength()) {
        throw new IllegalStateException(id + " is not a partial tile of size " + size);
      }
      return p;
    }
    byte[] cached = verifiedFull.get(id);
    if (cached != null) {
      return cached;
    }
    byte[] contents = fetchTile(id);
    TileId parent = TileMath.tile(id.level() + 1, id.index() >>> 8, size);
    byte[] parentContents = verifiedTile(parent);
    Hash expected = Hash.of(parentContents, (int) (id.index() & 0xff) * Hash.SIZE);
    Hash actual = TileMath.tileRoot(contents);
    if (!actual.equals(expected)) {
      throw new ProofException(
          "tile "
              + id
              + " hashes to "
              + actual
              + " but the verified tile "
              + parent
              + " says "
              + expected);
    }
    verifiedFull.put(id, contents);
    return contents;
  }

  private Map<Integer, byte[]> partials() throws IOException, ProofException {
    if (verifiedPartials != null) {
      return verifiedPartials;
    }
    List<TileId> ids = TileMath.partialTiles(size);
    List<byte[]> contents = new ArrayList<>(ids.size());
    for (TileId id : ids) {
      contents.add(fetchTile(id));
    }
    Hash computed = TileMath.rootFromPartialTiles(size, contents);
    if (!computed.equals(root)) {
      throw new ProofException(
          "the partial tiles of tree size "
              + size
              + " give root "
              + computed
              + " but the trusted root is "
              + root);
    }
    Map<Integer, byte[]> byLevel = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      byLevel.put(ids.get(i).level(), contents.get(i));
    }
    verifiedPartials = byLevel;
    return byLevel;
  }

  private byte[] fetchTile(TileId id) throws IOException, ProofException {
    byte[] contents = fetch(id.path());
    if (contents.length != id.byteLength()) {
      throw new ProofException(
          "tile " + id + " has " + contents.length + " bytes, expected " + id.byteLength());
    }
    return contents;
  }

  private byte[] fetch(String path) throws IOException {
    byte[] bytes = fetcher.fetch(path);
    if (bytes == null) {
      throw new IOException("fetcher returned nothing for " + path);
    }
    return bytes;
  }

  // ---- plumbing: Proofs reads through HashReader, which may only throw IOException ----

  private interface ProofBuilder<T> {
    T build(HashReader reader) throws IOException;
  }

  /** Carries a ProofException through HashReader's IOException-only signature. */
  private static final class VerificationFailure extends IOException {
    private static final long serialVersionUID = 1L;
    final transient ProofException failure;

    VerificationFailure(ProofException failure) {
      super(failure.getMessage(), failure);
      this.failure = failure;
    }
  }

  private <T> T withReader(ProofBuilder<T> builder) throws IOException, ProofException {
    HashReader reader =
        storageIndexes -> {
          List<Hash> out = new ArrayList<>(storageIndexes.length);
          for (long i : storageIndexes) {
            NodeId node = NodeId.fromStorageIndex(i);
            TileId id = TileMath.tileFor(node, size);
            try {
              out.add(TileMath.nodeHash(id, verifiedTile(id), node));
            } catch (ProofException e) {
              throw new VerificationFailure(e);
            }
          }
          return out;
        };
    try {
      return builder.build(reader);
    } catch (VerificationFailure e) {
      throw e.failure;
    }
  }

  private void checkSize(long treeSize) {
    if (treeSize < 0 || treeSize > size) {
      throw new IllegalArgumentException(
          "tree size " + treeSize + " is not between 0 and the trusted size " + size);
    }
  }
}
