package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.json.CanonicalJson;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.LoggedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replay is a pure function: any prefix, replayed twice, fresh or incrementally, in this JVM or
 * another, gives byte-identical reports.
 */
class DeterminismIT {
  private static final Treaty TREATY = TestTreaties.testTreaty();

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void reportAt_anyPrefix_freshAndIncrementalAndRepeated_areByteIdentical(long seed) {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed * 7919);
    List<LoggedStatement<?>> log = RandomLogs.log(seed, 120);
    var queries = new ArrayList<Instant>();
    for (int i = 0; i < 4; i++) {
      queries.add(RandomLogs.instant(r));
    }
    var incremental = new ComplianceEngine(TREATY);
    int next = 0;
    for (int trial = 0; trial < 5; trial++) {
      int prefix = trial == 4 ? log.size() : r.nextInt(log.size() + 1);
      if (prefix < next) {
        continue; // the incremental engine only moves forward
      }
      while (next < prefix) {
        incremental.apply(log.get(next++));
        if (r.nextInt(20) == 0) {
          incremental.reportAt(queries.get(0)); // a query mid-way must not disturb later ones
        }
      }
      var fresh = ComplianceEngine.replay(TREATY, log.subList(0, prefix));
      for (Instant at : queries) {
        String a = fresh.reportAt(at).canonicalJson();
        assertThat(fresh.reportAt(at).canonicalJson()).isEqualTo(a);
        assertThat(incremental.reportAt(at).canonicalJson()).isEqualTo(a);
        assertThat(fresh.reportAt(at).toText()).isEqualTo(incremental.reportAt(at).toText());
        assertThat(CanonicalJson.canonicalize(CanonicalJson.parse(a))).isEqualTo(a);
      }
    }
  }

  @Test
  void randomLogs_exerciseEveryFindingKind() {
    var kinds = new java.util.TreeSet<String>();
    for (long seed = 1; seed <= 12; seed++) {
      var report =
          ComplianceEngine.replay(TREATY, RandomLogs.log(seed, 120))
              .reportAt(Instant.parse("2026-06-01T00:00:00Z"));
      report.notifications().forEach(n -> kinds.add("notification:" + n.status()));
      report.dataExchanges().forEach(x -> kinds.add("exchange:" + x.status()));
      report.discrepancies().forEach(x -> kinds.add("discrepancy"));
      report.disputes().forEach(x -> kinds.add("dispute"));
      report.inadmissible().forEach(x -> kinds.add("inadmissible"));
      report.parties().forEach(p -> p.limits().forEach(l -> kinds.add("source:" + l.source())));
      report.discrepancies().forEach(x -> kinds.add("discrepancy:" + x.kind()));
      report.inadmissible().forEach(x -> kinds.add("inadmissible:" + x.kind()));
      report.inspections().forEach(x -> kinds.add("draw:" + x.draw()));
      report.inspections().forEach(x -> kinds.add("designated:" + x.designatedCheck()));
      report.inspections().forEach(x -> x.delays().forEach(d -> kinds.add("delay:" + d.missed())));
      report
          .inspectionQuotas()
          .forEach(q -> kinds.add(q.used() > 0 ? "quota:used" : "quota:unused"));
      report
          .inspectionQuotas()
          .forEach(q -> kinds.add(q.refused() > 0 ? "quota:refused" : "quota:none-refused"));
      report.detection().forEach(x -> kinds.add("detection:" + x.populationSource()));
    }
    assertThat(kinds)
        .contains(
            "notification:late",
            "notification:missing",
            "exchange:on-time",
            "exchange:late",
            "exchange:missing",
            "discrepancy",
            "dispute",
            "inadmissible",
            "source:items",
            "source:data-exchange");
    assertThat(kinds)
        .contains(
            "discrepancy:escrow-invalid-reveal",
            "discrepancy:escrow-unlinked-declaration",
            "discrepancy:escrow-unexplained-change",
            "discrepancy:inspection-finding-mismatch",
            "discrepancy:designated-item-mismatch",
            "draw:drawn",
            "draw:inspecting-party-chooses",
            "draw:lapsed",
            "designated:matches",
            "designated:mismatch",
            "delay:commit",
            "delay:reveal",
            "inadmissible:escrow-commitment",
            "inadmissible:escrow-reveal",
            "inadmissible:inspection-request",
            "inadmissible:randomness-commit",
            "inadmissible:randomness-reveal",
            "inadmissible:inspection-report",
            "quota:used",
            "detection:items");
  }

  @Test
  void randomLogs_containEveryStatementKind() {
    var kinds = new java.util.TreeSet<String>();
    for (long seed = 1; seed <= 12; seed++) {
      RandomLogs.log(seed, 120).forEach(e -> kinds.add(e.statement().kind()));
    }
    assertThat(kinds)
        .containsAll(
            org.countersign.treaty.statement.StatementCodec.kinds().entrySet().stream()
                // Negotiation statements belong on a negotiation's own log, never a treaty's.
                .filter(
                    k ->
                        !org.countersign.treaty.statement.NegotiationStatement.class
                            .isAssignableFrom(k.getValue()))
                .map(java.util.Map.Entry::getKey)
                .filter(k -> !k.equals("party-key-registration") && !k.equals("key-rotation"))
                .toList());
  }

  @Test
  void reportAt_inAnotherJvm_isByteIdentical() throws Exception {
    Instant at = Instant.parse("2025-01-15T12:00:00Z");
    String here = ReplayMain.digest(42, 150, at);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-XX:+UnlockExperimentalVMOptions",
                "-XX:hashCode=2",
                ReplayMain.class.getName(),
                "42",
                "150",
                at.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String there = read(p).strip();
    assertThat(p.exitValue()).as(there).isZero();
    assertThat(there).isEqualTo(here);
  }

  private static String read(Process p) throws IOException {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
