package org.countersign.treaty.compliance;

import static org.countersign.treaty.compliance.PartyLedger.dayOf;
import static org.countersign.treaty.compliance.PartyLedger.startOf;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.countersign.treaty.compliance.ComplianceReport.DetectionFigure;
import org.countersign.treaty.compliance.ComplianceReport.DetectionLine;
import org.countersign.treaty.inspection.DetectionProbability;
import org.countersign.treaty.model.InspectionQuota;
import org.countersign.treaty.model.ItemFilter;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowTotal;
import org.countersign.treaty.statement.LoggedStatement;

/**
 * What the treaty's own inspection quotas can catch: for each party and each inspection type whose
 * population the treaty file defines, the chance that one inspecting party's yearly quota inspects
 * at least one of k hidden violations among the party's declared items ("with 10 type-one
 * inspections a year, 5 over-loaded missiles among 500 deployed are caught this year with
 * probability 0.0965").
 *
 * <p>N is the party's declared count of the population's items, from its item-level inventory at
 * the report's instant or from the totals of its latest escrowed declaration, whichever describes a
 * later instant (the inventory wins a tie, as the engine's totals do). The yearly sample is {@code
 * n = min(perYear x itemsPerInspection, N)} distinct items; k runs over {@link #VIOLATIONS} (those
 * not above N). Figures are exact hypergeometric probabilities ({@link DetectionProbability}),
 * printed to six decimals from {@link StrictMath} arithmetic so that every machine prints the same
 * bytes.
 */
final class DetectionFigures {
  /** The numbers of hidden violations the report considers. */
  static final List<Long> VIOLATIONS = List.of(1L, 5L, 20L);

  /** The detection goal for which the report gives the smallest sample. */
  static final double GOAL = 0.95;

  private DetectionFigures() {}

  /**
   * The detection lines at {@code t}.
   *
   * @param states each party's item-level inventory at {@code t} (computed once per report)
   */
  static List<DetectionLine> lines(
      Treaty treaty,
      Map<String, PartyLedger> ledgers,
      Map<String, ItemState> states,
      EscrowReplay.View escrow,
      Instant t) {
    var out = new ArrayList<DetectionLine>();
    LocalDate day = dayOf(t);
    for (PartyLedger ledger : ledgers.values()) {
      if (!ledger.party.isParty()) {
        continue;
      }
      ItemState state = states.get(ledger.party.id());
      Optional<LoggedStatement<EscrowCommitment>> committed =
          escrow.latest(ledger.party.id(), t).filter(c -> !c.statement().asOf().isAfter(day));
      for (InspectionQuota quota : treaty.inspectionQuotas()) {
        if (quota.population() == null) {
          continue;
        }
        if (state != null
            && state.exists()
            && (committed.isEmpty()
                || !state.freshness().isBefore(startOf(committed.get().statement().asOf())))) {
          out.add(fromItems(ledger.party.id(), quota, state));
        } else if (committed.isPresent()) {
          out.add(fromCommitment(ledger.party.id(), quota, committed.get()));
        }
      }
    }
    return out;
  }

  private static DetectionLine fromItems(String party, InspectionQuota quota, ItemState state) {
    ItemFilter population = java.util.Objects.requireNonNull(quota.population());
    long n = 0;
    // From the census rather than item by item: reports are taken at any instant of a long log.
    for (var byCategory : state.census().entrySet()) {
      for (var byStatus : byCategory.getValue().entrySet()) {
        if (quota.samples(byCategory.getKey(), byStatus.getKey())) {
          n += byStatus.getValue();
        }
      }
    }
    return line(
        party,
        quota,
        n,
        "items",
        dayOf(state.freshness()),
        state.evidence(java.util.Set.copyOf(population.categories())));
  }

  private static DetectionLine fromCommitment(
      String party, InspectionQuota quota, LoggedStatement<EscrowCommitment> c) {
    long n = 0;
    for (EscrowTotal total : c.statement().totals()) {
      if (quota.samples(total.category(), total.status())) {
        n += total.items();
      }
    }
    return line(party, quota, n, "escrow-commitment", c.statement().asOf(), List.of(c.index()));
  }

  private static DetectionLine line(
      String party,
      InspectionQuota quota,
      long population,
      String source,
      LocalDate asOf,
      List<Long> evidence) {
    var figures = new ArrayList<DetectionFigure>();
    long perYear = Math.min((long) quota.perYear() * quota.itemsPerInspection(), population);
    for (long k : VIOLATIONS) {
      if (k > population) {
        break;
      }
      double caught = DetectionProbability.caught(population, k, perYear);
      String sentence =
          String.format(
              Locale.ROOT,
              "with %d %s inspections a year (%d item%s each), %d violating item%s among the %d"
                  + " declared %s %s are caught this year with probability %.4f",
              quota.perYear(),
              quota.type(),
              quota.itemsPerInspection(),
              quota.itemsPerInspection() == 1 ? "" : "s",
              k,
              k == 1 ? "" : "s",
              population,
              String.join("/", Objects.requireNonNull(quota.population()).statuses()),
              String.join("/", Objects.requireNonNull(quota.population()).categories()),
              caught);
      figures.add(
          new DetectionFigure(
              k,
              perYear,
              String.format(Locale.ROOT, "%.6f", caught),
              DetectionProbability.smallestSample(population, k, GOAL),
              String.format(
                  Locale.ROOT, "%.2f", DetectionProbability.iaeaSampleSize(population, k, GOAL)),
              sentence));
    }
    return new DetectionLine(
        party,
        quota.type(),
        quota.perYear(),
        quota.itemsPerInspection(),
        population,
        source,
        asOf,
        evidence,
        figures);
  }
}
