package org.countersign.stability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.forces.ForcePostureLoader;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Treaty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AssessorTest {
  static ForcePosture posture;

  @BeforeAll
  static void load() throws Exception {
    posture = ForcePostureLoader.builtIn();
  }

  static Assessor.Request request(int runs, long seed, Optional<Treaty> proposal) {
    return new Assessor.Request(
        posture, List.of("US", "RU", "CN"), ModelParameters.defaults(), runs, seed, true, proposal);
  }

  @Test
  void assess_builtInForces_everyPairTrilateralAndAssumptions() {
    Assessment a = Assessor.assess(request(0, 1, Optional.empty()));
    assertThat(a.pairs()).hasSize(3);
    assertThat(a.trilateral()).hasSize(6);
    assertThat(a.sensitivity()).hasSize(12);
    assertThat(a.assumptions())
        .anySatisfy(s -> assertThat(s).contains("US/minuteman-iii: cep-m = 120 (file assumption"));
    for (Assessment.Pair p : a.pairs()) {
      assertThat(p.stability().pair()).isPositive().isFinite();
      assertThat(p.aFirst().victimSurviving()).isBetween(0.0, 5000.0);
    }
    // The sweep is sorted by swing, largest first.
    assertThat(a.sensitivity().get(0).swing())
        .isGreaterThanOrEqualTo(a.sensitivity().getLast().swing());
  }

  @Test
  void json_sameInputsAndSeed_byteIdentical_andSeedMatters() {
    String one = StabilityReport.json(Assessor.assess(request(300, 99, Optional.empty())));
    String two = StabilityReport.json(Assessor.assess(request(300, 99, Optional.empty())));
    String other = StabilityReport.json(Assessor.assess(request(300, 100, Optional.empty())));
    assertThat(one).isEqualTo(two).contains("\"format\":\"countersign-stability/v1\"");
    assertThat(other).isNotEqualTo(one);
    assertThat(one).doesNotContain("E-").doesNotContain("NaN");
  }

  @Test
  void monteCarlo_meanOfSurvivors_nearClosedForm() {
    Assessment a = Assessor.assess(request(2000, 5, Optional.empty()));
    Assessment.Pair usRu = a.pairs().get(0);
    Assessment.Distribution surv = usRu.monteCarlo().get(0);
    assertThat(surv.name()).isEqualTo("RU warheads surviving US first strike");
    assertThat(surv.mean())
        .isCloseTo(
            usRu.aFirst().victimSurviving(),
            org.assertj.core.api.Assertions.within(0.01 * surv.mean()));
    assertThat(surv.p05()).isLessThanOrEqualTo(surv.p50());
    assertThat(surv.p50()).isLessThanOrEqualTo(surv.p95());
  }

  @Test
  void proposal_integratedFramework_bringsForcesWithinItsLimits() throws Exception {
    Treaty t = TreatyLoader.builtIn("integrated-framework");
    Assessment a = Assessor.assess(request(0, 1, Optional.of(t)));
    Assessment.ProposalComparison c = a.proposal().orElseThrow();
    assertThat(c.forcesAfter()).hasSize(3);
    // Limits of 650 delivery vehicles and 1,350 warheads for the US and Russia: both are brought
    // down. The proposal counts one warhead per bomber (its own counting rule), so modelled
    // warheads may stay above 1,350 while the counted total is within the limit.
    assertThat(c.forcesAfter().get(0).warheads()).isLessThan(a.forces().get(0).warheads());
    // Russia as modelled counts 1,510 missile warheads plus one per bomber: above 1,350.
    assertThat(c.forcesAfter().get(1).warheads()).isLessThan(a.forces().get(1).warheads());
    assertThat(c.reductionSteps()).anySatisfy(s -> assertThat(s).startsWith("US: deployed-"));
    // China is below its own ceiling of 700 and every other limit: unchanged.
    assertThat(c.forcesAfter().get(2).warheads()).isEqualTo(a.forces().get(2).warheads());
    assertThat(StabilityReport.text(a)).contains("Before and after proposal integrated-framework");
  }

  @Test
  void request_unknownPartyOrTooManyRuns_refused() {
    assertThatThrownBy(
            () ->
                new Assessor.Request(
                    posture,
                    List.of("XX"),
                    ModelParameters.defaults(),
                    0,
                    1,
                    false,
                    Optional.empty()))
        .hasMessageContaining("no forces for party XX");
    assertThatThrownBy(
            () ->
                new Assessor.Request(
                    posture,
                    List.of(),
                    ModelParameters.defaults(),
                    100_001,
                    1,
                    false,
                    Optional.empty()))
        .hasMessageContaining("runs must be in 0..100000");
  }

  @Test
  void html_escapesAndListsAssumptions() {
    String html = StabilityReport.html(Assessor.assess(request(0, 1, Optional.empty())));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("Assumptions used");
    assertThat(StabilityReport.escape("<a&'\">")).isEqualTo("&lt;a&amp;&#39;&quot;&gt;");
  }
}
