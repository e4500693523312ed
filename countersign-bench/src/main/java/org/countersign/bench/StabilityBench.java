package org.countersign.bench;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.countersign.stability.Arsenal;
import org.countersign.stability.Arsenals;
import org.countersign.stability.Assessment;
import org.countersign.stability.Assessor;
import org.countersign.stability.ModelParameters;
import org.countersign.stability.StabilityReport;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.forces.ForcePostureException;
import org.countersign.treaty.forces.ForcePostureLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The stability model on the shipped force-posture file (issue 11's performance bars: one
 * closed-form assessment under 50 ms; a 10,000-run Monte Carlo under 2 s).
 *
 * <ul>
 *   <li>{@link #closedForm}: US, Russia and China, every pair both ways, the six trilateral cases,
 *       JSON rendered; no sweep, no Monte Carlo;
 *   <li>{@link #closedFormWithSweep}: the same plus the twelve-parameter sensitivity sweep;
 *   <li>{@link #monteCarlo10k}: 10,000 runs of the US-Russia pair (both exchanges per run);
 *   <li>{@link #assessWithMonteCarlo10k}: a full three-party assessment with 10,000 runs per pair
 *       (three pairs), which is what {@code stability assess --runs 10000} computes.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StabilityBench {
  private ForcePosture posture;
  private Arsenal us;
  private Arsenal ru;

  @Setup
  public void setUp() throws ForcePostureException {
    posture = ForcePostureLoader.builtIn();
    var built = Arsenals.from(posture, List.of("US", "RU"));
    us = Objects.requireNonNull(built.arsenals().get("US"), "the shipped posture has the US");
    ru = Objects.requireNonNull(built.arsenals().get("RU"), "the shipped posture has Russia");
  }

  private Assessor.Request request(int runs, boolean sweep) {
    return new Assessor.Request(
        posture,
        List.of("US", "RU", "CN"),
        ModelParameters.defaults(),
        runs,
        20261207L,
        sweep,
        Optional.empty());
  }

  @Benchmark
  public String closedForm() {
    return StabilityReport.json(Assessor.assess(request(0, false)));
  }

  @Benchmark
  public String closedFormWithSweep() {
    return StabilityReport.json(Assessor.assess(request(0, true)));
  }

  @Benchmark
  public List<Assessment.Distribution> monteCarlo10k() {
    return Assessor.monteCarlo(us, ru, ModelParameters.defaults(), 10_000, 20261207L);
  }

  @Benchmark
  public String assessWithMonteCarlo10k() {
    return StabilityReport.json(Assessor.assess(request(10_000, true)));
  }
}
