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
 * Issue 10's bar: evaluating one proposal against the compliance benchmark's log of about one
 * million statements takes under one second once the log is loaded. Setup replays the whole {@link
 * ComplianceWorkload} log into an engine (the server's compliance follower holds exactly this);
 * each operation is what {@code POST /api/v1/proposals/evaluate} computes: the declared forces at a
 * day, the proposal's counting rules over them and the published estimates for parties that
 * declared nothing, and the canonical JSON.
 *
 * <ul>
 *   <li>{@link #evaluateIntegratedFramework}: the hypothetical framework (the US and Russia from
 *       the log, China from the force-posture file), as JSON;
 *   <li>{@link #evaluateNewStartAsJson}: New START itself, the peer: the same work under the log's
 *       own rules.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class ProposalEvaluationBench {
  /** Change notifications per party and day; the default makes about one million statements. */
  @Param({"135"})
  public int perDay;

  private ComplianceEngine engine;
  private Treaty framework;
  private Treaty newStart;
  private ForcePosture posture;
  private LocalDate day;

  @Setup
  public void setUp() {
    ComplianceWorkload.Replayed replayed = ComplianceWorkload.replayed(perDay);
    engine = replayed.engine();
    framework = replayed.framework();
    newStart = replayed.treaty();
    posture = replayed.posture();
    day = ComplianceWorkload.LAST_DAY;
  }

  @Benchmark
  public String evaluateIntegratedFramework() {
    return Evaluations.fromLog(framework, day, "bench/new-start", engine, posture)
        .evaluation()
        .canonicalJson();
  }

  @Benchmark
  public String evaluateNewStartAsJson() {
    return Evaluations.fromLog(newStart, day, "bench/new-start", engine, posture)
        .evaluation()
        .canonicalJson();
  }
}
