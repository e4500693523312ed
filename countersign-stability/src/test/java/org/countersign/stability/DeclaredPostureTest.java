package org.countersign.stability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.countersign.treaty.compliance.DeclaredForces;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.forces.ForcePostureLoader;
import org.countersign.treaty.forces.ForceSystem;
import org.countersign.treaty.forces.Provenance;
import org.countersign.treaty.forces.Quantity;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.negotiation.ExtraColumn;
import org.countersign.treaty.statement.DeclaredItem;
import org.junit.jupiter.api.Test;

class DeclaredPostureTest {
  static final LocalDate DAY = LocalDate.parse("2027-11-30");

  static DeclaredForces russia(int missiles, long warheadsEach, int launchers) {
    var items = new ArrayList<DeclaredItem>();
    for (int i = 0; i < missiles; i++) {
      items.add(
          new DeclaredItem(
              "M-" + i, "icbm", "deployed", "s", "", Map.of("warheads", warheadsEach)));
    }
    for (int i = 0; i < launchers; i++) {
      items.add(new DeclaredItem("L-" + i, "icbm-launcher", "deployed", "s", "", Map.of()));
    }
    items.add(new DeclaredItem("X-1", "icbm", "non-deployed", "s", "", Map.of("warheads", 0L)));
    return new DeclaredForces("RU", DAY, items, List.of(7L), Map.of(), Map.of());
  }

  static ForceSystem system(ForcePosture p, String party, String id) {
    return p.party(party).system(id).orElseThrow();
  }

  @Test
  void declaredCounts_replaceTheFile_sharedByTheFilesProportions_largestRemainderFirst()
      throws Exception {
    ForcePosture file = ForcePostureLoader.builtIn();
    Treaty newStart = TreatyLoader.builtIn("new-start");
    var r =
        DeclaredPosture.of(file, newStart, Map.of("RU", russia(10, 4, 5)), "log.example", 9, DAY);
    ForcePosture p = r.posture();
    ForceSystem silo = system(p, "RU", "icbm-silo");
    ForceSystem mobile = system(p, "RU", "icbm-mobile");
    // The file has 109 silo and 145 mobile missiles: 10 shares as 4.29 and 5.71, so 4 and 6.
    assertThat(silo.value(Quantity.DEPLOYED).getAsDouble()).isEqualTo(4);
    assertThat(mobile.value(Quantity.DEPLOYED).getAsDouble()).isEqualTo(6);
    assertThat(
            silo.value(Quantity.DEPLOYED_WARHEADS).getAsDouble()
                + mobile.value(Quantity.DEPLOYED_WARHEADS).getAsDouble())
        .isEqualTo(40);
    assertThat(
            silo.value(Quantity.DEPLOYED_LAUNCHERS).getAsDouble()
                + mobile.value(Quantity.DEPLOYED_LAUNCHERS).getAsDouble())
        .isEqualTo(5);
    assertThat(
            Objects.requireNonNull(silo.figures().get(Quantity.DEPLOYED), "deployed").provenance())
        .isEqualTo(new Provenance.Sourced(DeclaredPosture.SOURCE_ID));
    assertThat(
            Objects.requireNonNull(p.sources().get(DeclaredPosture.SOURCE_ID), "log source")
                .citation())
        .contains("log.example")
        .contains("first 9 entries");
    // What declarations cannot state stays the file's.
    assertThat(silo.figures().get(Quantity.CEP_M))
        .isEqualTo(system(file, "RU", "icbm-silo").figures().get(Quantity.CEP_M));
    // Interceptors are not a New START category: kept from the file. No SLBM declared in any
    // status: a gap in the declarations, not a declared zero, so the file's figures stay, said in
    // a note; likewise the heavy bombers, whose count the file does not know: unknown, not zero.
    assertThat(system(p, "RU", "a-135")).isEqualTo(system(file, "RU", "a-135"));
    assertThat(system(p, "RU", "slbm")).isEqualTo(system(file, "RU", "slbm"));
    assertThat(system(p, "RU", "heavy-bombers")).isEqualTo(system(file, "RU", "heavy-bombers"));
    assertThat(system(p, "RU", "heavy-bombers").value(Quantity.DEPLOYED)).isEmpty();
    assertThat(r.notes())
        .contains(
            "RU/slbm: no slbm item declared in the log (a gap, not a declared zero); the"
                + " force-posture file's figures")
        .contains(
            "RU/heavy-bombers: no heavy-bomber item declared in the log (a gap, not a declared"
                + " zero); the force-posture file's figures");
    // A party without declarations keeps the file's forces.
    assertThat(p.party("US")).isEqualTo(file.party("US"));
    assertThat(r.notes())
        .anyMatch(n -> n.startsWith("US: nothing declared"))
        .anyMatch(n -> n.startsWith("RU interceptor: not a category of new-start"));
  }

  @Test
  void categoryDeclaredOnlyAsNonDeployed_isADeclaredZero() throws Exception {
    ForcePosture file = ForcePostureLoader.builtIn();
    Treaty newStart = TreatyLoader.builtIn("new-start");
    var items = new ArrayList<>(russia(10, 4, 5).items());
    items.add(new DeclaredItem("B-1", "heavy-bomber", "non-deployed", "s", "", Map.of()));
    var ru = new DeclaredForces("RU", DAY, items, List.of(7L), Map.of(), Map.of());
    ForcePosture p =
        DeclaredPosture.of(file, newStart, Map.of("RU", ru), "log.example", 9, DAY).posture();
    // The party declared its bombers, none deployed: that is a zero the log states.
    assertThat(system(p, "RU", "heavy-bombers").value(Quantity.DEPLOYED).getAsDouble()).isZero();
    var deployed = system(p, "RU", "heavy-bombers").figures().get(Quantity.DEPLOYED);
    assertThat(deployed).isNotNull();
    assertThat(deployed.provenance()).isEqualTo(new Provenance.Sourced(DeclaredPosture.SOURCE_ID));
  }

  @Test
  void share_isExact_andProportional() {
    assertThat(DeclaredPosture.share(10, new double[] {109, 145})).containsExactly(4, 6);
    assertThat(DeclaredPosture.share(7, new double[] {1, 1, 1})).containsExactly(3, 2, 2);
    assertThat(DeclaredPosture.share(0, new double[] {5, 5})).containsExactly(0, 0);
  }

  @Test
  void stabilityColumns_nameEveryModelledParty_beforeAndAfter() throws Exception {
    ForcePosture file = ForcePostureLoader.builtIn();
    Treaty newStart = TreatyLoader.builtIn("new-start");
    Treaty framework = TreatyLoader.builtIn("integrated-framework");
    List<ExtraColumn> cols =
        StabilityColumns.of(
            DeclaredPosture.of(file, newStart, Map.of("RU", russia(200, 4, 200)), "l", 1, DAY)
                .posture(),
            framework,
            List.of("US", "RU", "CN", "XX"));
    assertThat(cols).hasSize(2);
    assertThat(cols.get(0).cells().keySet()).containsExactly("CN", "RU", "US");
    assertThat(cols.get(0).cells().get("US"))
        .matches("\\d+\\.\\d{3} -> \\d+\\.\\d{3} \\(vs [A-Z]{2}\\)");
    assertThat(cols.get(1).cells().get("RU")).matches("\\d+ -> \\d+");
    assertThat(StabilityColumns.of(file, framework, List.of("US"))).isEmpty();
    // Deterministic: the same input gives the same cells.
    assertThat(StabilityColumns.of(file, framework, List.of("US", "RU")))
        .isEqualTo(StabilityColumns.of(file, framework, List.of("US", "RU")));
  }
}
