/**
 * RFC 6962 / RFC 9162 Merkle trees: hashing ({@link org.countersign.log.merkle.Rfc6962}), proofs
 * built from stored complete-subtree hashes ({@link org.countersign.log.merkle.Proofs} over a
 * {@link org.countersign.log.merkle.HashReader}), verification that checks every RFC 9162
 * precondition ({@link org.countersign.log.merkle.ProofVerifier}), and an in-memory append-only
 * tree ({@link org.countersign.log.merkle.MerkleTree}).
 *
 * <p>Proofs are plain records; holding one proves nothing until {@code ProofVerifier} has accepted
 * it against a root that came from a verified checkpoint.
 */
@NullMarked
package org.countersign.log.merkle;

import org.jspecify.annotations.NullMarked;
