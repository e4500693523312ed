package org.countersign.bench.compliance;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.countersign.treaty.compliance.ComplianceEngine;
import org.countersign.treaty.compliance.ComplianceReport;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
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
 * Compliance queries at random instants of the ten years, on an engine that replayed the whole
 * {@link ComplianceWorkload} log during setup.
 *
 * <ul>
 *   <li>{@link #report}: {@link ComplianceEngine#reportAt}, the report with every number and the
 *       log indexes that justify it;
 *   <li>{@link #reportAsCanonicalJson}: the same and its RFC 8785 canonical JSON, the bytes the
 *       server answers (and an offline replay prints) for {@code GET /api/v1/compliance};
 *   <li>{@link #notifyThenReport}: one more change notification applied, then a report: what a
 *       server following a live log does when a batch touched a party (the party's analysis is
 *       brought up to date first).
 * </ul>
 *
 * <p>The instants cycle through 4,096 drawn from a fixed seed, so every run asks the same
 * questions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class ComplianceQueryBench {
  /** Change notifications per party and day; the default makes about one million statements. */
  @Param({"135"})
  public int perDay;

  private ComplianceEngine engine;
  private Instant[] instants;
  private int next;
  private long nextIndex;
  private ChangeNotification lastUs;
  private int moves;

  @Setup
  public void setUp() {
    Treaty treaty = ComplianceWorkload.treaty();
    List<LoggedStatement<?>> log = ComplianceWorkload.log(treaty, perDay);
    engine = ComplianceEngine.replay(treaty, log);
    nextIndex = log.size();
    ChangeNotification last = null;
    for (LoggedStatement<?> e : log) {
      if (e.statement() instanceof ChangeNotification c && c.author().equals("US")) {
        last = c;
      }
    }
    lastUs = Objects.requireNonNull(last, "the workload holds US change notifications");
    SplittableRandom random = new SplittableRandom(ComplianceWorkload.SEED);
    long days = ComplianceWorkload.END.toEpochDay() - ComplianceWorkload.START.toEpochDay();
    instants = new Instant[4096];
    for (int i = 0; i < instants.length; i++) {
      instants[i] =
          ComplianceWorkload.START
              .plusDays(random.nextLong(days))
              .atStartOfDay()
              .toInstant(ZoneOffset.UTC)
              .plusSeconds(random.nextInt(86_400));
    }
    engine.reportAt(instants[0]);
  }

  private Instant nextInstant() {
    Instant t = instants[next];
    next = (next + 1) & (instants.length - 1);
    return t;
  }

  @Benchmark
  public ComplianceReport report() {
    return engine.reportAt(nextInstant());
  }

  @Benchmark
  public String reportAsCanonicalJson() {
    return engine.reportAt(nextInstant()).canonicalJson();
  }

  @Benchmark
  public ComplianceReport notifyThenReport() {
    moves++;
    engine.apply(
        new LoggedStatement<>(
            nextIndex++,
            new ChangeNotification(
                "new-start",
                "US",
                lastUs.issuedAt().plusSeconds(moves),
                "move",
                lastUs.item(),
                lastUs.category(),
                lastUs.effectiveAt().plusSeconds(moves),
                "",
                "US-site-" + (moves % 40),
                "",
                Map.of())));
    return engine.reportAt(nextInstant());
  }
}
