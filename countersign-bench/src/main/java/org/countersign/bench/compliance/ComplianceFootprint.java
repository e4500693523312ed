package org.countersign.bench.compliance;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.countersign.treaty.compliance.ComplianceEngine;
import org.countersign.treaty.compliance.ComplianceReport;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.LoggedStatement;

/**
 * The memory side of the compliance replay, which JMH does not measure: the heap the log of
 * statements takes, and what a replayed engine retains on top of it (after a full GC each time). It
 * also prints one cold pass (replay, first report, a first round of queries) as a sanity check next
 * to the JMH figures; the run script records its output.
 *
 * <p>Usage: {@code java -Xmx6g -cp benchmarks.jar
 * org.countersign.bench.compliance.ComplianceFootprint [perDay] [queries]}
 */
public final class ComplianceFootprint {
  private ComplianceFootprint() {}

  public static void main(String[] args) {
    int perDay = args.length > 0 ? Integer.parseInt(args[0]) : ComplianceWorkload.DEFAULT_PER_DAY;
    int queries = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Treaty treaty = ComplianceWorkload.treaty();
    long base = usedAfterGc();
    long t0 = System.nanoTime();
    List<LoggedStatement<?>> log = ComplianceWorkload.log(treaty, perDay);
    long generated = System.nanoTime();
    long logHeap = usedAfterGc() - base;

    long t1 = System.nanoTime();
    ComplianceEngine engine = ComplianceEngine.replay(treaty, log);
    long applied = System.nanoTime();
    ComplianceReport first = engine.reportAt(ComplianceWorkload.LAST_DAY);
    long reported = System.nanoTime();
    long engineHeap = usedAfterGc() - base - logHeap;

    SplittableRandom random = new SplittableRandom(ComplianceWorkload.SEED);
    long span = ComplianceWorkload.END.toEpochDay() - ComplianceWorkload.START.toEpochDay();
    long[] nanos = new long[queries];
    long jsonNanos = 0;
    long jsonBytes = 0;
    for (int q = 0; q < queries; q++) {
      Instant at =
          ComplianceWorkload.START
              .plusDays(random.nextLong(span))
              .atStartOfDay(java.time.ZoneOffset.UTC)
              .toInstant()
              .plusSeconds(random.nextInt(86_400));
      long s = System.nanoTime();
      ComplianceReport r = engine.reportAt(at);
      nanos[q] = System.nanoTime() - s;
      if (q % 20 == 0) {
        long j = System.nanoTime();
        jsonBytes += r.canonicalJson().length();
        jsonNanos += System.nanoTime() - j;
      }
    }
    java.util.Arrays.sort(nanos);
    System.out.printf(
        "statements           %,d (%d changes per party and day)%n", log.size(), perDay);
    System.out.printf(
        "generate             %,d ms (setup, not replay)%n", (generated - t0) / 1_000_000);
    System.out.printf("log heap             %,d MiB (the statements themselves)%n", logHeap >> 20);
    System.out.printf("replay: apply all    %,d ms%n", (applied - t1) / 1_000_000);
    System.out.printf(
        "replay: first report %,d ms (builds the per-party analyses)%n",
        (reported - applied) / 1_000_000);
    System.out.printf(
        "replay: total        %,d ms (cold JVM, one pass)%n", (reported - t1) / 1_000_000);
    System.out.printf("engine heap          %,d MiB retained beyond the log%n", engineHeap >> 20);
    System.out.printf(
        "queries              %d at random instants: median %.1f ms, p90 %.1f ms, max %.1f ms%n",
        queries, nanos[queries / 2] / 1e6, nanos[queries * 9 / 10] / 1e6, nanos[queries - 1] / 1e6);
    System.out.printf(
        "canonical JSON       %.1f ms and %,d bytes per report (mean of %d)%n",
        jsonNanos / 1e6 / Math.ceilDiv(queries, 20),
        jsonBytes / Math.ceilDiv(queries, 20),
        (queries + 19) / 20);
    System.out.printf(
        "last report          %,d entries, %d late/missing notifications, %d discrepancies%n",
        first.entries(), first.notifications().size(), first.discrepancies().size());
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
