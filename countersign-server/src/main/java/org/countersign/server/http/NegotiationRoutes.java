package org.countersign.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.countersign.server.compliance.NegotiationService;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.forces.ForcePostureException;
import org.countersign.treaty.forces.ForcePostureLoader;
import org.countersign.treaty.json.CanonicalJson;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.negotiation.Evaluations;
import org.countersign.treaty.negotiation.NegotiationReport;
import org.countersign.treaty.negotiation.ProposalDiff;
import org.countersign.treaty.negotiation.ProposalEvaluation;
import org.countersign.treaty.statement.Acceptance;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.NegotiationTerms;
import org.countersign.treaty.statement.OpeningCommitment;
import org.countersign.treaty.statement.Proposal;
import org.countersign.treaty.statement.ProposalWithdrawal;
import org.countersign.treaty.statement.Statement;
import org.jspecify.annotations.Nullable;

/**
 * The public read API of a negotiation log, the same for the portal and any other client.
 *
 * <ul>
 *   <li>{@code GET /api/v1/negotiation[?at=INSTANT][&format=json|text]}: the record of the
 *       negotiation (terms, sealed openings, proposals, acceptances, agreed text, findings) over
 *       the published log, deadlines judged at {@code at} (default: now, named in the report); the
 *       bytes {@code countersign negotiation report --log URL --at INSTANT} prints for the same
 *       prefix.
 *   <li>{@code GET /api/v1/negotiation/log[?at=INSTANT]}: every published statement decoded, in log
 *       order (index, kind, author, time, and the fields a reader needs: a proposal's digest, the
 *       proposal it answers, its rationale; never a proposal's full text), with the record at
 *       {@code at} (default: now) over exactly the same entries.
 *   <li>{@code GET /api/v1/negotiation/proposals/DIGEST}: the logged proposal's treaty text, byte
 *       for byte (its digest is the treaty digest of that text).
 *   <li>{@code GET /api/v1/negotiation/diff?from=DIGEST&to=DIGEST[&format=json|text]}: {@link
 *       ProposalDiff} between two logged proposals, the bytes {@code countersign proposal diff}
 *       prints for their texts.
 *   <li>{@code GET /api/v1/negotiation/evaluate?proposal=DIGEST&at=YYYY-MM-DD[&format=json|text]}:
 *       what a logged proposal asks of each party, counted against the force-posture file shipped
 *       with the server (a negotiation log holds no declarations); the bytes {@code countersign
 *       proposal evaluate FILE --at DAY} prints for its text.
 * </ul>
 *
 * <p>Errors: 400 for a bad parameter, 404 {@code unknown-proposal} for a digest no published
 * proposal carries, 503 while the log cannot be read.
 */
final class NegotiationRoutes {
  /** The listing's JSON format name. */
  static final String LOG_FORMAT = "countersign-negotiation-log/v1";

  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

  private final NegotiationService service;
  private final InstantSource clock;
  private volatile @Nullable ForcePosture posture;

  NegotiationRoutes(NegotiationService service, InstantSource clock) {
    this.service = service;
    this.clock = clock;
  }

  void register(Javalin app) {
    app.get("/api/v1/negotiation", this::report);
    app.get("/api/v1/negotiation/log", this::log);
    app.get("/api/v1/negotiation/proposals/{digest}", this::proposal);
    app.get("/api/v1/negotiation/diff", this::diff);
    app.get("/api/v1/negotiation/evaluate", this::evaluate);
  }

  private static Instant instant(String name, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          name + " must be an instant YYYY-MM-DDTHH:MM:SSZ, got \"" + value + "\"");
    }
  }

  /**
   * The {@code at} parameter, or the server's clock (whole seconds) when it is absent, as {@code
   * negotiation report} defaults to now; the report names the instant it judged at, so an answer
   * with the default can be reproduced by passing that instant.
   */
  private Instant atOrNow(Context ctx) {
    String atParam = ctx.queryParam("at");
    return atParam == null
        ? clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        : instant("at", atParam);
  }

  private static String format(Context ctx) {
    String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
    if (!format.equals("json") && !format.equals("text")) {
      throw ApiException.badRequest("format must be json or text, got \"" + format + "\"");
    }
    return format;
  }

  private static String digest(String name, @Nullable String value) {
    if (value == null) {
      throw ApiException.badRequest("query parameter " + name + " is required: a proposal digest");
    }
    if (!DIGEST.matcher(value).matches()) {
      throw ApiException.badRequest(
          name + " must be a proposal digest (64 lowercase hex digits), got \"" + value + "\"");
    }
    return value;
  }

  private String text(String name, String digest) {
    try {
      return service
          .proposalText(digest)
          .orElseThrow(
              () ->
                  new ApiException(
                      404,
                      "unknown-proposal",
                      name
                          + " "
                          + digest
                          + " is the digest of no proposal in this log's published entries"));
    } catch (IllegalStateException e) {
      throw new ApiException(503, "negotiation-unavailable", ApiException.reason(e));
    }
  }

  private static void answer(Context ctx, String format, String body) {
    ctx.status(200);
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType(
        format.equals("json") ? "application/json; charset=utf-8" : "text/plain; charset=utf-8");
    ctx.result(body.getBytes(StandardCharsets.UTF_8));
  }

  private void report(Context ctx) {
    Instant at = atOrNow(ctx);
    String format = format(ctx);
    NegotiationReport report;
    try {
      report = service.report(at);
    } catch (IllegalStateException e) {
      throw new ApiException(503, "negotiation-unavailable", ApiException.reason(e));
    }
    answer(ctx, format, format.equals("json") ? report.canonicalJson() + "\n" : report.toText());
  }

  private void log(Context ctx) {
    Instant at = atOrNow(ctx);
    NegotiationService.Listing listing;
    try {
      listing = service.listing(at);
    } catch (IllegalStateException e) {
      throw new ApiException(503, "negotiation-unavailable", ApiException.reason(e));
    }
    ctx.header(ComplianceRoutes.SIZE_HEADER, Long.toString(listing.statements().size()));
    answer(ctx, "json", listingJson(service.negotiation(), at, listing) + "\n");
  }

  /** The listing as canonical JSON ({@value #LOG_FORMAT}). */
  static String listingJson(String negotiation, Instant at, NegotiationService.Listing listing) {
    NegotiationReport report = listing.report();
    Map<Long, String> refused = new HashMap<>();
    for (NegotiationReport.Refused r : report.inadmissible()) {
      refused.put(r.index(), r.reason());
    }
    Map<String, NegotiationReport.ProposalLine> lines = new HashMap<>();
    for (NegotiationReport.ProposalLine p : report.proposals()) {
      lines.put(p.digest(), p);
    }
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("format", LOG_FORMAT);
    root.put("negotiation", negotiation);
    root.put("at", at.toString());
    root.put("entries", listing.statements().size());
    ArrayNode list = root.putArray("statements");
    for (LoggedStatement<?> e : listing.statements()) {
      ObjectNode o = list.addObject();
      Statement s = e.statement();
      o.put("index", e.index());
      o.put("kind", s.kind());
      o.put("author", s.author());
      o.put("issuedAt", s.issuedAt().toString());
      String reason = refused.get(e.index());
      o.put("admitted", reason == null);
      if (reason != null) {
        o.put("refusedBecause", reason);
      }
      switch (s) {
        case NegotiationTerms t -> {
          ArrayNode parties = o.putArray("parties");
          t.parties().forEach(parties::add);
          o.put("commitBy", t.commitBy().toString());
          o.put("revealBy", t.revealBy().toString());
          o.put("subject", t.subject());
        }
        case OpeningCommitment c -> o.put("commitment", c.commitment());
        case Proposal p -> {
          o.put("proposalDigest", p.proposalDigest());
          o.put("answers", p.answers());
          o.put("rationale", p.rationale());
          o.put("opening", p.isOpening());
          o.put("openingSalt", p.openingSalt());
          o.put("textBytes", p.proposalText().getBytes(StandardCharsets.UTF_8).length);
          NegotiationReport.ProposalLine line = lines.get(p.proposalDigest());
          if (line != null && line.index() == e.index()) {
            o.put("treatyId", line.treatyId());
            o.put("treatyName", line.treatyName());
          }
        }
        case Acceptance a -> {
          o.put("proposalDigest", a.proposalDigest());
          ArrayNode reservations = o.putArray("reservations");
          a.reservations().forEach(reservations::add);
        }
        case ProposalWithdrawal w -> {
          o.put("proposalDigest", w.proposalDigest());
          o.put("reason", w.reason());
        }
        default -> {} // key registrations: kind, author and time say it all
      }
    }
    root.set("record", report.toJson());
    return CanonicalJson.canonicalize(root);
  }

  private void proposal(Context ctx) {
    String digest = digest("digest", ctx.pathParam("digest"));
    String text = text("proposal", digest);
    ctx.status(200);
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType("text/plain; charset=utf-8");
    ctx.result(text.getBytes(StandardCharsets.UTF_8));
  }

  private void diff(Context ctx) {
    String from = digest("from", ctx.queryParam("from"));
    String to = digest("to", ctx.queryParam("to"));
    String format = format(ctx);
    ProposalDiff diff;
    try {
      diff = ProposalDiff.of(from, text("from", from), to, text("to", to));
    } catch (TreatyException e) {
      // Logged proposals loaded when they were admitted; this is a server fault, not the caller's.
      throw new ApiException(500, "proposal-unreadable", ApiException.reason(e));
    }
    answer(ctx, format, format.equals("json") ? diff.canonicalJson() + "\n" : diff.toText());
  }

  private void evaluate(Context ctx) {
    String digest = digest("proposal", ctx.queryParam("proposal"));
    String atParam = ctx.queryParam("at");
    if (atParam == null) {
      throw ApiException.badRequest("query parameter at is required: a day YYYY-MM-DD");
    }
    LocalDate day;
    try {
      day = LocalDate.parse(atParam);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("at must be a day YYYY-MM-DD, got \"" + atParam + "\"");
    }
    String format = format(ctx);
    ProposalEvaluation evaluation;
    try {
      evaluation =
          Evaluations.fromEstimates(
              TreatyLoader.parse("proposal", text("proposal", digest)), day, posture());
    } catch (TreatyException e) {
      throw new ApiException(500, "proposal-unreadable", ApiException.reason(e));
    }
    answer(ctx, format, format.equals("json") ? evaluation.canonicalJson() : evaluation.toText());
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
}
