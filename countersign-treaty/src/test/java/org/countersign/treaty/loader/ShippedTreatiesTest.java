package org.countersign.treaty.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.countersign.treaty.model.Count;
import org.countersign.treaty.model.Role;
import org.countersign.treaty.model.Treaty;
import org.junit.jupiter.api.Test;

class ShippedTreatiesTest {
  static Path repoTreaty(String name) {
    return Path.of("..", "treaties", name);
  }

  @Test
  void load_newStart_validatesAndHasTheCentralLimits() throws Exception {
    Treaty t = TreatyLoader.load(repoTreaty("new-start.yaml"));
    assertThat(t.id()).isEqualTo("new-start");
    assertThat(t.limits())
        .extracting(l -> l.id() + "=" + l.value() + "@" + l.bindsFrom())
        .containsExactly(
            "deployed-delivery-vehicles=700@2018-02-05",
            "deployed-warheads=1550@2018-02-05",
            "launchers=800@2018-02-05");
    assertThat(t.limit("deployed-warheads").orElseThrow().sum())
        .containsExactly("icbm-warheads", "slbm-warheads", "heavy-bomber-warheads");
    assertThat(t.countingRule("heavy-bomber-warheads").orElseThrow().count())
        .isEqualTo(new Count.Fixed(1));
    assertThat(t.countingRule("icbm-warheads").orElseThrow().count())
        .isEqualTo(new Count.Attribute("warheads"));
    assertThat(t.dates().signed()).isEqualTo(LocalDate.of(2010, 4, 8));
    assertThat(t.dates().entryIntoForce()).isEqualTo(LocalDate.of(2011, 2, 5));
    assertThat(t.dates().expiry()).isEqualTo(LocalDate.of(2021, 2, 5));
    assertThat(t.dates().finalExpiry()).isEqualTo(LocalDate.of(2026, 2, 5));
    assertThat(t.inspectionQuotasPerYear())
        .containsEntry("type-one", 10)
        .containsEntry("type-two", 8)
        .hasSize(2);
    assertThat(t.parties()).extracting(p -> p.id()).containsExactly("US", "RU");
    var draw = t.drawRules().orElseThrow();
    assertThat(draw.forfeit()).isEqualTo("inspecting-party-chooses");
    assertThat(draw.commitBy(java.time.Instant.parse("2020-05-01T06:00:00Z")))
        .isEqualTo(java.time.Instant.parse("2020-05-01T18:00:00Z"));
    assertThat(draw.revealBy(java.time.Instant.parse("2020-05-01T06:00:00Z")))
        .isEqualTo(java.time.Instant.parse("2020-05-02T06:00:00Z"));
    var typeOne = t.inspectionQuota("type-one").orElseThrow();
    assertThat(typeOne.itemsPerInspection()).isEqualTo(1);
    assertThat(typeOne.samples("icbm", "deployed")).isTrue();
    assertThat(typeOne.samples("slbm", "deployed")).isTrue();
    assertThat(typeOne.samples("icbm", "non-deployed")).isFalse();
    assertThat(typeOne.samples("heavy-bomber", "deployed")).isFalse();
    assertThat(t.withdrawal().orElseThrow().notice().text()).isEqualTo("P3M");
    assertThat(t.digest()).matches("[0-9a-f]{64}");
  }

  @Test
  void load_integratedFramework_hasThreePartiesObserversInterceptorsNewKindsAndAZone()
      throws Exception {
    Treaty t = TreatyLoader.load(repoTreaty("integrated-framework.yaml"));
    assertThat(t.parties().stream().filter(p -> p.role() == Role.PARTY).map(p -> p.id()))
        .containsExactly("US", "RU", "CN");
    assertThat(t.parties().stream().filter(p -> p.role() == Role.OBSERVER)).isNotEmpty();
    assertThat(t.category("interceptor")).isPresent();
    assertThat(t.category("hypersonic-glide-vehicle")).isPresent();
    assertThat(t.category("nuclear-cruise-missile")).isPresent();
    assertThat(t.limits().stream().filter(l -> l.isRegional()).map(l -> l.zone()))
        .contains("europe", "northeast-asia");
    assertThat(t.zoneWithin("central-europe", "europe")).isTrue();
    assertThat(t.zoneWithin("europe", "central-europe")).isFalse();
    assertThat(t.drawRules().orElseThrow().forfeit()).isEqualTo("revealed-values-decide");
    assertThat(t.inspectionQuota("regional").orElseThrow().itemsPerInspection()).isEqualTo(5);
  }

  @Test
  void builtIn_matchesTheRepositoryFiles() throws Exception {
    for (String id : List.of("new-start", "integrated-framework")) {
      assertThat(TreatyLoader.builtIn(id).digest())
          .isEqualTo(TreatyLoader.load(repoTreaty(id + ".yaml")).digest());
    }
  }
}
