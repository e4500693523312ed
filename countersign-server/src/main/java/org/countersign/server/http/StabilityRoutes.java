package org.countersign.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import org.countersign.server.compliance.ComplianceService;
import org.countersign.server.publish.PublishedLog;
import org.countersign.stability.AssessmentInput;
import org.countersign.stability.Assessor;
import org.countersign.stability.DeclaredPosture;
import org.countersign.stability.ModelParameters;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.forces.ForcePostureException;
import org.countersign.treaty.forces.ForcePostureLoader;
import org.countersign.treaty.json.CanonicalJson;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Treaty;
import org.jspecify.annotations.Nullable;

/**
 * The strategic-stability model over HTTP, the same figures {@code countersign stability assess}
 * prints (byte-identical JSON for the same options).
 *
 * <ul>
 *   <li>{@code GET /api/v1/stability/assess?parties=US,RU,CN&runs=N&seed=S&format=json|text|html
 *       [&proposal=new-start|integrated-framework][&sensitivity=false]}: over the shipped
 *       force-posture file, optionally against a shipped treaty as the proposal;
 *   <li>{@code POST /api/v1/stability/assess} with a JSON body {@code {"forces": YAML text,
 *       "proposal": YAML text, "parties", "runs", "seed", "format", "sensitivity"}} (every member
 *       optional): the same over your own files. The body is bounded by the server's request cap
 *       (64 KiB).
 * </ul>
 *
 * <p>Bounded so no request can hold the server: at most {@link #MAX_RUNS} Monte Carlo runs and
 * {@link #MAX_PARTIES} parties, and at most {@link #CONCURRENT} assessments at once (more get 503
 * with {@code Retry-After}). Bad input is a 400 naming the value.
 */
final class StabilityRoutes {
  /** Most Monte Carlo runs per request (about a second of CPU for three parties). */
  static final int MAX_RUNS = 10_000;

  /** Most parties per request. */
  static final int MAX_PARTIES = 5;

  /** Assessments computed at once. */
  static final int CONCURRENT = 2;

  private static final Set<String> BODY_KEYS =
      Set.of("forces", "proposal", "parties", "runs", "seed", "format", "sensitivity");

  private final Semaphore permits = new Semaphore(CONCURRENT);
  private final ForcePosture shipped;
  private final @Nullable ComplianceService compliance;
  private final @Nullable PublishedLog published;
  private final String origin;
  private final ComputePool compute;

  /** Without a treaty log; assessments run on {@code compute}. */
  StabilityRoutes(ComputePool compute) {
    this(null, null, "", compute);
  }

  /**
   * With a treaty log's compliance follower: {@code GET ...?at=YYYY-MM-DD} takes the deployed
   * forces from this log's declarations at that day ({@link DeclaredPosture}'s rule).
   */
  StabilityRoutes(
      @Nullable ComplianceService compliance,
      @Nullable PublishedLog published,
      String origin,
      ComputePool compute) {
    this.compute = compute;
    this.compliance = compliance;
    this.published = published;
    this.origin = origin;
    try {
      shipped = ForcePostureLoader.builtIn();
    } catch (ForcePostureException e) {
      throw new IllegalStateException("the shipped force-posture file must load", e);
    }
  }

  void register(Javalin app) {
    app.get("/api/v1/stability/assess", this::get);
    app.post("/api/v1/stability/assess", this::post);
  }

  private void get(Context ctx) throws Exception {
    Optional<Treaty> proposal = Optional.empty();
    String p = ctx.queryParam("proposal");
    if (p != null) {
      if (!TreatyLoader.BUILT_IN.contains(p)) {
        throw ApiException.badRequest(
            "proposal must name a shipped treaty " + TreatyLoader.BUILT_IN + ", got '" + p + "'");
      }
      try {
        proposal = Optional.of(TreatyLoader.builtIn(p));
      } catch (TreatyException e) {
        throw new IllegalStateException(e);
      }
    }
    ForcePosture forces = shipped;
    List<String> notes = List.of();
    String at = ctx.queryParam("at");
    if (at != null) {
      DeclaredPosture.Result declared = declared(at);
      forces = declared.posture();
      notes = declared.notes();
    }
    answer(
        ctx,
        forces,
        notes,
        proposal,
        orDefault(ctx.queryParam("parties"), "US,RU,CN"),
        integer("runs", orDefault(ctx.queryParam("runs"), "0")),
        seed(orDefault(ctx.queryParam("seed"), "1")),
        orDefault(ctx.queryParam("format"), "json"),
        bool("sensitivity", orDefault(ctx.queryParam("sensitivity"), "true")));
  }

  private void post(Context ctx) throws Exception {
    JsonNode body;
    try {
      body = CanonicalJson.parse(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("body must be a JSON object: " + e.getMessage());
    }
    if (!body.isObject()) {
      throw ApiException.badRequest("body must be a JSON object");
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!BODY_KEYS.contains(k)) {
        throw ApiException.badRequest("unknown member '" + k + "'; allowed: " + BODY_KEYS);
      }
    }
    ForcePosture forces = shipped;
    String forcesText = text(body, "forces");
    if (forcesText != null) {
      try {
        forces = ForcePostureLoader.parse("forces", forcesText.getBytes(StandardCharsets.UTF_8));
      } catch (ForcePostureException e) {
        throw ApiException.badRequest(ApiException.reason(e));
      }
    }
    Optional<Treaty> proposal = Optional.empty();
    String proposalText = text(body, "proposal");
    if (proposalText != null) {
      try {
        proposal = Optional.of(TreatyLoader.parse("proposal", proposalText));
      } catch (TreatyException e) {
        throw ApiException.badRequest(ApiException.reason(e));
      }
    }
    answer(
        ctx,
        forces,
        List.of(),
        proposal,
        orDefault(text(body, "parties"), "US,RU,CN"),
        integer("runs", orDefault(scalar(body, "runs"), "0")),
        seed(orDefault(scalar(body, "seed"), "1")),
        orDefault(text(body, "format"), "json"),
        bool("sensitivity", orDefault(scalar(body, "sensitivity"), "true")));
  }

  /** The shipped forces with this log's declarations at {@code at} in. */
  private DeclaredPosture.Result declared(String at) {
    ComplianceService s = compliance;
    PublishedLog p = published;
    if (s == null || p == null) {
      throw new ApiException(
          404,
          "no-treaty",
          "this server was started without a treaty file, so it has no declared forces");
    }
    LocalDate day;
    try {
      day = LocalDate.parse(at);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("at must be a day YYYY-MM-DD, got \"" + at + "\"");
    }
    try {
      s.awaitApplied(p.current().size(), Duration.ofSeconds(10));
      return DeclaredPosture.fromLog(shipped, origin, s.engine(), day);
    } catch (TimeoutException e) {
      throw new ApiException(503, "compliance-replaying", ApiException.reason(e));
    } catch (IllegalStateException e) {
      throw new ApiException(503, "compliance-stopped", ApiException.reason(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "interrupted", "the server is stopping");
    }
  }

  private void answer(
      Context ctx,
      ForcePosture forces,
      List<String> notes,
      Optional<Treaty> proposal,
      String parties,
      int runs,
      long seed,
      String format,
      boolean sensitivity)
      throws Exception {
    if (runs > MAX_RUNS) {
      throw ApiException.badRequest("runs must be at most " + MAX_RUNS + ", got " + runs);
    }
    AssessmentInput.Format fmt;
    Assessor.Request request;
    try {
      fmt = AssessmentInput.Format.parse(format);
      if (AssessmentInput.parties(parties).size() > MAX_PARTIES) {
        throw ApiException.badRequest("at most " + MAX_PARTIES + " parties, got '" + parties + "'");
      }
      request =
          AssessmentInput.request(
              forces, parties, ModelParameters.defaults(), runs, seed, sensitivity, proposal);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(ApiException.reason(e));
    }
    if (!permits.tryAcquire()) {
      ctx.header("Retry-After", "1");
      throw new ApiException(503, "busy", "too many stability assessments at once; retry");
    }
    String out;
    try {
      // A Monte Carlo run of up to MAX_RUNS: on the compute pool, with its time limit, never on
      // the request's virtual thread (which would pin a carrier while it computes).
      Assessor.Request asked = request;
      AssessmentInput.Format as = fmt;
      out =
          compute.call(
              () ->
                  AssessmentInput.render(
                      DeclaredPosture.annotate(Assessor.assess(asked), notes), as));
    } finally {
      permits.release();
    }
    ctx.status(200);
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType(
        switch (fmt) {
          case JSON -> "application/json";
          case TEXT -> "text/plain; charset=utf-8";
          case HTML -> "text/html; charset=utf-8";
        });
    if (fmt == AssessmentInput.Format.HTML) {
      ctx.header(
          "Content-Security-Policy",
          "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none';"
              + " frame-ancestors 'none'");
    }
    ctx.result(out.getBytes(StandardCharsets.UTF_8));
  }

  private static String orDefault(@Nullable String v, String d) {
    return v == null ? d : v;
  }

  private static @Nullable String text(JsonNode body, String key) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiException.badRequest(key + " must be a string");
    }
    return v.asText();
  }

  private static @Nullable String scalar(JsonNode body, String key) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      throw ApiException.badRequest(key + " must be a number, string or boolean");
    }
    return v.asText();
  }

  private static int integer(String name, String v) {
    long n = ApiException.nonNegative(name, v);
    if (n > Integer.MAX_VALUE) {
      throw ApiException.badRequest(name + " is too large: " + v);
    }
    return (int) n;
  }

  private static long seed(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("seed must be a 64-bit integer, got '" + v + "'");
    }
  }

  private static boolean bool(String name, String v) {
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiException.badRequest(name + " must be true or false, got '" + v + "'");
    };
  }
}
