package org.countersign.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.countersign.server.compliance.ComplianceService;
import org.countersign.server.publish.PublishedCheckpoint;
import org.countersign.server.publish.PublishedLog;
import org.countersign.treaty.compliance.ComplianceReport;
import org.countersign.treaty.compliance.ComplianceSeries;
import org.countersign.treaty.compliance.EscrowLedger;
import org.countersign.treaty.compliance.ReportView;
import org.countersign.treaty.report.ComplianceHtml;
import org.countersign.treaty.report.PartyView;
import org.countersign.treaty.report.ReportAnchor;
import org.countersign.treaty.report.ReportFormat;
import org.countersign.treaty.report.ReportTime;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET
 * /api/v1/compliance?at=YYYY-MM-DD[THH:MM:SSZ][&view=as-known|retrospective][&party=ID][&format=json|text|html]}:
 * the compliance report at a day's last second (or at an instant), over the published log.
 *
 * <ul>
 *   <li>{@code json} (default): the report's RFC 8785 canonical JSON, exactly; {@code text}: its
 *       text form. Both are the bytes an observer's offline replay of the same prefix prints.
 *   <li>{@code html}: a printable report per participant with links to each cited entry and to its
 *       inclusion proof against the checkpoint published at the time of the request.
 *   <li>{@code party}: only that participant's part ({@link PartyView}).
 *   <li>{@code view}: {@code as-known} (only statements issued by the instant) or {@code
 *       retrospective} (every entry logged since); default {@link ReportView#DEFAULT}.
 * </ul>
 *
 * <p>{@code GET /api/v1/compliance/series?at=} answers the {@link ComplianceSeries} up to {@code
 * at} (canonical JSON): each party's totals against each limit over time, every point equal to the
 * report of its day, for charts.
 *
 * <p>The answer covers at least every entry published when the request arrived: it waits (up to a
 * few seconds) for the compliance follower to apply them, so a party that just got its receipt sees
 * its statement counted. The prefix length is the report's {@code entries} and is repeated in the
 * {@code Countersign-Log-Size} header. Errors: 400 for a bad parameter, with the reason; 404
 * ({@code no-treaty}) on a server started without a treaty file; 503 with {@code Retry-After} while
 * the replay catches up after a start.
 */
final class ComplianceRoutes {
  static final String SIZE_HEADER = "Countersign-Log-Size";

  private final @Nullable ComplianceService service;
  private final PublishedLog published;
  private final String origin;
  private final Duration catchUpWait;
  private final ComputePool compute;
  private volatile @Nullable SeriesBody lastSeriesBody;

  ComplianceRoutes(
      @Nullable ComplianceService service,
      PublishedLog published,
      String origin,
      Duration catchUpWait,
      ComputePool compute) {
    this.compute = compute;
    this.service = service;
    this.published = published;
    this.origin = origin;
    this.catchUpWait = catchUpWait;
  }

  void register(Javalin app) {
    app.get("/api/v1/compliance", this::report);
    app.get("/api/v1/compliance/series", this::series);
    app.get("/api/v1/compliance/escrow", this::escrow);
  }

  private ComplianceService service() {
    ComplianceService s = service;
    if (s == null) {
      throw new ApiException(
          404,
          "no-treaty",
          "this server was started without a treaty file, so it keeps no compliance report");
    }
    return s;
  }

  private static ReportTime at(Context ctx) {
    String atParam = ctx.queryParam("at");
    if (atParam == null) {
      throw ApiException.badRequest(
          "query parameter at is required: a day YYYY-MM-DD or an instant YYYY-MM-DDTHH:MM:SSZ");
    }
    try {
      return ReportTime.parse(atParam);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
  }

  /** Waits for the replay to cover the published checkpoint, which it returns. */
  private PublishedCheckpoint caughtUp(Context ctx, ComplianceService s)
      throws InterruptedException {
    PublishedCheckpoint checkpoint = published.current();
    try {
      s.awaitApplied(checkpoint.size(), catchUpWait);
    } catch (TimeoutException e) {
      ctx.header("Retry-After", "5");
      throw new ApiException(
          503, "compliance-replaying", Objects.requireNonNullElse(e.getMessage(), e.toString()));
    } catch (IllegalStateException e) {
      throw new ApiException(
          503, "compliance-stopped", Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
    return checkpoint;
  }

  /**
   * {@code GET /api/v1/compliance/series?at=}: {@link ComplianceSeries} as canonical JSON, the
   * points of every party and limit up to {@code at}, each equal to the report of its day.
   */
  private void series(Context ctx) throws Exception {
    ComplianceService s = service();
    ReportTime at = at(ctx);
    String f = ctx.queryParam("format");
    if (f != null && !f.equals("json")) {
      throw ApiException.badRequest("the series is JSON only: format must be json, got " + f);
    }
    caughtUp(ctx, s);
    ComplianceService.SeriesJson series;
    try {
      // Many days' reports: on the compute pool too, with its time limit.
      series = compute.call(() -> s.seriesJson(at));
    } catch (IllegalStateException e) {
      throw new ApiException(503, "compliance-stopped", ApiException.reason(e));
    }
    ctx.status(200);
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header(SIZE_HEADER, Long.toString(series.entries()));
    ctx.contentType(ReportFormat.JSON.contentType());
    seriesBody(series, at).send(ctx);
  }

  /**
   * The series' bytes with their gzip form, compressed once per log prefix and instant (the series
   * is a pure function of both, and the service keeps the last one).
   */
  private Gzipped seriesBody(ComplianceService.SeriesJson series, ReportTime at) {
    SeriesBody kept = lastSeriesBody;
    if (kept != null && kept.entries() == series.entries() && kept.at().equals(at.instant())) {
      return kept.body();
    }
    Gzipped made = Gzipped.of(series.json());
    lastSeriesBody = new SeriesBody(series.entries(), at.instant(), made);
    return made;
  }

  private record SeriesBody(long entries, java.time.Instant at, Gzipped body) {}

  /**
   * {@code GET /api/v1/compliance/escrow?at=[&party=]}: {@link EscrowLedger} as canonical JSON,
   * every escrow commitment issued by {@code at} with the reveals against each.
   */
  private void escrow(Context ctx) throws Exception {
    ComplianceService s = service();
    ReportTime at = at(ctx);
    String f = ctx.queryParam("format");
    if (f != null && !f.equals("json")) {
      throw ApiException.badRequest(
          "the escrow ledger is JSON only: format must be json, got " + f);
    }
    String party = ctx.queryParam("party");
    if (party != null && s.treaty().parties().stream().noneMatch(p -> p.id().equals(party))) {
      throw ApiException.badRequest("party \"" + party + "\" is not a party to " + s.treaty().id());
    }
    caughtUp(ctx, s);
    EscrowLedger ledger;
    try {
      ledger = compute.call(() -> s.escrow(at));
    } catch (IllegalStateException e) {
      throw new ApiException(
          503, "compliance-stopped", Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
    if (party != null) {
      ledger = ledger.of(party);
    }
    ctx.status(200);
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header(SIZE_HEADER, Long.toString(ledger.entries()));
    ctx.contentType(ReportFormat.JSON.contentType());
    ctx.result((ledger.canonicalJson() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private void report(Context ctx) throws Exception {
    ComplianceService s = service();
    ReportTime at = at(ctx);
    ReportFormat format;
    ReportView view;
    try {
      String v = ctx.queryParam("view");
      view = v == null ? ReportView.DEFAULT : ReportView.parse(v);
      String f = ctx.queryParam("format");
      format = f == null ? ReportFormat.JSON : ReportFormat.parse(f);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(ApiException.reason(e));
    }
    PublishedCheckpoint checkpoint = caughtUp(ctx, s);
    ComplianceReport report;
    try {
      // A report at a new instant replays periods: on the compute pool, with its time limit.
      report = compute.call(() -> s.report(at, view));
    } catch (IllegalStateException e) {
      throw new ApiException(
          503, "compliance-stopped", Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
    String party = ctx.queryParam("party");
    if (party != null) {
      try {
        report = PartyView.of(report, party);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
    }
    String body =
        switch (format) {
          case JSON -> report.canonicalJson();
          case TEXT -> report.toText();
          case HTML ->
              new ComplianceHtml(
                      s.treaty(),
                      new ReportAnchor(
                          origin,
                          checkpoint.size(),
                          checkpoint.root().base64(),
                          checkpoint.note(),
                          // The page is served at /api/v1/compliance: these resolve under /api/v1/.
                          ""))
                  .render(report);
        };
    ctx.status(200);
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    if (format == ReportFormat.HTML) {
      // The page is self-contained: it needs its inline style and nothing else. Text from the log
      // is escaped; the policy is the second wall.
      ctx.header(
          "Content-Security-Policy",
          "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none';"
              + " frame-ancestors 'none'");
    }
    ctx.header(SIZE_HEADER, Long.toString(report.entries()));
    ctx.contentType(format.contentType());
    ctx.result(body.getBytes(StandardCharsets.UTF_8));
  }
}
