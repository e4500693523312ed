package org.countersign.bench.compliance;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.countersign.treaty.compliance.ComplianceEngine;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.negotiation.Evaluations;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first evaluation after the one-million-statement log is loaded: what the first user of a
 * freshly started server (or of one offline replay) waits for, which {@link
 * ProposalEvaluationBench}'s steady state hides. One fresh JVM per fork, the log replayed in setup
 * ({@code ComplianceEngine.replay}, which prepares the derived state as a server's follower does
 * once caught up), then exactly one evaluation timed, cold code included.
 *
 * <ul>
 *   <li>{@link #firstEvaluation}: the hypothetical framework, as JSON;
 *   <li>{@link #firstComplianceReport}: the peer, the compliance report at the same day, the first
 *       question a portal visitor asks of the same engine.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class FirstEvaluationBench {
  /** Change notifications per party and day; the default makes about one million statements. */
  @Param({"135"})
  public int perDay;

  private ComplianceEngine engine;
  private Treaty framework;
  private ForcePosture posture;
  private LocalDate day;

  @Setup
  public void setUp() {
    ComplianceWorkload.Replayed replayed = ComplianceWorkload.replayed(perDay);
    engine = replayed.engine();
    framework = replayed.framework();
    posture = replayed.posture();
    day = ComplianceWorkload.LAST_DAY;
  }

  @Benchmark
  public String firstEvaluation() {
    return Evaluations.fromLog(framework, day, "bench/new-start", engine, posture)
        .evaluation()
        .canonicalJson();
  }

  @Benchmark
  public Object firstComplianceReport() {
    return engine.reportAt(day);
  }
}
