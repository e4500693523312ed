package org.countersign.treaty.negotiation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.countersign.treaty.json.CanonicalJson;
import org.jspecify.annotations.Nullable;

/**
 * What a negotiation log shows at an instant: its terms, each party's sealed opening, every
 * proposal with its answers, acceptances and withdrawal, the agreed text if there is one, and the
 * findings. Immutable; every list has a fixed order, so {@link #canonicalJson()} is byte-identical
 * wherever the same log prefix is replayed.
 *
 * @param negotiation the negotiation id
 * @param at the instant deadlines are judged at
 * @param entries how many entries were applied
 * @param lastIndex the index of the last entry applied, or -1
 * @param terms the governing terms, or null before any
 * @param openings per negotiating party (in the terms' order), its sealed opening
 * @param proposals every admitted proposal, in log order
 * @param agreed the text every negotiating party accepted, or null
 * @param findings what the log shows that breaks the terms or the sealing, in log order
 * @param inadmissible entries the negotiation does not admit, with the reason
 */
public record NegotiationReport(
    String negotiation,
    Instant at,
    long entries,
    long lastIndex,
    @Nullable Terms terms,
    List<Opening> openings,
    List<ProposalLine> proposals,
    @Nullable Agreed agreed,
    List<Finding> findings,
    List<Refused> inadmissible) {

  /** The JSON format name, in every report's {@code format} member. */
  public static final String FORMAT = "countersign-negotiation-report/v1";

  public NegotiationReport {
    openings = List.copyOf(openings);
    proposals = List.copyOf(proposals);
    findings = List.copyOf(findings);
    inadmissible = List.copyOf(inadmissible);
  }

  /**
   * The governing terms.
   *
   * @param index the log index of the terms statement
   * @param convener its author
   * @param parties the negotiating parties
   * @param commitBy the opening commitments' deadline
   * @param revealBy the opening reveals' deadline
   * @param subject what is negotiated
   */
  public record Terms(
      long index,
      String convener,
      List<String> parties,
      Instant commitBy,
      Instant revealBy,
      String subject) {}

  /**
   * A party's sealed opening position.
   *
   * @param party the party
   * @param status {@code not-committed}, {@code "committed"} (not revealed yet), {@code "revealed"}
   *     (opens its commitment), {@code mismatch} (does not open it) or {@code not-revealed} (the
   *     reveal deadline passed)
   * @param commitmentIndex the commitment's log index, or null
   * @param committedAt when it was issued, or null
   * @param revealIndex the opening proposal's log index, or null
   * @param revealedAt when it was issued, or null
   * @param proposalDigest the revealed proposal's digest, or {@code ""}
   */
  public record Opening(
      String party,
      String status,
      @Nullable Long commitmentIndex,
      @Nullable Instant committedAt,
      @Nullable Long revealIndex,
      @Nullable Instant revealedAt,
      String proposalDigest) {}

  /**
   * One proposal.
   *
   * @param digest the proposed treaty's digest
   * @param index its log index
   * @param author the proposer
   * @param issuedAt when it was issued
   * @param treatyId the proposed treaty's id
   * @param treatyName the proposed treaty's name
   * @param answers the digest of the proposal it answers, or {@code ""}
   * @param rationale the proposer's reasons
   * @param opening whether it is its author's opening position
   * @param withdrawnIndex the log index of its withdrawal, or null
   * @param acceptances the acceptances of it, in log order
   */
  public record ProposalLine(
      String digest,
      long index,
      String author,
      Instant issuedAt,
      String treatyId,
      String treatyName,
      String answers,
      String rationale,
      boolean opening,
      @Nullable Long withdrawnIndex,
      List<AcceptanceLine> acceptances) {}

  /**
   * One acceptance.
   *
   * @param party the accepting party
   * @param index its log index
   * @param issuedAt when it was issued
   * @param reservations its stated interpretations, possibly none
   */
  public record AcceptanceLine(
      String party, long index, Instant issuedAt, List<String> reservations) {}

  /**
   * The agreed text: every negotiating party accepted it.
   *
   * @param digest the agreed treaty's digest (what a treaty-adoption statement names)
   * @param proposalIndex the log index of the proposal that carries the text
   * @param index the log index of the acceptance that completed the agreement
   * @param agreedAt when that acceptance was issued
   * @param acceptances each party's first acceptance of it, in the terms' party order
   */
  public record Agreed(
      String digest,
      long proposalIndex,
      long index,
      Instant agreedAt,
      List<AcceptanceLine> acceptances) {}

  /**
   * A finding.
   *
   * @param index the log index of the entry it is about, or null for an absence
   * @param party the party concerned
   * @param kind {@code late-commitment}, {@code no-commitment-by-deadline}, {@code
   *     reveal-before-all-commitments}, {@code reveal-mismatch}, {@code late-reveal} or {@code
   *     not-revealed}
   * @param detail what happened, with the figures
   */
  public record Finding(@Nullable Long index, String party, String kind, String detail) {}

  /**
   * An entry the negotiation does not admit.
   *
   * @param index its log index
   * @param author its author
   * @param kind its statement kind
   * @param reason why
   */
  public record Refused(long index, String author, String kind, String reason) {}

  /** The report as a JSON tree. */
  public ObjectNode toJson() {
    ObjectNode root = (ObjectNode) ReportTree.write(this);
    root.put("format", FORMAT);
    return root;
  }

  /** RFC 8785 canonical JSON, one line, no trailing line feed. */
  public String canonicalJson() {
    return CanonicalJson.canonicalize(toJson());
  }

  /** The report for a reader, in plain text. */
  public String toText() {
    return NegotiationText.of(this);
  }
}
