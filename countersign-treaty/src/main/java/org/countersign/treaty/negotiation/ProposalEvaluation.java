package org.countersign.treaty.negotiation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.countersign.treaty.json.CanonicalJson;
import org.countersign.treaty.model.Limit;
import org.countersign.treaty.model.Party;
import org.countersign.treaty.model.Treaty;
import org.jspecify.annotations.Nullable;

/**
 * What a proposal asks of each party at a date: the proposal's own counting rules applied to each
 * party's forces, limit by limit, and the reductions side by side.
 *
 * <p>For each party of the proposal (role {@code party}) and each limit that applies to it: the
 * counted total, the proposed ceiling, the reduction required (the excess over the ceiling, never
 * negative), the headroom (room below the ceiling, never negative), the reduction as a share of the
 * counted total, and the date the ceiling binds. Where another party disputes the declared forces,
 * the same figures under each disputing party's reading. A proposal identical to the treaty a party
 * complies with asks nothing of it; lowering one ceiling asks of each party exactly its excess over
 * the new value.
 *
 * <p>Deterministic: parties in the proposal's order, limits in its order, shares in whole basis
 * points rounded half up, so the JSON is byte-identical wherever it is computed.
 *
 * @param proposal the proposed treaty's id
 * @param proposalName its name
 * @param proposalDigest its digest
 * @param at the date whose forces are counted
 * @param basis where the forces come from: a log (origin, size) or the force-posture file
 * @param parties per party, what its forces rest on
 * @param asks per party and limit, what the proposal asks
 * @param gives per party, its reductions summed up
 * @param reciprocity sentences comparing what each party gives
 */
public record ProposalEvaluation(
    String proposal,
    String proposalName,
    String proposalDigest,
    LocalDate at,
    String basis,
    List<PartyBasis> parties,
    List<Ask> asks,
    List<Gives> gives,
    List<String> reciprocity) {

  /** The JSON format name, in every evaluation's {@code format} member. */
  public static final String FORMAT = "countersign-proposal-evaluation/v1";

  public ProposalEvaluation {
    parties = List.copyOf(parties);
    asks = List.copyOf(asks);
    gives = List.copyOf(gives);
    reciprocity = List.copyOf(reciprocity);
  }

  /**
   * What a party's figures rest on ({@link PartyForces} without the groups).
   *
   * @param party the party id
   * @param name its name in the proposal
   * @param source {@code declared}, {@code estimated}, {@code declared+estimated} or {@code none}
   * @param asOf the date the figures describe, or {@code ""}
   * @param evidence log indexes of the declarations counted
   * @param citations publications of the estimates used
   * @param notes what the reader must know
   */
  public record PartyBasis(
      String party,
      String name,
      String source,
      String asOf,
      List<Long> evidence,
      List<String> citations,
      List<String> notes) {}

  /**
   * One party under one limit.
   *
   * @param party the party
   * @param limit the limit id
   * @param name the limit's name
   * @param article the proposal's article, or {@code ""}
   * @param zone the limit's zone, or {@code ""}
   * @param proposed the proposed ceiling
   * @param bindsFrom the first day it binds
   * @param counted the party's total under the proposal's rules, or null where no figure exists
   * @param reduction how much the party must cut to meet the ceiling, or null where unknown
   * @param headroom how far below the ceiling the party is, or null where unknown
   * @param reductionShare the reduction as a share of {@code counted}, in basis points, or null
   * @param readings the same figures under each disputing party's reading, where they differ
   * @param lowerBound whether {@code counted} is only a lower bound: the limit counts a category in
   *     which some of the party's items have no figure
   */
  public record Ask(
      String party,
      String limit,
      String name,
      String article,
      String zone,
      long proposed,
      LocalDate bindsFrom,
      @Nullable Long counted,
      @Nullable Long reduction,
      @Nullable Long headroom,
      @Nullable Long reductionShare,
      List<ReadingAsk> readings,
      boolean lowerBound) {}

  /**
   * The figures under one disputing party's reading.
   *
   * @param reader the disputing party
   * @param counted the total in its reading
   * @param reduction the reduction in its reading
   * @param evidence the log indexes of its disputes
   */
  public record ReadingAsk(String reader, long counted, long reduction, List<Long> evidence) {}

  /**
   * A party's reductions summed up.
   *
   * @param party the party
   * @param limits the limits that apply to it and have a figure
   * @param limitsReduced how many of them ask a reduction
   * @param unknown the limits that apply to it but have no figure
   * @param largestShare the largest reduction share, in basis points (0 when none)
   * @param largestShareLimit the limit of the largest share, or {@code ""}
   * @param reductions the reduction under each limit with a figure, by limit id
   * @param headroom the headroom under each limit with a figure, by limit id
   */
  public record Gives(
      String party,
      int limits,
      int limitsReduced,
      List<String> unknown,
      long largestShare,
      String largestShareLimit,
      Map<String, Long> reductions,
      Map<String, Long> headroom) {}

  /**
   * Evaluates {@code proposal} against the forces given.
   *
   * @param forces per party id; a party of the proposal missing here counts as having no figure
   * @param basis a line saying where the forces come from
   */
  public static ProposalEvaluation of(
      Treaty proposal, LocalDate at, String basis, Map<String, PartyForces> forces) {
    var parties = new ArrayList<PartyBasis>();
    var asks = new ArrayList<Ask>();
    var gives = new ArrayList<Gives>();
    for (Party p : proposal.parties()) {
      if (!p.isParty()) {
        continue;
      }
      PartyForces f = forces.get(p.id());
      if (f == null) {
        f = PartyForces.none(p.id(), "no declaration in the log and no published estimate given");
      }
      parties.add(
          new PartyBasis(
              p.id(), p.name(), f.source(), f.asOf(), f.evidence(), f.citations(), f.notes()));
      var reductions = new java.util.LinkedHashMap<String, Long>();
      var headroom = new java.util.LinkedHashMap<String, Long>();
      var unknown = new ArrayList<String>();
      long largest = 0;
      String largestLimit = "";
      int reduced = 0;
      for (Limit limit : proposal.limits()) {
        if (!limit.appliesTo(p.id())) {
          continue;
        }
        Ask ask = ask(proposal, limit, p.id(), f);
        asks.add(ask);
        // ask() gives all four figures or none.
        Long reduction = ask.reduction();
        Long room = ask.headroom();
        Long share = ask.reductionShare();
        if (ask.counted() == null || reduction == null || room == null || share == null) {
          unknown.add(limit.id());
          continue;
        }
        reductions.put(limit.id(), reduction);
        headroom.put(limit.id(), room);
        if (reduction > 0) {
          reduced++;
        }
        if (share > largest) {
          largest = share;
          largestLimit = limit.id();
        }
      }
      gives.add(
          new Gives(
              p.id(),
              reductions.size(),
              reduced,
              unknown,
              largest,
              largestLimit,
              reductions,
              headroom));
    }
    return new ProposalEvaluation(
        proposal.id(),
        proposal.name(),
        proposal.digest(),
        at,
        basis,
        parties,
        asks,
        gives,
        Reciprocity.summary(proposal, gives));
  }

  private static Ask ask(Treaty proposal, Limit limit, String party, PartyForces f) {
    if (f.source().equals("none")) {
      return new Ask(
          party,
          limit.id(),
          limit.name(),
          limit.article(),
          limit.zone(),
          limit.value(),
          limit.bindsFrom(),
          null,
          null,
          null,
          null,
          List.of(),
          false);
    }
    long counted = count(proposal, limit, f.groups());
    long reduction = Math.max(0, counted - limit.value());
    var readings = new ArrayList<ReadingAsk>();
    for (var r : f.readings().entrySet()) {
      long other = count(proposal, limit, r.getValue());
      if (other != counted) {
        readings.add(
            new ReadingAsk(
                r.getKey(),
                other,
                Math.max(0, other - limit.value()),
                f.readingEvidence().getOrDefault(r.getKey(), List.of())));
      }
    }
    return new Ask(
        party,
        limit.id(),
        limit.name(),
        limit.article(),
        limit.zone(),
        limit.value(),
        limit.bindsFrom(),
        counted,
        reduction,
        Math.max(0, limit.value() - counted),
        counted == 0 ? 0L : (reduction * 10_000 + counted / 2) / counted,
        readings,
        countsAny(proposal, limit, f.incomplete()));
  }

  private static boolean countsAny(Treaty proposal, Limit limit, java.util.Set<String> categories) {
    for (String ruleId : limit.sum()) {
      for (String c : proposal.countingRule(ruleId).orElseThrow().filter().categories()) {
        if (categories.contains(c)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The total of {@code groups} under {@code limit}: each group's item value times its size. */
  static long count(Treaty treaty, Limit limit, List<ForceGroup> groups) {
    long sum = 0;
    for (ForceGroup g : groups) {
      sum =
          Math.addExact(
              sum, Math.multiplyExact(treaty.valueOf(limit, g.representative()), g.quantity()));
    }
    return sum;
  }

  /** The evaluation as a JSON tree. */
  public ObjectNode toJson() {
    ObjectNode root = (ObjectNode) ReportTree.write(this);
    root.put("format", FORMAT);
    return root;
  }

  /** RFC 8785 canonical JSON, one line. */
  public String canonicalJson() {
    return CanonicalJson.canonicalize(toJson());
  }

  /** The evaluation for a reader, in plain text. */
  public String toText() {
    return EvaluationText.of(this, List.of());
  }

  /** A share in basis points as a percentage with one decimal, e.g. {@code 12.3%}. */
  public static String percent(long basisPoints) {
    long tenths = (basisPoints + 5) / 10;
    return (tenths / 10) + "." + (tenths % 10) + "%";
  }
}
