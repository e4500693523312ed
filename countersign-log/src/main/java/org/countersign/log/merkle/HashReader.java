package org.countersign.log.merkle;

import java.io.IOException;
import java.util.List;
import org.countersign.log.Hash;

/**
 * Reads stored complete-subtree hashes of a log's Merkle tree by storage index (see {@link NodeId}
 * for the numbering, which is Go {@code sumdb/tlog}'s).
 *
 * <p>Why storage indexes rather than (level, index) pairs: they give every stored hash one {@code
 * long} key, so a reader backed by a key-value store or a flat file needs no coordinate logic, and
 * they match Go's {@code tlog.HashReader}. Convert with {@link NodeId#fromStorageIndex} where
 * coordinates are handier (tiles).
 *
 * <p>Contract: return exactly one hash per requested index, in request order, and throw rather than
 * return a guess. A reader is trusted by whoever uses it; proofs built from an untrusted reader
 * must still be verified ({@link ProofVerifier}).
 */
@FunctionalInterface
public interface HashReader {
  /**
   * The hashes stored at {@code storageIndexes}, in the same order.
   *
   * @throws IOException if a hash cannot be read (absent, storage failure)
   */
  List<Hash> readHashes(long[] storageIndexes) throws IOException;
}
