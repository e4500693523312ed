package org.countersign.treaty.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.countersign.treaty.inspection.InspectionException.Reason;
import org.countersign.treaty.inspection.QuotaLedger.QuotaUse;
import org.junit.jupiter.api.Test;

class QuotaLedgerTest {
  private static final Map<String, Integer> NEW_START = Map.of("type-one", 10, "type-two", 8);

  @Test
  void admit_beyondYearlyQuota_refusedCountedAndNotAdmitted() throws Exception {
    var ledger = new QuotaLedger(NEW_START);
    for (int i = 1; i <= 10; i++) {
      ledger.admit(InspectionFixtures.request("r-" + i, "type-one", 16));
    }
    assertThatThrownBy(() -> ledger.admit(InspectionFixtures.request("r-11", "type-one", 16)))
        .isInstanceOfSatisfying(
            InspectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OVER_QUOTA))
        .hasMessage(
            "request r-11 refused: united-states has used 10 of its 10 type-one inspections in treaty year 16");
    assertThat(ledger.used("united-states", "type-one", 16)).isEqualTo(10);
    assertThat(ledger.refused("united-states", "type-one", 16)).isEqualTo(1);
    assertThat(ledger.remaining("united-states", "type-one", 16)).isZero();
    // Other types and years have their own quotas; the refused id was never admitted.
    ledger.admit(InspectionFixtures.request("r-11", "type-two", 16));
    ledger.admit(InspectionFixtures.request("r-12", "type-one", 17));
    assertThat(ledger.summary())
        .containsExactly(
            new QuotaUse(new QuotaLedger.Key("united-states", "type-one", 16), 10, 10, 1),
            new QuotaUse(new QuotaLedger.Key("united-states", "type-one", 17), 10, 1, 0),
            new QuotaUse(new QuotaLedger.Key("united-states", "type-two", 16), 8, 1, 0));
  }

  @Test
  void admit_unknownTypeOrDuplicateId_refusedPrecisely() throws Exception {
    var ledger = new QuotaLedger(NEW_START);
    assertThatThrownBy(() -> ledger.admit(InspectionFixtures.request("r-1", "type-three", 16)))
        .isInstanceOfSatisfying(
            InspectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_TYPE))
        .hasMessage(
            "request r-1: the treaty has no quota for inspection type type-three; known types: [type-one, type-two]");
    ledger.admit(InspectionFixtures.request("r-1", "type-one", 16));
    assertThatThrownBy(() -> ledger.admit(InspectionFixtures.request("r-1", "type-one", 16)))
        .isInstanceOfSatisfying(
            InspectionException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_REQUEST))
        .hasMessage("request id r-1 was already used");
    assertThat(ledger.used("united-states", "type-one", 16)).isEqualTo(1);
  }

  @Test
  void check_overQuota_refusedWithoutCountingAnything() throws Exception {
    var ledger = QuotaLedger.of(org.countersign.treaty.TestTreaties.newStart());
    for (int i = 1; i <= 10; i++) {
      ledger.check(InspectionFixtures.request("r-" + i, "type-one", 16));
      ledger.admit(InspectionFixtures.request("r-" + i, "type-one", 16));
    }
    assertThatThrownBy(() -> ledger.check(InspectionFixtures.request("r-11", "type-one", 16)))
        .isInstanceOfSatisfying(
            InspectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OVER_QUOTA))
        .hasMessage(
            "request r-11 refused: united-states has used 10 of its 10 type-one inspections in treaty year 16");
    assertThat(ledger.refused("united-states", "type-one", 16)).isZero();
    assertThat(ledger.used("united-states", "type-one", 16)).isEqualTo(10);
    assertThat(ledger.quota("type-two")).hasValue(8);
    assertThat(ledger.quota("type-three")).isEmpty();
  }

  @Test
  void of_treatyQuotas_sameAsItsYearlyMap() {
    var treaty = org.countersign.treaty.TestTreaties.newStart();
    assertThat(QuotaLedger.of(treaty).quota("type-one")).hasValue(10);
    assertThat(QuotaLedger.of(treaty).remaining("US", "type-two", 3)).isEqualTo(8);
  }

  @Test
  void constructor_negativeQuota_refused() {
    assertThatThrownBy(() -> new QuotaLedger(Map.of("type-one", -1)))
        .hasMessage("quota for type-one must be a non-negative count, got -1");
  }
}
