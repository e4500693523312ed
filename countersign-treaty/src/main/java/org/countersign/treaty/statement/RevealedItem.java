package org.countersign.treaty.statement;

import java.util.List;
import java.util.Map;
import org.countersign.treaty.json.OmittedWhenEmpty;

/**
 * One opened item of a reveal: the item's fields in the clear, the salt that hid it, its leaf index
 * in the committed tree and the RFC 6962 inclusion proof of its commitment.
 *
 * <p>This record only checks the shape of its fields; whether it opens the commitment is decided by
 * {@code org.countersign.treaty.escrow.RevealVerifier}.
 *
 * @param id the item's unique identifier within the declaration
 * @param category kebab-case category
 * @param status kebab-case status
 * @param site the site identifier
 * @param zone the zone identifier, or {@code ""} when the treaty has no zones
 * @param attributes numeric attributes (loadings) such as {@code reentry-vehicles}
 * @param salt the item's 32-byte salt, 64 lowercase hex digits
 * @param leafIndex the position of the item's commitment in the tree
 * @param proof the inclusion proof, leaf to root, each hash 64 lowercase hex digits
 * @param type the item's type within its category, or {@code ""} when not stated (optional in the
 *     signed form, left out when empty)
 */
public record RevealedItem(
    String id,
    String category,
    String status,
    String site,
    String zone,
    Map<String, Long> attributes,
    String salt,
    long leafIndex,
    List<String> proof,
    @OmittedWhenEmpty String type) {

  /** An opened item whose type is not stated. */
  public RevealedItem(
      String id,
      String category,
      String status,
      String site,
      String zone,
      Map<String, Long> attributes,
      String salt,
      long leafIndex,
      List<String> proof) {
    this(id, category, status, site, zone, attributes, salt, leafIndex, proof, "");
  }

  /** Proofs in a tree of at most 2^63 leaves have at most 63 hashes. */
  public static final int MAX_PROOF_LENGTH = 63;

  public RevealedItem {
    EscrowFieldRules.identifier("item id", id);
    try {
      EscrowFieldRules.name("category", category);
      EscrowFieldRules.name("status", status);
      EscrowFieldRules.identifier("site", site);
      EscrowFieldRules.optionalIdentifier("zone", zone);
      attributes = EscrowFieldRules.counts("attributes", attributes);
      EscrowFieldRules.optionalName("type", type);
      EscrowFieldRules.hex32("salt", salt);
      EscrowFieldRules.nonNegative("leafIndex", leafIndex);
      proof = EscrowFieldRules.list("proof", proof);
      if (proof.size() > MAX_PROOF_LENGTH) {
        throw new IllegalArgumentException(
            "proof has " + proof.size() + " hashes, more than " + MAX_PROOF_LENGTH);
      }
      for (int i = 0; i < proof.size(); i++) {
        EscrowFieldRules.hex32("proof hash " + i, proof.get(i));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("opened item " + id + ": " + e.getMessage(), e);
    }
  }
}
