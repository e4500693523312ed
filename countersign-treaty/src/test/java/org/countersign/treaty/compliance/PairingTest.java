package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.Declaration;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.LoggedStatement;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, point 4: the treaty language pairs a missile with its launcher (a deployed ICBM is one
 * in a deployed ICBM launcher), and the replay checks it.
 */
class PairingTest {
  private static final Treaty NEW_START = TestTreaties.newStart();

  private static ComplianceReport declare(int icbms, int launchers) {
    var items = new ArrayList<DeclaredItem>();
    for (int i = 0; i < icbms; i++) {
      items.add(
          new DeclaredItem("ICBM-" + i, "icbm", "deployed", "base-1", "", Map.of("warheads", 1L)));
    }
    for (int i = 0; i < launchers; i++) {
      items.add(new DeclaredItem("SILO-" + i, "icbm-launcher", "deployed", "base-1", "", Map.of()));
    }
    var d =
        new Declaration(
            "new-start",
            "US",
            Instant.parse("2020-03-20T00:00:00Z"),
            LocalDate.of(2020, 3, 1),
            1,
            1,
            List.copyOf(items));
    return ComplianceEngine.replay(NEW_START, List.of(new LoggedStatement<>(0, d)))
        .reportAt(LocalDate.of(2020, 4, 1));
  }

  @Test
  void newStart_statesTheDeployedPairings() {
    assertThat(NEW_START.pairings())
        .extracting(p -> p.missile() + "/" + p.launcher() + "/" + p.status())
        .containsExactly("icbm/icbm-launcher/deployed", "slbm/slbm-launcher/deployed");
  }

  @Test
  void declaration_moreDeployedIcbmsThanDeployedLaunchers_isAPairingMismatch() {
    var r = declare(3, 2);
    assertThat(r.discrepancies())
        .filteredOn(x -> x.kind().equals("pairing-mismatch"))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.party()).isEqualTo("US");
              assertThat(x.date()).isEqualTo(LocalDate.of(2020, 3, 1));
              assertThat(x.detail())
                  .contains("3 deployed icbm but 2 deployed icbm-launcher")
                  .contains("deployed-icbms-in-launchers");
              assertThat(x.evidence()).containsExactly(0L);
            });
  }

  @Test
  void declaration_pairedCounts_noMismatch() {
    assertThat(declare(3, 3).discrepancies()).noneMatch(x -> x.kind().equals("pairing-mismatch"));
  }
}
