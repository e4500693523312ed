package org.countersign.treaty.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Objects;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.negotiation.ProposalDiff.Change;
import org.junit.jupiter.api.Test;

class ProposalDiffTest {
  static final String BASE = NegotiationRecordTest.text();

  @Test
  void sameTreaty_withOtherComments_hasNoDifference() throws Exception {
    ProposalDiff d = ProposalDiff.of("a", BASE, "b", "# another comment\n" + BASE);
    assertThat(d.isEmpty()).isTrue();
    assertThat(d.fromDigest()).isEqualTo(d.toDigest());
    assertThat(d.toText()).contains("no difference");
  }

  @Test
  void loweredLimit_isOneFieldChange_withBothValues() throws Exception {
    String lower = BASE.replace("    value: 1350\n", "    value: 1200\n");
    ProposalDiff d = ProposalDiff.of("a", BASE, "b", lower);
    assertThat(d.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.section()).isEqualTo("limits");
              assertThat(c.id()).isEqualTo("deployed-warheads");
              assertThat(c.change()).isEqualTo("changed");
              assertThat(c.fields())
                  .singleElement()
                  .satisfies(
                      f -> {
                        assertThat(f.field()).isEqualTo("value");
                        assertThat(Objects.requireNonNull(f.from(), "from").asLong())
                            .isEqualTo(1350);
                        assertThat(Objects.requireNonNull(f.to(), "to").asLong()).isEqualTo(1200);
                      });
            });
    assertThat(d.toText()).contains("~ deployed-warheads changed").contains("value: 1350 -> 1200");
  }

  @Test
  void removedZoneLimitAndAddedParty_areListed() throws Exception {
    String other =
        BASE.replace(
                "  - id: witness-network\n",
                "  - id: GB\n    name: United Kingdom\n    role: observer\n    joins: 2028-02-05\n  - id: witness-network\n")
            .replaceAll("(?s)  - id: europe-regional\n.*?parties: \\[US, RU\\]\n", "");
    ProposalDiff d = ProposalDiff.of("a", BASE, "b", other);
    assertThat(d.changes())
        .extracting(Change::section, Change::id, Change::change)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("parties", "GB", "added"),
            org.assertj.core.groups.Tuple.tuple("limits", "europe-regional", "removed"));
    assertThat(d.canonicalJson()).contains("\"format\":\"countersign-proposal-diff/v1\"");
  }

  @Test
  void badFile_isReportedWithFileLineAndColumn() {
    String bad = BASE.replace("    value: 1350\n", "    value: -5\n");
    assertThatThrownBy(() -> ProposalDiff.of("a.yaml", BASE, "b.yaml", bad))
        .isInstanceOf(TreatyException.class)
        .hasMessageMatching("(?s).*b\\.yaml:\\d+:\\d+.*");
  }
}
