package org.countersign.cli.verify;

import org.countersign.log.BadSignatureException;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.ProofException;
import org.countersign.log.merkle.InclusionProof;
import org.countersign.log.merkle.ProofVerifier;
import org.countersign.log.merkle.Rfc6962;

/**
 * Verifies a {@link TlogProof} receipt offline, in the order the spec gives: the checkpoint's log
 * signature and origin, then the inclusion of the entry's RFC 6962 leaf hash under the checkpoint's
 * root. Witness cosignatures are left to a witness policy (not checked here).
 */
public final class ReceiptVerifier {
  private ReceiptVerifier() {}

  /**
   * Checks that {@code entry} is at {@code receipt.index()} in the tree that {@code log} signed.
   *
   * @return the verified checkpoint the receipt leads to
   * @throws MalformedInputException if the checkpoint note does not parse
   * @throws BadSignatureException if the log key did not sign the checkpoint
   * @throws ProofException if the index is not in the tree or the inclusion proof fails
   */
  public static VerifiedCheckpoint verify(TlogProof receipt, byte[] entry, LogKey log)
      throws MalformedInputException, BadSignatureException, ProofException {
    return verifyLeaf(receipt, Rfc6962.leafHash(entry), log);
  }

  /** As {@link #verify} for a leaf hash computed elsewhere. */
  public static VerifiedCheckpoint verifyLeaf(TlogProof receipt, Hash leafHash, LogKey log)
      throws MalformedInputException, BadSignatureException, ProofException {
    VerifiedCheckpoint checkpoint = log.openCheckpoint(receipt.checkpointNote());
    if (receipt.index() >= checkpoint.size()) {
      throw new ProofException(
          "receipt index "
              + receipt.index()
              + " is not in the checkpoint's tree of size "
              + checkpoint.size());
    }
    InclusionProof proof = new InclusionProof(receipt.index(), checkpoint.size(), receipt.path());
    ProofVerifier.verifyInclusion(proof, leafHash, checkpoint.root());
    return checkpoint;
  }
}
