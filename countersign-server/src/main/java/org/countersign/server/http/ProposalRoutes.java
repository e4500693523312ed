package org.countersign.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.countersign.server.compliance.ComplianceService;
import org.countersign.server.publish.PublishedLog;
import org.countersign.stability.DeclaredPosture;
import org.countersign.stability.StabilityColumns;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.forces.ForcePostureException;
import org.countersign.treaty.forces.ForcePostureLoader;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.negotiation.EvaluationHtml;
import org.countersign.treaty.negotiation.EvaluationText;
import org.countersign.treaty.negotiation.Evaluations;
import org.countersign.treaty.negotiation.ExtraColumn;
import org.countersign.treaty.negotiation.ProposalEvaluation;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/proposals/evaluate?at=YYYY-MM-DD[&format=json|text|html]}, with a proposed
 * treaty file (YAML) as the body: what the proposal asks of each party at that date, counted with
 * the proposal's own rules over the parties' declarations in this log (the prefix the compliance
 * follower has applied, at least the published one) and, for parties that declared nothing, the
 * force-posture file shipped with the server.
 *
 * <p>The answer is the bytes {@code countersign proposal evaluate --log URL --size N} prints for
 * the same proposal, date and prefix ({@code N} in the {@code Countersign-Log-Size} header).
 * Errors: 400 for a bad date or format, or a proposal that is not a valid treaty file (the reason
 * lists each problem as {@code proposal:line:col}); 404 on a server without a treaty file; 503
 * while the replay catches up, or when the compute pool is full or the evaluation outlasts its time
 * limit (the evaluation's cost grows with the proposal and the log, so it runs on the pool, never
 * on the request's thread).
 */
final class ProposalRoutes {
  private final @Nullable ComplianceService service;
  private final PublishedLog published;
  private final String origin;
  private final Duration catchUpWait;
  private final ComputePool compute;
  private volatile @Nullable ForcePosture posture;

  ProposalRoutes(
      @Nullable ComplianceService service,
      PublishedLog published,
      String origin,
      Duration catchUpWait,
      ComputePool compute) {
    this.service = service;
    this.compute = compute;
    this.published = published;
    this.origin = origin;
    this.catchUpWait = catchUpWait;
  }

  void register(Javalin app) {
    app.post("/api/v1/proposals/evaluate", this::evaluate);
  }

  private ForcePosture posture() {
    ForcePosture p = posture;
    if (p == null) {
      try {
        p = ForcePostureLoader.builtIn();
      } catch (ForcePostureException e) {
        throw new ApiException(500, "forces-unavailable", ApiException.reason(e));
      }
      posture = p;
    }
    return p;
  }

  private void evaluate(Context ctx) throws Exception {
    ComplianceService s = service;
    if (s == null) {
      throw new ApiException(
          404,
          "no-treaty",
          "this server was started without a treaty file, so it knows no declared forces");
    }
    String atParam = ctx.queryParam("at");
    if (atParam == null) {
      throw ApiException.badRequest("query parameter at is required: a day YYYY-MM-DD");
    }
    LocalDate at;
    try {
      at = LocalDate.parse(atParam);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("at must be a day YYYY-MM-DD, got \"" + atParam + "\"");
    }
    String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
    if (!List.of("json", "text", "html").contains(format)) {
      throw ApiException.badRequest("format must be json, text or html, got \"" + format + "\"");
    }
    Treaty proposal;
    try {
      proposal = TreatyLoader.parse("proposal", ctx.bodyAsBytes());
    } catch (TreatyException e) {
      throw ApiException.badRequest("the proposal is not a valid treaty file: " + e.getMessage());
    }
    try {
      s.awaitApplied(published.current().size(), catchUpWait);
    } catch (TimeoutException e) {
      ctx.header("Retry-After", "5");
      throw new ApiException(503, "compliance-replaying", ApiException.reason(e));
    } catch (IllegalStateException e) {
      throw new ApiException(503, "compliance-stopped", ApiException.reason(e));
    }
    Answer answer;
    try {
      answer = compute.call(() -> answer(proposal, at, format, s));
    } catch (IllegalStateException e) {
      throw new ApiException(503, "compliance-stopped", ApiException.reason(e));
    }
    ctx.status(200);
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    if (format.equals("html")) {
      ctx.header(
          "Content-Security-Policy",
          "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none';"
              + " frame-ancestors 'none'");
    }
    ctx.header(ComplianceRoutes.SIZE_HEADER, Long.toString(answer.logSize()));
    ctx.contentType(
        switch (format) {
          case "text" -> "text/plain; charset=utf-8";
          case "html" -> "text/html; charset=utf-8";
          default -> "application/json; charset=utf-8";
        });
    ctx.result(answer.body().getBytes(StandardCharsets.UTF_8));
  }

  private record Answer(String body, long logSize) {}

  /** The evaluation and its rendering: the costly part, run on the compute pool. */
  private Answer answer(Treaty proposal, LocalDate at, String format, ComplianceService s) {
    Evaluations.FromLog result = Evaluations.fromLog(proposal, at, origin, s.engine(), posture());
    ProposalEvaluation evaluation = result.evaluation();
    List<ExtraColumn> extra =
        format.equals("json")
            ? List.of()
            : StabilityColumns.of(
                DeclaredPosture.of(
                        posture(),
                        s.engine().treaty(),
                        result.declared(),
                        origin,
                        result.logSize(),
                        at)
                    .posture(),
                proposal,
                evaluation.parties().stream().map(ProposalEvaluation.PartyBasis::party).toList());
    String body =
        switch (format) {
          case "text" -> EvaluationText.of(evaluation, extra);
          case "html" -> EvaluationHtml.of(evaluation, extra);
          default -> evaluation.canonicalJson();
        };
    return new Answer(body, result.logSize());
  }
}
