package org.countersign.stability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.countersign.treaty.forces.Basing;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.model.Treaty;

/**
 * Runs an assessment: closed-form exchanges and indexes for every pair, the trilateral cases, an
 * optional seeded Monte Carlo, an optional sensitivity sweep, and an optional before/after for a
 * proposal. Deterministic: the same inputs and seed give the same {@link Assessment}.
 */
public final class Assessor {
  /** Most Monte Carlo runs the library accepts. */
  public static final int MAX_RUNS = 100_000;

  /** Most parties in one assessment. */
  public static final int MAX_PARTIES = 8;

  private Assessor() {}

  /**
   * What to assess.
   *
   * @param parties party ids (all in the file if empty)
   * @param runs Monte Carlo runs, 0 to skip
   * @param sensitivity whether to sweep the parameters
   * @param proposal a treaty file whose limits the forces are brought down to, if any
   */
  public record Request(
      ForcePosture posture,
      List<String> parties,
      ModelParameters parameters,
      int runs,
      long seed,
      boolean sensitivity,
      Optional<Treaty> proposal) {
    public Request {
      parties = List.copyOf(parties);
      if (runs < 0 || runs > MAX_RUNS) {
        throw new IllegalArgumentException("runs must be in 0.." + MAX_RUNS + ", got " + runs);
      }
      if (parties.size() > MAX_PARTIES) {
        throw new IllegalArgumentException("at most " + MAX_PARTIES + " parties");
      }
      for (String p : parties) {
        if (posture.forces(p).isEmpty()) {
          throw new IllegalArgumentException(
              "no forces for party "
                  + p
                  + " in the force-posture file; it has "
                  + posture.parties().keySet());
        }
      }
    }
  }

  /** Runs the assessment. */
  public static Assessment assess(Request req) {
    Arsenals.Built built = Arsenals.from(req.posture(), req.parties());
    ModelParameters p = req.parameters();
    List<Arsenal> arsenals = List.copyOf(built.arsenals().values());
    var assumptions = new ArrayList<String>();
    assumptions.add(
        "model: warheads per target "
            + p.warheadsPerTarget()
            + ", reserve fraction "
            + p.reserveFraction()
            + ", interceptor shots per warhead "
            + p.shotsPerWarhead()
            + (p.shootLookShoot() ? ", shoot-look-shoot" : ", single salvo")
            + ", value scale "
            + p.valueWarheads()
            + " warheads, damage weight "
            + p.damageWeight()
            + " (all assumptions, docs/stability.md)");
    assumptions.addAll(built.assumptions());

    List<Assessment.Pair> pairs = pairs(arsenals, p, req.runs(), req.seed());
    List<Assessment.Trilateral> tri = trilateral(arsenals, p);
    List<Assessment.Sensitivity> sweep =
        req.sensitivity() && arsenals.size() >= 2
            ? sensitivity(arsenals.get(0), arsenals.get(1), p)
            : List.of();
    Optional<Assessment.ProposalComparison> cmp =
        req.proposal().map(t -> compare(t, arsenals, p, req.runs(), req.seed()));
    return new Assessment(
        req.posture().asOf(),
        arsenals.stream().map(Arsenal::party).toList(),
        p,
        req.runs(),
        req.seed(),
        arsenals.stream().map(Assessment.PartySummary::of).toList(),
        pairs,
        tri,
        sweep,
        cmp,
        assumptions);
  }

  static List<Assessment.Pair> pairs(
      List<Arsenal> arsenals, ModelParameters p, int runs, long seed) {
    var out = new ArrayList<Assessment.Pair>();
    for (int i = 0; i < arsenals.size(); i++) {
      for (int j = i + 1; j < arsenals.size(); j++) {
        Arsenal a = arsenals.get(i);
        Arsenal b = arsenals.get(j);
        Exchange.Result aFirst = Exchange.expected(a, b, p);
        Exchange.Result bFirst = Exchange.expected(b, a, p);
        List<Assessment.Distribution> mc =
            runs == 0 ? List.of() : monteCarlo(a, b, p, runs, pairSeed(seed, i, j));
        out.add(
            new Assessment.Pair(
                a.party(), b.party(), aFirst, bFirst, Exchange.stability(aFirst, bFirst), mc));
      }
    }
    return out;
  }

  /** Each pair gets its own stream, so adding a party does not change another pair's draws. */
  private static long pairSeed(long seed, int i, int j) {
    return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (31L * i + j + 1))).nextLong();
  }

  /** The Monte Carlo for one pair: per run, both exchanges drawn, then the index. */
  public static List<Assessment.Distribution> monteCarlo(
      Arsenal a, Arsenal b, ModelParameters p, int runs, long seed) {
    Strike ab = Strike.plan(a, b, p);
    Strike ba = Strike.plan(b, a, p);
    var random = new SplittableRandom(seed);
    double[] survB = new double[runs];
    double[] survA = new double[runs];
    double[] retA = new double[runs];
    double[] retB = new double[runs];
    double[] idxA = new double[runs];
    double[] idxB = new double[runs];
    double[] pair = new double[runs];
    for (int r = 0; r < runs; r++) {
      Exchange.Result aFirst = Exchange.draw(a, b, p, ab, random);
      Exchange.Result bFirst = Exchange.draw(b, a, p, ba, random);
      Exchange.Stability s = Exchange.stability(aFirst, bFirst);
      survB[r] = aFirst.victimSurviving();
      survA[r] = bFirst.victimSurviving();
      retA[r] = aFirst.retaliationArriving();
      retB[r] = bFirst.retaliationArriving();
      idxA[r] = s.indexA();
      idxB[r] = s.indexB();
      pair[r] = s.pair();
    }
    String sa = a.party();
    String sb = b.party();
    return List.of(
        dist(sb + " warheads surviving " + sa + " first strike", survB),
        dist(sb + " retaliation arriving on " + sa, retA),
        dist(sa + " warheads surviving " + sb + " first strike", survA),
        dist(sa + " retaliation arriving on " + sb, retB),
        dist("stability index " + sa, idxA),
        dist("stability index " + sb, idxB),
        dist("stability index pair", pair));
  }

  static Assessment.Distribution dist(String name, double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    double sum = 0;
    for (double x : s) {
      sum += x;
    }
    return new Assessment.Distribution(
        name, sum / s.length, rank(s, 0.05), rank(s, 0.50), rank(s, 0.95));
  }

  /** Nearest-rank percentile of sorted values. */
  static double rank(double[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  static List<Assessment.Trilateral> trilateral(List<Arsenal> arsenals, ModelParameters p) {
    var out = new ArrayList<Assessment.Trilateral>();
    if (arsenals.size() < 3) {
      return out;
    }
    // By position: each ordered pair of distinct parties, then every third party.
    for (int ia = 0; ia < arsenals.size(); ia++) {
      Arsenal a = arsenals.get(ia);
      for (int ib = 0; ib < arsenals.size(); ib++) {
        if (ib == ia) {
          continue;
        }
        Arsenal b = arsenals.get(ib);
        Exchange.Result r = Exchange.expected(a, b, p);
        for (int ic = 0; ic < arsenals.size(); ic++) {
          if (ic == ia || ic == ib) {
            continue;
          }
          Arsenal c = arsenals.get(ic);
          double remaining = r.attackerRemaining();
          out.add(
              new Assessment.Trilateral(
                  a.party(),
                  b.party(),
                  c.party(),
                  remaining,
                  r.victimSurviving(),
                  c.warheads(),
                  remaining == 0 ? 0 : c.warheads() / remaining,
                  r.victimSurviving() == 0 ? 0 : c.warheads() / r.victimSurviving()));
        }
      }
    }
    return out;
  }

  // A private sweep definition; its x values are never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  private record Sweep(
      String name,
      String description,
      double baseline,
      double[] xs,
      BiFunction<List<Arsenal>, Double, List<Arsenal>> forces,
      BiFunction<ModelParameters, Double, ModelParameters> params) {}

  static List<Assessment.Sensitivity> sensitivity(Arsenal a, Arsenal b, ModelParameters p) {
    BiFunction<ModelParameters, Double, ModelParameters> same = (mp, x) -> mp;
    BiFunction<List<Arsenal>, Double, List<Arsenal>> unchanged = (l, x) -> l;
    double[] factors = {0.5, 0.75, 1, 1.5, 2};
    double[] fractions = {0, 0.25, 0.5, 0.75, 1};
    List<Sweep> sweeps =
        List.of(
            new Sweep(
                "cep-factor",
                "CEP of every warhead times x",
                1,
                factors,
                (l, x) ->
                    map(
                        l,
                        e ->
                            e.with(
                                e.survivableFraction(),
                                e.promptFraction(),
                                e.yieldKt(),
                                e.cepM() * x,
                                e.reliability(),
                                e.hardnessPsi())),
                same),
            new Sweep(
                "hardness-factor",
                "hardness of every target times x",
                1,
                factors,
                (l, x) ->
                    map(
                        l,
                        e ->
                            e.with(
                                e.survivableFraction(),
                                e.promptFraction(),
                                e.yieldKt(),
                                e.cepM(),
                                e.reliability(),
                                e.hardnessPsi() * x)),
                same),
            new Sweep(
                "reliability",
                "reliability of every warhead set to x",
                Double.NaN,
                new double[] {0.6, 0.7, 0.8, 0.9, 1.0},
                (l, x) ->
                    map(
                        l,
                        e ->
                            e.with(
                                e.survivableFraction(),
                                e.promptFraction(),
                                e.yieldKt(),
                                e.cepM(),
                                x,
                                e.hardnessPsi())),
                same),
            basingSweep("at-sea-fraction", "share of SSBNs at sea", Basing.SUBMARINE, fractions),
            basingSweep(
                "dispersed-fraction",
                "share of mobile ICBMs dispersed",
                Basing.ROAD_MOBILE,
                fractions),
            basingSweep("bomber-alert", "share of bombers on alert", Basing.BOMBER, fractions),
            new Sweep(
                "icbm-alert",
                "share of silo ICBMs on alert",
                Double.NaN,
                new double[] {0.2, 0.4, 0.6, 0.8, 1.0},
                (l, x) ->
                    map(
                        l,
                        e ->
                            e.basing() == Basing.SILO
                                ? e.with(
                                    0, x, e.yieldKt(), e.cepM(), e.reliability(), e.hardnessPsi())
                                : e),
                same),
            new Sweep(
                "interceptor-pk",
                "interceptor single-shot kill probability set to x",
                Double.NaN,
                new double[] {0.1, 0.3, 0.5, 0.7, 0.9},
                (l, x) -> l.stream().map(ar -> ar.withDefence(ar.interceptors(), x)).toList(),
                same),
            new Sweep(
                "interceptor-factor",
                "interceptor inventories times x",
                1,
                new double[] {0, 0.5, 1, 2, 4},
                (l, x) ->
                    l.stream()
                        .map(
                            ar ->
                                ar.withDefence(
                                    (int) Math.floor(ar.interceptors() * x),
                                    ar.interceptorKillProbability()))
                        .toList(),
                same),
            new Sweep(
                "reserve-fraction",
                "share of prompt warheads withheld from the counterforce strike",
                p.reserveFraction(),
                new double[] {0, 0.1, 0.25, 0.4, 0.5},
                unchanged,
                (mp, x) -> mp.withReserveFraction(x)),
            new Sweep(
                "value-scale-factor",
                "value scale of the damage function times x",
                1,
                factors,
                unchanged,
                (mp, x) -> mp.withValueWarheads(p.valueWarheads() * x)),
            new Sweep(
                "damage-weight",
                "weight on damage not inflicted (lambda) set to x",
                p.damageWeight(),
                new double[] {0.1, 0.25, 0.5, 1, 2},
                unchanged,
                (mp, x) -> mp.withDamageWeight(x)));
    var out = new ArrayList<Assessment.Sensitivity>();
    List<Arsenal> base = List.of(a, b);
    for (Sweep s : sweeps) {
      var series = new ArrayList<Assessment.Point>();
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double x : s.xs()) {
        List<Arsenal> l = s.forces().apply(base, x);
        ModelParameters mp = s.params().apply(p, x);
        double idx =
            Exchange.stability(
                    Exchange.expected(l.get(0), l.get(1), mp),
                    Exchange.expected(l.get(1), l.get(0), mp))
                .pair();
        series.add(new Assessment.Point(x, idx));
        lo = Math.min(lo, idx);
        hi = Math.max(hi, idx);
      }
      out.add(new Assessment.Sensitivity(s.name(), s.description(), s.baseline(), series, hi - lo));
    }
    out.sort(
        java.util.Comparator.comparingDouble(Assessment.Sensitivity::swing)
            .reversed()
            .thenComparing(Assessment.Sensitivity::parameter));
    return out;
  }

  private static Sweep basingSweep(String name, String desc, Basing basing, double[] xs) {
    return new Sweep(
        name,
        desc + " set to x",
        Double.NaN,
        xs,
        (l, x) ->
            map(
                l,
                e ->
                    e.basing() != basing
                        ? e
                        : e.with(
                            x,
                            basing == Basing.SUBMARINE ? x : e.promptFraction(),
                            e.yieldKt(),
                            e.cepM(),
                            e.reliability(),
                            e.hardnessPsi())),
        (mp, x) -> mp);
  }

  private static List<Arsenal> map(
      List<Arsenal> l, java.util.function.UnaryOperator<ForceElement> f) {
    return l.stream().map(a -> a.mapElements(f)).toList();
  }

  static Assessment.ProposalComparison compare(
      Treaty proposal, List<Arsenal> arsenals, ModelParameters p, int runs, long seed) {
    var steps = new ArrayList<String>();
    Map<String, Arsenal> after = new LinkedHashMap<>();
    for (Arsenal a : arsenals) {
      ProposalLimits.Reduction r = ProposalLimits.apply(a, proposal);
      steps.addAll(r.steps());
      after.put(a.party(), r.arsenal());
    }
    List<Arsenal> reduced = List.copyOf(after.values());
    return new Assessment.ProposalComparison(
        proposal.id(),
        proposal.digest(),
        steps,
        reduced.stream().map(Assessment.PartySummary::of).toList(),
        pairs(reduced, p, runs, seed));
  }
}
