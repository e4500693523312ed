package org.countersign.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.countersign.server.compliance.NegotiationService;
import org.countersign.treaty.negotiation.NegotiationReport;

/**
 * {@code GET /api/v1/negotiation?at=INSTANT[&format=json|text]} on a negotiation log: the record of
 * the negotiation (terms, sealed openings, proposals, acceptances, agreed text, findings) over the
 * published log, deadlines judged at {@code at}. The bytes {@code countersign negotiation report
 * --log URL --at INSTANT} prints for the same prefix. 400 for a bad parameter.
 */
final class NegotiationRoutes {
  private final NegotiationService service;

  NegotiationRoutes(NegotiationService service) {
    this.service = service;
  }

  void register(Javalin app) {
    app.get("/api/v1/negotiation", this::report);
  }

  private void report(Context ctx) {
    String atParam = ctx.queryParam("at");
    if (atParam == null) {
      throw ApiException.badRequest("query parameter at is required: YYYY-MM-DDTHH:MM:SSZ");
    }
    Instant at;
    try {
      at = Instant.parse(atParam);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("at must be an instant YYYY-MM-DDTHH:MM:SSZ, got " + atParam);
    }
    String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
    if (!format.equals("json") && !format.equals("text")) {
      throw ApiException.badRequest("format must be json or text, got \"" + format + "\"");
    }
    NegotiationReport report;
    try {
      report = service.report(at);
    } catch (IllegalStateException e) {
      throw new ApiException(503, "negotiation-unavailable", ApiException.reason(e));
    }
    String body = format.equals("json") ? report.canonicalJson() + "\n" : report.toText();
    ctx.status(200);
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType(
        format.equals("json") ? "application/json; charset=utf-8" : "text/plain; charset=utf-8");
    ctx.result(body.getBytes(StandardCharsets.UTF_8));
  }
}
