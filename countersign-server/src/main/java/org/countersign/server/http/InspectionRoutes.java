package org.countersign.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.regex.Pattern;
import org.countersign.treaty.inspection.ExactProbability;
import org.countersign.treaty.inspection.PlanFigures;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/inspections/plan?N=&k=&n=|goal=[&years=]}: what an inspection plan can catch
 * ({@link PlanFigures}), the same figures {@code countersign inspect plan} prints.
 *
 * <ul>
 *   <li>{@code N} items, {@code k} of them violating (both required);
 *   <li>{@code n}: distinct items inspected a year, giving the exact probability of catching at
 *       least one violation (hypergeometric);
 *   <li>{@code goal}: a detection goal in (0, 1], giving the smallest n that reaches it and the
 *       IAEA attribute-sampling approximation beside it; at least one of {@code n} and {@code
 *       goal};
 *   <li>{@code years} (default 1, at most 100): with {@code n}, the chance within that many years
 *       with a fresh sample each year and with no item inspected twice;
 *   <li>{@code x} (0..k, with {@code n}): the cumulative distribution of the number caught, P(at
 *       most x) and P(at least x) of the k violations.
 * </ul>
 *
 * <p>The answer is a function of the parameters alone (no log state); a bad parameter is a 400
 * naming it and its value. Bounds: {@code N} 1..2<sup>53</sup>-1, {@code k} and {@code n} 0..N,
 * {@code years} 1..100; every figure costs at most 53 x 4,096 logarithms whatever N, and is
 * computed on the compute pool with its time limit. Probabilities are JSON numbers (doubles).
 */
final class InspectionRoutes {
  private static final Pattern GOAL = Pattern.compile("0\\.[0-9]{1,15}|1(\\.0{1,15})?");

  private final ComputePool compute;

  InspectionRoutes(ComputePool compute) {
    this.compute = compute;
  }

  void register(Javalin app) {
    app.get("/api/v1/inspections/plan", this::plan);
  }

  private void plan(Context ctx) throws Exception {
    long population = ApiException.nonNegative("N", required(ctx, "N"));
    long violating = ApiException.nonNegative("k", required(ctx, "k"));
    String n = ctx.queryParam("n");
    Long sample = n == null ? null : ApiException.nonNegative("n", n);
    Double goal = goal(ctx.queryParam("goal"));
    String y = ctx.queryParam("years");
    long years = y == null ? 1 : ApiException.nonNegative("years", y);
    if (years < 1 || years > PlanFigures.MAX_YEARS) {
      throw ApiException.badRequest("years must be 1.." + PlanFigures.MAX_YEARS + ", got " + years);
    }
    String x = ctx.queryParam("x");
    Long count = x == null ? null : ApiException.nonNegative("x", x);
    PlanFigures f;
    try {
      // Bounded (DetectionProbability.EXACT_TERMS), and still off the request thread.
      f =
          compute.call(
              () -> PlanFigures.of(population, violating, sample, goal, (int) years, count));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
    ObjectNode body = Json.object();
    body.put("N", f.population());
    body.put("k", f.violating());
    putOrNull(body, "n", f.sample());
    putOrNull(body, "goal", f.goal());
    body.put("years", f.years());
    putOrNull(body, "caught", f.caught());
    putExact(body, "caughtExact", f.caughtExact());
    putOrNull(body, "smallestSample", f.smallestSample());
    putOrNull(body, "caughtAtSmallestSample", f.caughtAtSmallest());
    putOrNull(body, "iaeaSampleSize", f.iaeaSample());
    ObjectNode over = body.putObject("caughtOverYears");
    putOrNull(over, "independentYears", f.caughtOverYearsIndependent());
    putOrNull(over, "withoutReplacement", f.caughtOverYearsWithoutReplacement());
    ObjectNode cumulative = body.putObject("caughtCount");
    putOrNull(cumulative, "x", f.count());
    putOrNull(cumulative, "atMost", f.caughtAtMost());
    putOrNull(cumulative, "atLeast", f.caughtAtLeast());
    putExact(cumulative, "atMostExact", f.caughtAtMostExact());
    putExact(cumulative, "atLeastExact", f.caughtAtLeastExact());
    body.put("text", f.text());
    Json.send(ctx, 200, body);
  }

  private static String required(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null) {
      throw ApiException.badRequest("query parameter " + name + " is required");
    }
    return v;
  }

  private static @Nullable Double goal(@Nullable String text) {
    if (text == null) {
      return null;
    }
    if (!GOAL.matcher(text).matches()) {
      throw ApiException.badRequest(
          "goal must be a decimal in (0, 1] such as 0.95, got \""
              + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
              + "\"");
    }
    return Double.parseDouble(text);
  }

  /** A reduced fraction as a string ("17/70"), or null where only the double is computed. */
  private static void putExact(ObjectNode o, String name, @Nullable ExactProbability p) {
    if (p == null) {
      o.putNull(name);
    } else {
      o.put(name, p.toString());
    }
  }

  private static void putOrNull(ObjectNode o, String name, @Nullable Number v) {
    if (v == null) {
      o.putNull(name);
    } else if (v instanceof Double d) {
      o.put(name, d);
    } else {
      o.put(name, v.longValue());
    }
  }
}
