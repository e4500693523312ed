package org.countersign.treaty.inspection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.treaty.inspection.InspectionException.Reason;
import org.countersign.treaty.model.DrawRules;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.InspectionReport;
import org.countersign.treaty.statement.InspectionRequest;
import org.countersign.treaty.statement.InspectionStatement;
import org.countersign.treaty.statement.RandomnessCommit;
import org.countersign.treaty.statement.RandomnessReveal;
import org.jspecify.annotations.Nullable;

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
  private final @Nullable DrawRules drawRules;
  private final Map<String, JointDraw> draws = new LinkedHashMap<>();
  private final Map<String, InspectionReport> reports = new LinkedHashMap<>();

  /**
   * An empty book for {@code treaty}, taking each request's deadlines as it states them.
   *
   * @param quotaPerYear inspection type to yearly quota per party (from the treaty file)
   * @param rule what decides a draw when a side delays (from the treaty file)
   */
  public InspectionBook(String treaty, Map<String, Integer> quotaPerYear, ForfeitRule rule) {
    this(treaty, new QuotaLedger(quotaPerYear), rule, null);
  }

  private InspectionBook(
      String treaty, QuotaLedger quotas, ForfeitRule rule, @Nullable DrawRules drawRules) {
    this.treaty = treaty;
    this.quotas = quotas;
    this.rule = rule;
    this.drawRules = drawRules;
  }

  /**
   * An empty book under {@code treaty}'s own inspection rules: its quotas, its forfeit rule ({@link
   * ForfeitRule#of}) and, when it states them, its draw deadlines, which every request must then
   * carry exactly.
   */
  public static InspectionBook of(Treaty treaty) {
    return new InspectionBook(
        treaty.id(),
        QuotaLedger.of(treaty),
        ForfeitRule.of(treaty),
        treaty.drawRules().orElse(null));
  }

  /** The rule that decides a draw when a side delays. */
  public ForfeitRule rule() {
    return rule;
  }

  /**
   * Folds one statement in.
   *
   * @throws InspectionException if the statement breaks a rule (see {@link Reason})
   */
  public void apply(InspectionStatement statement) throws InspectionException {
    checkTreaty(statement);
    switch (statement) {
      case InspectionRequest r -> {
        checkDeadlines(r);
        quotas.admit(r);
        draws.put(r.requestId(), new JointDraw(r));
      }
      case RandomnessCommit c -> draw(c.requestId(), c.kind()).commit(c);
      case RandomnessReveal r -> draw(r.requestId(), r.kind()).reveal(r);
      case InspectionReport r -> {
        checkReport(r);
        reports.put(r.requestId(), r);
      }
    }
  }

  /**
   * Whether {@link #apply} would accept {@code statement}, changing nothing at all (not even the
   * refusal counts): the check a server runs before it logs a statement, so that a refused one
   * leaves no trace.
   *
   * @throws InspectionException as {@link #apply}
   */
  public void check(InspectionStatement statement) throws InspectionException {
    checkTreaty(statement);
    switch (statement) {
      case InspectionRequest r -> {
        checkDeadlines(r);
        quotas.check(r);
      }
      case RandomnessCommit c -> draw(c.requestId(), c.kind()).checkCommit(c);
      case RandomnessReveal r -> draw(r.requestId(), r.kind()).checkReveal(r);
      case InspectionReport r -> checkReport(r);
    }
  }

  private void checkTreaty(InspectionStatement statement) throws InspectionException {
    if (!statement.treaty().equals(treaty)) {
      throw new InspectionException(
          Reason.UNKNOWN_REQUEST,
          statement.kind() + " for treaty " + statement.treaty() + " in the book of " + treaty);
    }
  }

  /** Under treaty draw rules, the request's deadlines must be exactly the treaty's. */
  private void checkDeadlines(InspectionRequest r) throws InspectionException {
    if (drawRules == null) {
      return;
    }
    Instant commitBy = drawRules.commitBy(r.issuedAt());
    Instant revealBy = drawRules.revealBy(r.issuedAt());
    if (!r.commitBy().equals(commitBy) || !r.revealBy().equals(revealBy)) {
      throw new InspectionException(
          Reason.BAD_DEADLINES,
          "request "
              + r.requestId()
              + " issued at "
              + r.issuedAt()
              + " must have commitBy "
              + commitBy
              + " (issuedAt + "
              + drawRules.commitWithin()
              + ") and revealBy "
              + revealBy
              + " (commitBy + "
              + drawRules.revealWithin()
              + ") under the treaty's draw rules, got commitBy "
              + r.commitBy()
              + " and revealBy "
              + r.revealBy());
    }
  }

  private void checkReport(InspectionReport report) throws InspectionException {
    JointDraw draw = draw(report.requestId(), report.kind());
    InspectionRequest request = draw.request();
    String id = request.requestId();
    if (!report.author().equals(request.author())) {
      throw new InspectionException(
          Reason.REPORT_MISMATCH,
          report.author() + " cannot report on request " + id + ", made by " + request.author());
    }
    if (!report.inspectedParty().equals(request.inspectedParty())
        || !report.site().equals(request.site())) {
      throw new InspectionException(
          Reason.REPORT_MISMATCH,
          "the report on request "
              + id
              + " is about "
              + report.inspectedParty()
              + " at "
              + report.site()
              + ", but the request named "
              + request.inspectedParty()
              + " at "
              + request.site());
    }
    if (reports.containsKey(id)) {
      throw new InspectionException(
          Reason.REPORT_MISMATCH, "request " + id + " already has a report");
    }
    DrawOutcome outcome = draw.outcome(report.issuedAt(), rule);
    if (outcome instanceof DrawOutcome.Pending || outcome instanceof DrawOutcome.Lapsed) {
      throw new InspectionException(
          Reason.REPORT_MISMATCH,
          "request "
              + id
              + " has no decided object at "
              + report.issuedAt()
              + " ("
              + outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
              + "), so it cannot be reported on");
    }
  }

  private JointDraw draw(String requestId, String kind) throws InspectionException {
    JointDraw draw = draws.get(requestId);
    if (draw == null) {
      throw new InspectionException(
          Reason.UNKNOWN_REQUEST,
          "unknown inspection request "
              + requestId
              + ": no request with that id was admitted"
              + " (a "
              + kind
              + " follows its request)");
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
    outcomes(now)
        .forEach(
            (id, o) ->
                o.delays()
                    .forEach(
                        d ->
                            out.add(
                                "request "
                                    + id
                                    + ": "
                                    + d.party()
                                    + " missed its "
                                    + d.missed().name().toLowerCase(java.util.Locale.ROOT))));
    return out;
  }

  /** The accepted reports, in log order. */
  public List<InspectionReport> reports() {
    return List.copyOf(reports.values());
  }
}
