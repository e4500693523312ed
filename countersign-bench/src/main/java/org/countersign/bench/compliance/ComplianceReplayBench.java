package org.countersign.bench.compliance;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.countersign.treaty.compliance.ComplianceEngine;
import org.countersign.treaty.compliance.ComplianceReport;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.LoggedStatement;
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
 * The full replay of the {@link ComplianceWorkload} log (about one million statements), one shot
 * per iteration: a fresh {@link ComplianceEngine} applies every statement in log order (each is
 * checked for admission), then answers a first report, which builds every party's analysis and
 * timeline. This is what a server does at start and what an observer does offline once the log is
 * downloaded and verified.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ComplianceReplayBench {
  /** Change notifications per party and day; the default makes about one million statements. */
  @Param({"135"})
  public int perDay;

  private Treaty treaty;
  private List<LoggedStatement<?>> log;

  @Setup
  public void setUp() {
    treaty = ComplianceWorkload.treaty();
    log = ComplianceWorkload.log(treaty, perDay);
  }

  /** Apply every statement, then the first report (the analyses are built lazily by it). */
  @Benchmark
  public ComplianceReport fullReplay() {
    ComplianceEngine engine = ComplianceEngine.replay(treaty, log);
    return engine.reportAt(ComplianceWorkload.LAST_DAY);
  }
}
