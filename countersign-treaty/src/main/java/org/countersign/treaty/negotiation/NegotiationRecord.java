package org.countersign.treaty.negotiation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.negotiation.NegotiationReport.AcceptanceLine;
import org.countersign.treaty.negotiation.NegotiationReport.Agreed;
import org.countersign.treaty.negotiation.NegotiationReport.Finding;
import org.countersign.treaty.negotiation.NegotiationReport.Opening;
import org.countersign.treaty.negotiation.NegotiationReport.ProposalLine;
import org.countersign.treaty.negotiation.NegotiationReport.Refused;
import org.countersign.treaty.negotiation.NegotiationReport.Terms;
import org.countersign.treaty.statement.Acceptance;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.NegotiationStatement;
import org.countersign.treaty.statement.NegotiationTerms;
import org.countersign.treaty.statement.OpeningCommitment;
import org.countersign.treaty.statement.Proposal;
import org.countersign.treaty.statement.ProposalWithdrawal;
import org.countersign.treaty.statement.RegistryStatement;
import org.countersign.treaty.statement.Statement;
import org.jspecify.annotations.Nullable;

/**
 * A negotiation as a deterministic fold over its own log: apply entries in log order, ask for a
 * {@link NegotiationReport} at any instant.
 *
 * <h2>Refused (never logged by a server; listed as inadmissible on replay)</h2>
 *
 * <ul>
 *   <li>a statement of another kind than negotiation or key registry, or naming another
 *       negotiation;
 *   <li>anything before the terms, a second terms statement, an author who is not a negotiating
 *       party;
 *   <li>a second opening commitment by the same party; an opening reveal by a party that has not
 *       committed, or a second one;
 *   <li>a proposal whose text does not load as a treaty file (the problems carry {@code
 *       proposal:line:col}), whose digest is not the text's, or that answers an unknown digest;
 *   <li>an acceptance of a digest no proposal carries, or of a withdrawn proposal; a withdrawal of
 *       a proposal that is not the author's, already withdrawn, or already agreed.
 * </ul>
 *
 * <h2>Findings (logged: the signed statement is the evidence)</h2>
 *
 * <ul>
 *   <li>an opening commitment issued after {@code commitBy}, or none by then;
 *   <li>an opening reveal logged before every negotiating party had committed (the log order shows
 *       it could have shaped another's opening), issued after {@code revealBy}, or that does not
 *       open its commitment; a commitment never revealed by {@code revealBy}.
 * </ul>
 *
 * <p>A text is <b>agreed</b> at the first acceptance after which every negotiating party has
 * accepted it; a withdrawal can no longer touch it. Not thread-safe on its own: callers that share
 * one (the server) synchronize.
 */
public final class NegotiationRecord {
  private final @Nullable String negotiation;
  private @Nullable LoggedStatement<NegotiationTerms> terms;
  private final Map<String, LoggedStatement<OpeningCommitment>> commitments = new HashMap<>();
  private final Map<String, LoggedStatement<Proposal>> reveals = new HashMap<>();
  private final Map<String, ProposalState> proposals = new LinkedHashMap<>();
  private final List<Finding> findings = new ArrayList<>();
  private final List<Refused> inadmissible = new ArrayList<>();
  private @Nullable Agreed agreed;
  private long entries;
  private long lastIndex = -1;

  private static final class ProposalState {
    final LoggedStatement<Proposal> entry;
    final Treaty treaty;
    @Nullable Long withdrawn;
    final List<AcceptanceLine> acceptances = new ArrayList<>();

    ProposalState(LoggedStatement<Proposal> entry, Treaty treaty) {
      this.entry = entry;
      this.treaty = treaty;
    }
  }

  /**
   * A record of the negotiation {@code negotiation}; statements naming another are refused. With
   * {@code null}, the first terms statement names it.
   */
  public NegotiationRecord(@Nullable String negotiation) {
    this.negotiation = negotiation;
  }

  /** A fresh record with every entry of {@code log} applied in order. */
  public static NegotiationRecord replay(
      @Nullable String negotiation, Iterable<? extends LoggedStatement<?>> log) {
    var record = new NegotiationRecord(negotiation);
    for (LoggedStatement<?> e : log) {
      record.apply(e);
    }
    return record;
  }

  /** The negotiation id, once known. */
  public @Nullable String negotiation() {
    return negotiation != null ? negotiation : terms == null ? null : terms.statement().treaty();
  }

  /** The proposed treaty carried by a logged proposal with {@code digest}, if any. */
  public java.util.Optional<Treaty> proposal(String digest) {
    ProposalState p = proposals.get(digest);
    return java.util.Optional.ofNullable(p == null ? null : p.treaty);
  }

  /** The text of a logged proposal with {@code digest}, if any. */
  public java.util.Optional<String> proposalText(String digest) {
    ProposalState p = proposals.get(digest);
    return java.util.Optional.ofNullable(p == null ? null : p.entry.statement().proposalText());
  }

  /**
   * Whether {@code statement} would be admitted as the next entry, changing nothing.
   *
   * @throws InvalidStatementException naming the rule and the offending value
   */
  public void checkAdmissible(Statement statement) throws InvalidStatementException {
    admit(statement);
  }

  /**
   * Applies the next log entry: admitted entries change the record, refused ones are listed as
   * inadmissible.
   *
   * @throws IllegalArgumentException if the index is not greater than the last applied
   */
  public void apply(LoggedStatement<?> entry) {
    if (entry.index() <= lastIndex) {
      throw new IllegalArgumentException(
          "entries must be applied in log order: index " + entry.index() + " after " + lastIndex);
    }
    lastIndex = entry.index();
    entries++;
    Statement s = entry.statement();
    @Nullable Treaty loaded;
    try {
      loaded = admit(s);
    } catch (InvalidStatementException e) {
      inadmissible.add(
          new Refused(
              entry.index(),
              s.author(),
              s.kind(),
              Objects.requireNonNullElse(e.getMessage(), e.toString())));
      return;
    }
    long i = entry.index();
    switch (s) {
      case NegotiationTerms t -> terms = new LoggedStatement<>(i, t);
      case OpeningCommitment c -> {
        commitments.put(c.author(), new LoggedStatement<>(i, c));
        NegotiationTerms t = requireTerms();
        if (c.issuedAt().isAfter(t.commitBy())) {
          findings.add(
              new Finding(
                  i,
                  c.author(),
                  "late-commitment",
                  "opening commitment issued "
                      + c.issuedAt()
                      + ", after the deadline "
                      + t.commitBy()));
        }
      }
      case Proposal p -> {
        var e = new LoggedStatement<>(i, p);
        if (p.isOpening()) {
          reveals.put(p.author(), e);
          judgeReveal(e);
        }
        if (!proposals.containsKey(p.proposalDigest())) {
          proposals.put(
              p.proposalDigest(), new ProposalState(e, java.util.Objects.requireNonNull(loaded)));
        }
      }
      case Acceptance a -> accept(i, a);
      case ProposalWithdrawal w -> admitted(w.proposalDigest()).withdrawn = i;
      default -> {} // key registrations: the server's registry, no negotiation fact
    }
  }

  private void judgeReveal(LoggedStatement<Proposal> e) {
    Proposal p = e.statement();
    NegotiationTerms t = requireTerms();
    var missing = new ArrayList<String>();
    for (String party : t.parties()) {
      if (!commitments.containsKey(party)) {
        missing.add(party);
      }
    }
    if (!missing.isEmpty()) {
      findings.add(
          new Finding(
              e.index(),
              p.author(),
              "reveal-before-all-commitments",
              "opening revealed at index "
                  + e.index()
                  + " while "
                  + String.join(", ", missing)
                  + " had not committed: the others could see it before sealing their own"));
    }
    if (p.issuedAt().isAfter(t.revealBy())) {
      findings.add(
          new Finding(
              e.index(),
              p.author(),
              "late-reveal",
              "opening revealed " + p.issuedAt() + ", after the deadline " + t.revealBy()));
    }
    // Admission refuses an opening reveal whose author has not committed.
    LoggedStatement<OpeningCommitment> c = Objects.requireNonNull(commitments.get(p.author()));
    if (!OpeningSeal.opens(c.statement(), p)) {
      findings.add(
          new Finding(
              e.index(),
              p.author(),
              "reveal-mismatch",
              "salt and proposal digest "
                  + p.proposalDigest()
                  + " do not open the commitment "
                  + c.statement().commitment()
                  + " at index "
                  + c.index()
                  + " (they hash to "
                  + OpeningSeal.commitment(
                      p.treaty(), p.author(), p.openingSalt(), p.proposalDigest())
                  + ")"));
    }
  }

  /** The state of a proposal that admission found logged (it refuses any other digest). */
  private ProposalState admitted(String digest) {
    return Objects.requireNonNull(proposals.get(digest), "admission found the proposal logged");
  }

  private void accept(long i, Acceptance a) {
    ProposalState p = admitted(a.proposalDigest());
    p.acceptances.add(new AcceptanceLine(a.author(), i, a.issuedAt(), a.reservations()));
    if (agreed != null) {
      return;
    }
    var first = new LinkedHashMap<String, AcceptanceLine>();
    for (String party : requireTerms().parties()) {
      for (AcceptanceLine line : p.acceptances) {
        if (line.party().equals(party)) {
          first.put(party, line);
          break;
        }
      }
    }
    if (first.size() == requireTerms().parties().size()) {
      agreed =
          new Agreed(
              a.proposalDigest(), p.entry.index(), i, a.issuedAt(), List.copyOf(first.values()));
    }
  }

  private NegotiationTerms requireTerms() {
    if (terms == null) {
      throw new IllegalStateException("no terms");
    }
    return terms.statement();
  }

  /** Checks {@code s}; for a proposal, returns its loaded treaty. */
  private @Nullable Treaty admit(Statement s) throws InvalidStatementException {
    String kind = s.kind();
    if (s instanceof RegistryStatement) {
      return null;
    }
    if (!(s instanceof NegotiationStatement)) {
      throw refuse(
          kind,
          "is not a negotiation statement; it belongs on the log of the treaty in force, not on"
              + " a negotiation log");
    }
    String id = negotiation();
    if (id != null && !s.treaty().equals(id)) {
      throw refuse(kind, "names negotiation \"" + s.treaty() + "\", but this is \"" + id + "\"");
    }
    if (s instanceof NegotiationTerms) {
      if (terms != null) {
        throw refuse(
            kind,
            "the negotiation's terms were given at index "
                + terms.index()
                + "; they cannot change once parties may have relied on them");
      }
      return null;
    }
    if (terms == null) {
      throw refuse(kind, "the negotiation has no terms yet: its first statement must set them");
    }
    NegotiationTerms t = terms.statement();
    if (!t.parties().contains(s.author())) {
      throw refuse(kind, "author \"" + s.author() + "\" is not a negotiating party " + t.parties());
    }
    switch (s) {
      case OpeningCommitment c -> {
        LoggedStatement<OpeningCommitment> before = commitments.get(c.author());
        if (before != null) {
          throw refuse(
              kind,
              c.author()
                  + " committed to its opening position already, at index "
                  + before.index());
        }
      }
      case Proposal p -> {
        if (p.isOpening()) {
          if (!commitments.containsKey(p.author())) {
            throw refuse(
                kind,
                "an opening reveal needs an opening commitment by "
                    + p.author()
                    + " logged before it; none is");
          }
          LoggedStatement<Proposal> before = reveals.get(p.author());
          if (before != null) {
            throw refuse(
                kind,
                p.author() + " revealed its opening position already, at index " + before.index());
          }
        }
        if (!p.answers().isEmpty() && !proposals.containsKey(p.answers())) {
          throw refuse(kind, "answers " + p.answers() + ", which no logged proposal carries");
        }
        return load(p);
      }
      case Acceptance a -> {
        ProposalState p = proposals.get(a.proposalDigest());
        if (p == null) {
          throw refuse(
              kind, "accepts " + a.proposalDigest() + ", which no logged proposal carries");
        }
        if (p.withdrawn != null) {
          throw refuse(
              kind,
              "accepts "
                  + a.proposalDigest()
                  + ", which its proposer withdrew at index "
                  + p.withdrawn);
        }
      }
      case ProposalWithdrawal w -> {
        ProposalState p = proposals.get(w.proposalDigest());
        if (p == null || !p.entry.statement().author().equals(w.author())) {
          throw refuse(
              kind, w.author() + " made no proposal " + w.proposalDigest() + " to withdraw");
        }
        if (p.withdrawn != null) {
          throw refuse(kind, "the proposal was withdrawn already, at index " + p.withdrawn);
        }
        if (agreed != null && agreed.digest().equals(w.proposalDigest())) {
          throw refuse(kind, "the text is agreed (index " + agreed.index() + ")");
        }
      }
      default -> {}
    }
    return null;
  }

  /** Loads a proposal's text; the problems name the proposal, with line and column. */
  static Treaty load(Proposal p) throws InvalidStatementException {
    Treaty treaty;
    try {
      treaty = TreatyLoader.parse("proposal", p.proposalText());
    } catch (TreatyException e) {
      throw refuse("proposal", "proposalText is not a valid treaty file: " + e.getMessage());
    }
    if (!treaty.digest().equals(p.proposalDigest())) {
      throw refuse(
          "proposal",
          "proposalDigest "
              + p.proposalDigest()
              + " is not the digest of the proposed text, "
              + treaty.digest());
    }
    return treaty;
  }

  private static InvalidStatementException refuse(String kind, String reason) {
    return new InvalidStatementException(kind + ": " + reason);
  }

  /** The report at {@code at} (truncated to whole seconds), judging deadlines at that instant. */
  public NegotiationReport reportAt(Instant at) {
    Instant t = at.truncatedTo(ChronoUnit.SECONDS);
    var openings = new ArrayList<Opening>();
    var out = new ArrayList<>(findings);
    Terms shown = null;
    if (terms != null) {
      NegotiationTerms nt = terms.statement();
      shown =
          new Terms(
              terms.index(), nt.author(), nt.parties(), nt.commitBy(), nt.revealBy(), nt.subject());
      for (String party : nt.parties()) {
        LoggedStatement<OpeningCommitment> c = commitments.get(party);
        LoggedStatement<Proposal> r = reveals.get(party);
        String status;
        if (c == null) {
          status = "not-committed";
          if (t.isAfter(nt.commitBy())) {
            out.add(
                new Finding(
                    null,
                    party,
                    "no-commitment-by-deadline",
                    "no opening commitment by " + party + " by " + nt.commitBy()));
          }
        } else if (r == null) {
          status = t.isAfter(nt.revealBy()) ? "not-revealed" : "committed";
          if (t.isAfter(nt.revealBy())) {
            out.add(
                new Finding(
                    c.index(),
                    party,
                    "not-revealed",
                    "the opening committed at index "
                        + c.index()
                        + " was not revealed by "
                        + nt.revealBy()));
          }
        } else {
          status = OpeningSeal.opens(c.statement(), r.statement()) ? "revealed" : "mismatch";
        }
        openings.add(
            new Opening(
                party,
                status,
                c == null ? null : c.index(),
                c == null ? null : c.statement().issuedAt(),
                r == null ? null : r.index(),
                r == null ? null : r.statement().issuedAt(),
                r == null ? "" : r.statement().proposalDigest()));
      }
    }
    out.sort(
        java.util.Comparator.comparingLong(
                (Finding f) -> f.index() == null ? Long.MAX_VALUE : f.index())
            .thenComparing(Finding::party)
            .thenComparing(Finding::kind));
    var lines = new ArrayList<ProposalLine>();
    for (ProposalState p : proposals.values()) {
      Proposal s = p.entry.statement();
      lines.add(
          new ProposalLine(
              s.proposalDigest(),
              p.entry.index(),
              s.author(),
              s.issuedAt(),
              p.treaty.id(),
              p.treaty.name(),
              s.answers(),
              s.rationale(),
              s.isOpening(),
              p.withdrawn,
              p.acceptances));
    }
    String id = negotiation();
    return new NegotiationReport(
        id == null ? "" : id,
        t,
        entries,
        lastIndex,
        shown,
        openings,
        lines,
        agreed,
        out,
        inadmissible);
  }
}
