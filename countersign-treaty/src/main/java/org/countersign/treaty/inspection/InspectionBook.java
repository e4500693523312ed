package org.countersign.treaty.inspection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.treaty.inspection.InspectionException.Reason;
import org.countersign.treaty.statement.InspectionReport;
import org.countersign.treaty.statement.InspectionRequest;
import org.countersign.treaty.statement.InspectionStatement;
import org.countersign.treaty.statement.RandomnessCommit;
import org.countersign.treaty.statement.RandomnessReveal;

/**
 * The inspections of one treaty, folded from its inspection statements in log order: requests
 * counted against quotas, one {@link JointDraw} per admitted request, and the reports.
 *
 * <p>{@link #apply} either accepts a statement or throws an {@link InspectionException} and leaves
 * the book as it was (except the refusal count of an over-quota request, which the report shows).
 * The compliance engine replays the log through it; the server can use the same object to refuse a
 * statement at submission.
 */
public final class InspectionBook {
  private final String treaty;
  private final QuotaLedger quotas;
  private final ForfeitRule rule;
  private final Map<String, JointDraw> draws = new LinkedHashMap<>();
  private final Map<String, InspectionReport> reports = new LinkedHashMap<>();

  /**
   * An empty book for {@code treaty}.
   *
   * @param quotaPerYear inspection type to yearly quota per party (from the treaty file)
   * @param rule what decides a draw when a side delays (from the treaty file)
   */
  public InspectionBook(String treaty, Map<String, Integer> quotaPerYear, ForfeitRule rule) {
    this.treaty = treaty;
    this.quotas = new QuotaLedger(quotaPerYear);
    this.rule = rule;
  }

  /**
   * Folds one statement in.
   *
   * @throws InspectionException if the statement breaks a rule (see {@link Reason})
   */
  public void apply(InspectionStatement statement) throws InspectionException {
    if (!statement.treaty().equals(treaty)) {
      throw new InspectionException(
          Reason.UNKNOWN_REQUEST, statement.kind() + " for treaty " + statement.treaty() + " in the book of " + treaty);
    }
    switch (statement) {
      case InspectionRequest r -> {
        quotas.admit(r);
        draws.put(r.requestId(), new JointDraw(r));
      }
      case RandomnessCommit c -> draw(c.requestId(), c.kind()).commit(c);
      case RandomnessReveal r -> draw(r.requestId(), r.kind()).reveal(r);
      case InspectionReport r -> report(r);
    }
  }

  private void report(InspectionReport report) throws InspectionException {
    JointDraw draw = draw(report.requestId(), report.kind());
    InspectionRequest request = draw.request();
    String id = request.requestId();
    if (!report.author().equals(request.author())) {
      throw new InspectionException(
          Reason.REPORT_MISMATCH, report.author() + " cannot report on request " + id + ", made by " + request.author());
    }
    if (!report.inspectedParty().equals(request.inspectedParty()) || !report.site().equals(request.site())) {
      throw new InspectionException(
          Reason.REPORT_MISMATCH, "the report on request " + id + " is about " + report.inspectedParty() + " at "
              + report.site() + ", but the request named " + request.inspectedParty() + " at " + request.site());
    }
    if (reports.containsKey(id)) {
      throw new InspectionException(Reason.REPORT_MISMATCH, "request " + id + " already has a report");
    }
    DrawOutcome outcome = draw.outcome(report.issuedAt(), rule);
    if (outcome instanceof DrawOutcome.Pending || outcome instanceof DrawOutcome.Lapsed) {
      throw new InspectionException(
          Reason.REPORT_MISMATCH, "request " + id + " has no decided object at " + report.issuedAt()
              + " (" + outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + "), so it cannot be reported on");
    }
    reports.put(id, report);
  }

  private JointDraw draw(String requestId, String kind) throws InspectionException {
    JointDraw draw = draws.get(requestId);
    if (draw == null) {
      throw new InspectionException(Reason.UNKNOWN_REQUEST, kind + " for unknown inspection request " + requestId);
    }
    return draw;
  }

  /** The quota counts so far. */
  public QuotaLedger quotas() {
    return quotas;
  }

  /** The draw of an admitted request. */
  public Optional<JointDraw> draw(String requestId) {
    return Optional.ofNullable(draws.get(requestId));
  }

  /** Where each admitted request's draw stands at {@code now}, in request order. */
  public Map<String, DrawOutcome> outcomes(Instant now) {
    var out = new LinkedHashMap<String, DrawOutcome>();
    draws.forEach((id, d) -> out.put(id, d.outcome(now, rule)));
    return Collections.unmodifiableMap(out);
  }

  /** Every delay met by {@code now}, request by request, for the report's "who delayed". */
  public List<String> delaySummary(Instant now) {
    var out = new ArrayList<String>();
    outcomes(now).forEach((id, o) -> o.delays().forEach(d ->
        out.add("request " + id + ": " + d.party() + " missed its " + d.missed().name().toLowerCase(java.util.Locale.ROOT))));
    return out;
  }

  /** The accepted reports, in log order. */
  public List<InspectionReport> reports() {
    return List.copyOf(reports.values());
  }
}
