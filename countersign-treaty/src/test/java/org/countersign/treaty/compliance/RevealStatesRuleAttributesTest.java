package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.treaty.compliance.EscrowLog.missile;
import static org.countersign.treaty.compliance.TestLog.d;

import java.util.Map;
import org.countersign.treaty.escrow.EscrowDeclaration;
import org.countersign.treaty.escrow.EscrowItem;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: a commitment's totals count limits from per-group attribute sums, which cover only the
 * items that state the attribute. A revealed item that leaves out an attribute a counting rule
 * reads (even one with a treaty default) is a finding naming the item and the attribute.
 */
class RevealStatesRuleAttributesTest {
  @Test
  void revealedItemsOmittingAnAttributeARuleReads_areFindingsNamingItemAndAttribute() {
    var log = new EscrowLog();
    EscrowDeclaration d =
        log.declaration(
            missile("M-1", "deployed", "site-1", 2),
            // warheads is what the warhead rule counts: left out, the sum counts this missile as 0.
            new EscrowItem("M-2", "missile", "deployed", "site-1", "", Map.of()),
            // nuclear-armaments has a default of 1, but the committed sums hold only stated values.
            new EscrowItem("B-1", "bomber", "deployed", "air-1", "", Map.of()),
            new EscrowItem(
                "B-2", "bomber", "deployed", "air-1", "", Map.of("nuclear-armaments", 1L)));
    long c = log.commit("A", d, "2022-03-01", "2022-03-10T00:00:00Z", "");
    long reveal = log.revealItems("A", d, "2022-03-11T00:00:00Z", "M-1", "M-2", "B-1", "B-2");
    ComplianceReport r = log.replay().reportAt(d("2022-04-01"));
    var omitted =
        r.discrepancies().stream()
            .filter(x -> x.kind().equals("escrow-attribute-omitted"))
            .sorted(java.util.Comparator.comparing(ComplianceReport.Discrepancy::item))
            .toList();
    assertThat(omitted)
        .extracting(ComplianceReport.Discrepancy::item)
        .containsExactly("B-1", "M-2");
    assertThat(omitted.get(0).detail())
        .contains("revealed item B-1 (bomber/deployed) does not state nuclear-armaments")
        .contains("bomber-warheads");
    assertThat(omitted.get(1).detail())
        .contains("revealed item M-2 (missile/deployed) does not state warheads")
        .contains("missile-warheads");
    assertThat(omitted.get(1).evidence()).containsExactly(c, reveal);
    assertThat(omitted.get(1).party()).isEqualTo("A");
  }

  @Test
  void revealedItemsStatingEverything_noFinding() {
    var log = new EscrowLog();
    EscrowDeclaration d =
        log.declaration(
            missile("M-1", "deployed", "site-1", 2),
            new EscrowItem(
                "B-2", "bomber", "deployed", "air-1", "", Map.of("nuclear-armaments", 0L)));
    log.commit("A", d, "2022-03-01", "2022-03-10T00:00:00Z", "");
    log.revealItems("A", d, "2022-03-11T00:00:00Z", "M-1", "B-2");
    assertThat(log.replay().reportAt(d("2022-04-01")).discrepancies())
        .noneMatch(x -> x.kind().equals("escrow-attribute-omitted"));
  }
}
