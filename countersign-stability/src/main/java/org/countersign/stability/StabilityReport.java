package org.countersign.stability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * Renders an {@link Assessment} as JSON, text or printable HTML.
 *
 * <p>The JSON is deterministic: members in a fixed order, every decimal rounded half-even to six
 * places and written in plain notation, so the same assessment gives byte-identical JSON from the
 * server and from the CLI (the model uses {@link StrictMath}, so the numbers themselves do not vary
 * between JVMs).
 */
public final class StabilityReport {
  /** The format id in the JSON. */
  public static final String FORMAT = "countersign-stability/v1";

  // Exact decimals keep figures as computed; Jackson 2.x still honours this factory setting.
  @SuppressWarnings("deprecation")
  private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StabilityReport() {}

  /** The assessment as JSON text ending in a newline. */
  public static String json(Assessment a) {
    try {
      return MAPPER.writeValueAsString(tree(a)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  static BigDecimal num(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("not a finite number: " + v);
    }
    BigDecimal d = new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0, RoundingMode.UNNECESSARY) : d;
  }

  static ObjectNode tree(Assessment a) {
    ObjectNode root = F.objectNode();
    root.put("format", FORMAT);
    root.put("forcesAsOf", a.forcesAsOf());
    ArrayNode parties = root.putArray("parties");
    a.parties().forEach(parties::add);
    ModelParameters p = a.parameters();
    ObjectNode params = root.putObject("parameters");
    params.put("warheadsPerTarget", p.warheadsPerTarget());
    params.put("reserveFraction", num(p.reserveFraction()));
    params.put("shotsPerWarhead", p.shotsPerWarhead());
    params.put("shootLookShoot", p.shootLookShoot());
    params.put("valueWarheads", num(p.valueWarheads()));
    params.put("damageWeight", num(p.damageWeight()));
    root.put("runs", a.runs());
    root.put("seed", Long.toString(a.seed()));
    root.set("forces", forces(a.forces()));
    root.set("pairs", pairs(a.pairs()));
    ArrayNode tri = root.putArray("trilateral");
    for (Assessment.Trilateral t : a.trilateral()) {
      ObjectNode o = tri.addObject();
      o.put("attacker", t.attacker());
      o.put("victim", t.victim());
      o.put("bystander", t.bystander());
      o.put("attackerRemaining", num(t.attackerRemaining()));
      o.put("victimSurviving", num(t.victimSurviving()));
      o.put("bystanderWarheads", num(t.bystanderWarheads()));
      o.put("bystanderToAttacker", num(t.bystanderToAttacker()));
      o.put("bystanderToVictim", num(t.bystanderToVictim()));
    }
    ArrayNode sens = root.putArray("sensitivity");
    for (Assessment.Sensitivity s : a.sensitivity()) {
      ObjectNode o = sens.addObject();
      o.put("parameter", s.parameter());
      o.put("description", s.description());
      if (Double.isFinite(s.baseline())) {
        o.put("baseline", num(s.baseline()));
      }
      o.put("swing", num(s.swing()));
      ArrayNode series = o.putArray("series");
      for (Assessment.Point pt : s.series()) {
        ObjectNode po = series.addObject();
        po.put("x", num(pt.x()));
        po.put("index", num(pt.index()));
      }
    }
    a.proposal()
        .ifPresent(
            c -> {
              ObjectNode o = root.putObject("proposal");
              o.put("id", c.proposalId());
              o.put("digest", c.proposalDigest());
              ArrayNode steps = o.putArray("reductionSteps");
              c.reductionSteps().forEach(steps::add);
              o.set("forcesAfter", forces(c.forcesAfter()));
              o.set("pairsAfter", pairs(c.pairsAfter()));
            });
    ArrayNode as = root.putArray("assumptions");
    a.assumptions().forEach(as::add);
    return root;
  }

  private static ArrayNode forces(List<Assessment.PartySummary> forces) {
    ArrayNode arr = F.arrayNode();
    for (Assessment.PartySummary f : forces) {
      ObjectNode o = arr.addObject();
      o.put("party", f.party());
      o.put("warheads", num(f.warheads()));
      o.put("promptWarheads", f.promptWarheads());
      o.put("interceptors", f.interceptors());
      o.put("interceptorKillProbability", num(f.interceptorPk()));
    }
    return arr;
  }

  private static ArrayNode pairs(List<Assessment.Pair> pairs) {
    ArrayNode arr = F.arrayNode();
    for (Assessment.Pair pr : pairs) {
      ObjectNode o = arr.addObject();
      o.put("a", pr.a());
      o.put("b", pr.b());
      o.set("aFirst", exchange(pr.aFirst()));
      o.set("bFirst", exchange(pr.bFirst()));
      ObjectNode s = o.putObject("stability");
      s.put("indexA", num(pr.stability().indexA()));
      s.put("indexB", num(pr.stability().indexB()));
      s.put("pair", num(pr.stability().pair()));
      ArrayNode mc = o.putArray("monteCarlo");
      for (Assessment.Distribution d : pr.monteCarlo()) {
        ObjectNode dn = mc.addObject();
        dn.put("name", d.name());
        dn.put("mean", num(d.mean()));
        dn.put("p05", num(d.p05()));
        dn.put("p50", num(d.p50()));
        dn.put("p95", num(d.p95()));
      }
    }
    return arr;
  }

  private static ObjectNode exchange(Exchange.Result r) {
    ObjectNode o = F.objectNode();
    o.put("expended", r.expended());
    o.put("victimSurviving", num(r.victimSurviving()));
    o.put("victimInterceptorsUsed", num(r.victimInterceptorsUsed()));
    o.put("retaliationArriving", num(r.retaliationArriving()));
    o.put("attackerRemaining", num(r.attackerRemaining()));
    o.put("followUpArriving", num(r.followUpArriving()));
    o.put("damageToAttacker", num(r.damageToAttacker()));
    o.put("damageToVictim", num(r.damageToVictim()));
    o.put("attackerCost", num(r.attackerCost()));
    o.put("victimCost", num(r.victimCost()));
    return o;
  }

  private static String w(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  /** The assessment as plain text. */
  public static String text(Assessment a) {
    var sb = new StringBuilder();
    sb.append("Strategic stability assessment (forces as of ").append(a.forcesAsOf()).append(")\n");
    sb.append("Index: cost of striking first / cost of being struck first (Kent and Thaler, RAND")
        .append(
            " 1989); 1 = no gain in striking first, below 1 = an incentive to strike first.\n\n");
    sb.append("Forces modelled\n");
    for (Assessment.PartySummary s : a.forces()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-4s warheads %6s  prompt %6d  interceptors %4d (pk %.2f)%n",
              s.party(),
              w(s.warheads()),
              s.promptWarheads(),
              s.interceptors(),
              s.interceptorPk()));
    }
    sb.append("\n");
    appendPairs(sb, a.pairs());
    if (!a.trilateral().isEmpty()) {
      sb.append("Trilateral: one strikes another, the third stands by\n");
      for (Assessment.Trilateral t : a.trilateral()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  %s strikes %s: %s keeps %s, %s keeps %s; %s has %s (%.2fx %s, %.2fx %s)%n",
                t.attacker(),
                t.victim(),
                t.attacker(),
                w(t.attackerRemaining()),
                t.victim(),
                w(t.victimSurviving()),
                t.bystander(),
                w(t.bystanderWarheads()),
                t.bystanderToAttacker(),
                t.attacker(),
                t.bystanderToVictim(),
                t.victim()));
      }
      sb.append("\n");
    }
    if (!a.sensitivity().isEmpty()) {
      sb.append("Sensitivity of the ")
          .append(a.parties().get(0))
          .append("-")
          .append(a.parties().get(1))
          .append(" pair index (one at a time, largest swing first)\n");
      for (Assessment.Sensitivity s : a.sensitivity()) {
        sb.append(String.format(Locale.ROOT, "  %-20s swing %.3f  ", s.parameter(), s.swing()));
        for (Assessment.Point pt : s.series()) {
          sb.append(String.format(Locale.ROOT, " %s:%.3f", trim(pt.x()), pt.index()));
        }
        sb.append("   (").append(s.description()).append(")\n");
      }
      sb.append("\n");
    }
    a.proposal()
        .ifPresent(
            c -> {
              sb.append("Before and after proposal ")
                  .append(c.proposalId())
                  .append(" (sha256 ")
                  .append(c.proposalDigest(), 0, Math.min(16, c.proposalDigest().length()))
                  .append("...)\n");
              c.reductionSteps().forEach(s -> sb.append("  ").append(s).append("\n"));
              for (int i = 0; i < c.pairsAfter().size(); i++) {
                Assessment.Pair before = a.pairs().get(i);
                Assessment.Pair after = c.pairsAfter().get(i);
                sb.append(
                    String.format(
                        Locale.ROOT,
                        "  %s-%s index: before %.3f, after %.3f; %s surviving %s's strike: %s ->"
                            + " %s; %s surviving %s's strike: %s -> %s%n",
                        before.a(),
                        before.b(),
                        before.stability().pair(),
                        after.stability().pair(),
                        before.b(),
                        before.a(),
                        w(before.aFirst().victimSurviving()),
                        w(after.aFirst().victimSurviving()),
                        before.a(),
                        before.b(),
                        w(before.bFirst().victimSurviving()),
                        w(after.bFirst().victimSurviving())));
              }
              sb.append("\n");
            });
    sb.append("Assumptions used\n");
    a.assumptions().forEach(s -> sb.append("  - ").append(s).append("\n"));
    return sb.toString();
  }

  private static String trim(double x) {
    return new BigDecimal(x)
        .setScale(3, RoundingMode.HALF_EVEN)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static void appendPairs(StringBuilder sb, List<Assessment.Pair> pairs) {
    for (Assessment.Pair pr : pairs) {
      sb.append(pr.a()).append(" and ").append(pr.b()).append("\n");
      appendExchange(sb, pr.a(), pr.b(), pr.aFirst());
      appendExchange(sb, pr.b(), pr.a(), pr.bFirst());
      sb.append(
          String.format(
              Locale.ROOT,
              "  index %s %.3f, %s %.3f, pair %.3f%n",
              pr.a(),
              pr.stability().indexA(),
              pr.b(),
              pr.stability().indexB(),
              pr.stability().pair()));
      for (Assessment.Distribution d : pr.monteCarlo()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  MC %-45s mean %9.3f  p5 %9.3f  p50 %9.3f  p95 %9.3f%n",
                d.name(),
                d.mean(),
                d.p05(),
                d.p50(),
                d.p95()));
      }
      sb.append("\n");
    }
  }

  private static void appendExchange(StringBuilder sb, String x, String y, Exchange.Result r) {
    sb.append(
        String.format(
            Locale.ROOT,
            "  %s strikes first: expends %d, %s keeps %s warheads (%s interceptors used),"
                + " %s of them arrive on %s; %s keeps %s, %s arrive on %s; cost %s %.3f, %s"
                + " %.3f%n",
            x,
            r.expended(),
            y,
            w(r.victimSurviving()),
            w(r.victimInterceptorsUsed()),
            w(r.retaliationArriving()),
            x,
            x,
            w(r.attackerRemaining()),
            w(r.followUpArriving()),
            y,
            x,
            r.attackerCost(),
            y,
            r.victimCost()));
  }

  /** The assessment as a printable HTML page (the text report, escaped, in a pre block). */
  public static String html(Assessment a) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>Countersign strategic stability assessment</title>"
        + "<style>body{font-family:sans-serif;margin:2em}pre{white-space:pre-wrap;"
        + "font-size:0.85em}</style></head><body><h1>Strategic stability assessment</h1>"
        + "<p>Every formula and assumption: docs/stability.md. Figures are model outputs from"
        + " published estimates and stated assumptions, not any party's declarations.</p><pre>"
        + escape(text(a))
        + "</pre></body></html>\n";
  }

  static String escape(String s) {
    var sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
