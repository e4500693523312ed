package org.countersign.treaty.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The treaty's change kinds map onto what they explain to the escrow checks. */
class ChangeExplanationTest {
  private static final Treaty TREATY = TestTreaties.testTreaty();
  private static final Instant T = Instant.parse("2022-03-01T00:00:00Z");

  private static ChangeNotification change(
      String kind, String status, String site, String zone, Map<String, Long> attributes) {
    return new ChangeNotification(
        "test-treaty", "A", T, kind, "M-1", "missile", T, status, site, zone, attributes);
  }

  @ParameterizedTest(name = "{0} -> {5}")
  @CsvSource({
    "new-item,   deployed,     site-1, '',     3, NEW_ITEM",
    "deploy,     deployed,     '',     '',     0, STATUS_CHANGED",
    "non-deploy, non-deployed, '',     '',     0, STATUS_CHANGED",
    "convert,    converted,    '',     '',     0, STATUS_CHANGED",
    "eliminate,  eliminated,   '',     '',     0, ELIMINATED",
    "move,       '',           site-2, '',     0, MOVED",
    "move,       '',           '',     region, 0, MOVED",
    "reload,     '',           '',     '',     4, RELOADED"
  })
  void of_eachEffect_explainsItsKind(
      String kind, String status, String site, String zone, long warheads, ItemChange expected) {
    var c =
        change(kind, status, site, zone, warheads == 0 ? Map.of() : Map.of("warheads", warheads));
    assertThat(ChangeExplanation.of(TREATY, c, 7))
        .containsExactly(new ChangeExplanation("M-1", expected, 7));
  }

  @Test
  void of_statusChangeAlsoStatingSiteAndAttributes_explainsEachAspect() {
    var c = change("deploy", "deployed", "site-2", "", Map.of("warheads", 2L));
    assertThat(ChangeExplanation.of(TREATY, c, 3))
        .extracting(ChangeExplanation::kind)
        .containsExactly(ItemChange.STATUS_CHANGED, ItemChange.MOVED, ItemChange.RELOADED);
  }

  @Test
  void of_unknownChangeKind_explainsNothing() {
    assertThat(ChangeExplanation.of(TREATY, change("teleport", "", "site-2", "", Map.of()), 1))
        .isEmpty();
  }
}
