package org.countersign.witness.client;

import java.io.IOException;
import java.util.List;
import org.countersign.log.Hash;

/**
 * Where a log's consistency proofs come from: the log's own tree, or tiles fetched from it.
 *
 * <p>Witnesses check every proof, so a source need not be trusted; a wrong proof only costs a
 * refusal (422) and may leave evidence.
 */
@FunctionalInterface
public interface ConsistencyProofSource {
  /**
   * The RFC 6962 consistency proof from the tree of {@code oldSize} leaves to the tree of {@code
   * newSize} leaves, {@code 0 < oldSize < newSize}.
   *
   * @throws IOException if the hashes cannot be read
   */
  List<Hash> proof(long oldSize, long newSize) throws IOException;
}
