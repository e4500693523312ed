package org.countersign.cli.verify;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.countersign.log.note.VerifierKey;
import org.countersign.treaty.protocol.FirstKeys;

/**
 * What a passed audit checked, for people to read and scripts to compare.
 *
 * @param checkpoint the audited checkpoint (log signature verified)
 * @param hashTiles hash tiles downloaded and verified, partial ones included
 * @param partialHashTiles of which partial
 * @param bundles entry bundles downloaded, every entry checked against its leaf hash
 * @param bytes bytes downloaded for tiles and bundles
 * @param entries entries checked
 * @param kinds statements by kind
 * @param signatures statement signatures verified
 * @param parties participants with a registered key at the end of the log
 * @param rotations key rotations replayed
 * @param treaty the treaty every statement names, if the log has any entry
 * @param since the older checkpoint proven consistent with this one, if one was given
 * @param consistencyProofLength the length of that consistency proof
 * @param firstKeys each participant's first key as the log registered it
 * @param agreed the first keys agreed outside the log that every first registration was checked
 *     against; empty if the auditor had none (the first keys are then listed, NOT checked)
 */
public record AuditReport(
    VerifiedCheckpoint checkpoint,
    long hashTiles,
    long partialHashTiles,
    long bundles,
    long bytes,
    long entries,
    SortedMap<String, Long> kinds,
    long signatures,
    int parties,
    long rotations,
    Optional<String> treaty,
    Optional<VerifiedCheckpoint> since,
    int consistencyProofLength,
    Map<String, VerifierKey> firstKeys,
    Optional<FirstKeys> agreed) {

  public AuditReport {
    Objects.requireNonNull(checkpoint, "checkpoint");
    kinds = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(kinds));
    Objects.requireNonNull(treaty, "treaty");
    Objects.requireNonNull(since, "since");
    firstKeys = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(firstKeys));
    Objects.requireNonNull(agreed, "agreed");
  }

  /** The note printed when first keys were not checked, with what to do about it. */
  public static final String FIRST_KEYS_NOT_CHECKED =
      "first keys NOT checked: without the first-keys file the participants agreed outside the"
          + " log (--first-keys), a stranger's first registration for a party cannot be told from"
          + " the party's own";

  /** The number of statements, all kinds together. */
  public long statements() {
    return kinds.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The report as aligned lines, ending with the verdict. */
  public String format(String logKey) {
    return format(logKey, Optional.empty());
  }

  /** As {@link #format(String)}, with a line on the witness cosignatures that were checked. */
  public String format(String logKey, Optional<String> witnesses) {
    StringBuilder b = new StringBuilder();
    line(b, "log", checkpoint.checkpoint().origin() + "  (key " + logKey + ")");
    line(
        b,
        "checkpoint",
        "size "
            + checkpoint.size()
            + ", root "
            + checkpoint.root()
            + ": log signature verified"
            + (checkpoint.otherSignatures() > 0
                ? " (" + checkpoint.otherSignatures() + " cosignature(s) not checked)"
                : ""));
    since.ifPresent(
        old ->
            line(
                b,
                "consistency",
                "the checkpoint of size "
                    + old.size()
                    + " (root "
                    + old.root()
                    + ") is a prefix of this tree"
                    + (old.size() > 0 && old.size() < checkpoint.size()
                        ? ": consistency proof of " + consistencyProofLength + " hash(es) verified"
                        : old.size() == 0 ? " (the empty tree)" : " (same size, same root)")));
    line(
        b,
        "tiles",
        hashTiles
            + " hash tile(s) ("
            + partialHashTiles
            + " partial) and "
            + bundles
            + " entry bundle(s), "
            + bytes
            + " bytes, every hash verified against the signed root");
    line(b, "entries", entries + ", each matching its leaf hash");
    StringBuilder k = new StringBuilder();
    for (Map.Entry<String, Long> e : kinds.entrySet()) {
      k.append(k.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
    }
    line(
        b,
        "statements",
        statements()
            + " decoded in canonical form"
            + treaty.map(t -> " for treaty " + t).orElse("")
            + (k.isEmpty() ? "" : ": " + k));
    line(
        b,
        "signatures",
        signatures
            + " verified, each against its author's key at that point of the log ("
            + parties
            + " participant(s), "
            + rotations
            + " rotation(s))");
    StringBuilder f = new StringBuilder();
    firstKeys.forEach(
        (p, key) -> f.append(f.isEmpty() ? "" : ", ").append(p).append(' ').append(key.id()));
    String registered = f.isEmpty() ? "none registered" : f.toString();
    line(
        b,
        "first keys",
        agreed
            .map(
                a ->
                    registered
                        + ": each the key agreed outside the log (first-keys file sha256 "
                        + a.digest()
                        + ")")
            .orElse(registered + ": NOT checked against agreed keys (no --first-keys)"));
    witnesses.ifPresent(w -> line(b, "witnesses", w));
    b.append("audit passed\n");
    return b.toString();
  }

  private static void line(StringBuilder b, String label, String text) {
    b.append(String.format("%-12s %s", label, text)).append('\n');
  }
}
