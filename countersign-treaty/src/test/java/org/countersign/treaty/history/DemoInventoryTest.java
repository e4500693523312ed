package org.countersign.treaty.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.compliance.Admission;
import org.countersign.treaty.compliance.ComplianceEngine;
import org.countersign.treaty.compliance.ComplianceReport;
import org.countersign.treaty.compliance.ComplianceReport.LimitLine;
import org.countersign.treaty.history.DemoInventory.Aggregate;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.Declaration;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.StatementCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoInventoryTest {
  private static final Treaty NEW_START = TestTreaties.newStart();
  private static final LocalDate DAY = LocalDate.of(2011, 2, 5);

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void generate_everyCompleteHistoryRow_reproducesItsTotalsExactly(long seed) {
    for (var row : NewStartHistory.load().completeRows()) {
      var target = Aggregate.of(row);
      List<DeclaredItem> items =
          DemoInventory.generate(NEW_START, row.party(), target, row.asOf(), seed);
      assertThat(DemoInventory.totals(NEW_START, items)).isEqualTo(target);
    }
  }

  @Test
  void generate_sameSeed_sameItems_otherSeed_otherItems() {
    var target = new Aggregate(700, 1550, 800);
    var a = DemoInventory.generate(NEW_START, "US", target, DAY, 7);
    assertThat(DemoInventory.generate(NEW_START, "US", target, DAY, 7)).isEqualTo(a);
    assertThat(DemoInventory.generate(NEW_START, "US", target, DAY, 8)).isNotEqualTo(a);
  }

  @Test
  void generate_includesItemsTheRulesDoNotCount() {
    var items = DemoInventory.generate(NEW_START, "RU", new Aggregate(500, 1500, 760), DAY, 1);
    assertThat(items)
        .anyMatch(
            i ->
                i.category().equals("heavy-bomber")
                    && i.status().equals("deployed")
                    && i.attributes().getOrDefault("nuclear-armaments", 1L) == 0L);
    assertThat(items)
        .anyMatch(i -> i.category().equals("slbm-launcher") && i.status().equals("converted"));
    assertThat(items)
        .anyMatch(i -> i.category().equals("icbm") && i.status().equals("non-deployed"));
  }

  @Test
  void generate_infeasibleTarget_refused() {
    assertThatThrownBy(
            () -> DemoInventory.generate(NEW_START, "US", new Aggregate(10, 500, 20), DAY, 1))
        .hasMessageContaining("cannot load");
    assertThatThrownBy(() -> new Aggregate(10, 10, 5)).hasMessageContaining("fewer than");
  }

  @Test
  void evolve_notificationsExplainEveryChangeAndAreAdmissible() throws Exception {
    var first = DemoInventory.generate(NEW_START, "US", new Aggregate(882, 1800, 1124), DAY, 3);
    var step =
        DemoInventory.evolve(
            NEW_START,
            "US",
            first,
            new Aggregate(822, 1790, 1043),
            DAY,
            LocalDate.of(2011, 9, 1),
            3);
    assertThat(DemoInventory.totals(NEW_START, step.items()))
        .isEqualTo(new Aggregate(822, 1790, 1043));
    assertThat(step.notifications()).isNotEmpty();
    assertThat(step.notifications())
        .extracting(n -> n.change())
        .contains("non-deploy", "eliminate");
    for (var n : step.notifications()) {
      Admission.check(NEW_START, n);
      // Effective at the later date's instant: no total between the two dates is invented.
      assertThat(n.effectiveAt())
          .isEqualTo(LocalDate.of(2011, 9, 1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
      assertThat(
              StatementCodec.decodeText(
                  StatementCodec.encodeText(n, "countersign.local/new-start")))
          .isEqualTo(n);
    }
  }

  @Test
  void newStartLog_replay_itemLevelTotalsMatchTheHistory_withoutFindings() throws Exception {
    NewStartHistory history = NewStartHistory.load();
    List<LoggedStatement<?>> log = DemoInventory.newStartLog(NEW_START, history, 11);
    for (LoggedStatement<?> e : log) {
      Admission.check(NEW_START, e.statement());
      if (e.statement() instanceof Declaration d) {
        assertThat(StatementCodec.encode(d, "countersign.local/new-start").length)
            .isLessThanOrEqualTo(StatementCodec.MAX_TEXT_BYTES);
      }
    }
    var engine = ComplianceEngine.replay(NEW_START, log);
    for (var row : history.completeRows()) {
      ComplianceReport r = engine.reportAt(row.asOf());
      List<LimitLine> lines =
          r.parties().stream()
              .filter(p -> p.party().equals(row.party()))
              .findFirst()
              .orElseThrow()
              .limits();
      assertThat(lines).allSatisfy(l -> assertThat(l.source()).isEqualTo("items"));
      assertThat(lines).extracting(LimitLine::total).containsExactly(row.dv(), row.wh(), row.l());
    }
    ComplianceReport end = engine.reportAt(LocalDate.of(2023, 3, 31));
    assertThat(end.discrepancies()).isEmpty();
    assertThat(end.notifications()).isEmpty();
    assertThat(end.inadmissible()).isEmpty();
    assertThat(end.notificationsOnTime()).isGreaterThan(100);
    // Russia, suspended, gave no data as of 2023-03-01 (due that very day): pending, not yet
    // missing.
    assertThat(end.dataExchanges())
        .filteredOn(x -> !x.asOf().equals(LocalDate.of(2023, 3, 1)))
        .allSatisfy(x -> assertThat(x.status()).isEqualTo("on-time"));
    assertThat(end.dataExchanges())
        .filteredOn(x -> x.asOf().equals(LocalDate.of(2023, 3, 1)))
        .extracting(x -> x.party() + ":" + x.status())
        .containsExactly("RU:pending", "US:on-time");
  }
}
