package org.countersign.treaty.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The figures printed beside a plan, against the worked example of the documentation. */
class PlanFiguresTest {
  @Test
  void of_workedExample_matchesTheDocumentedFigures() {
    var p = PlanFigures.of(500, 20, 10L, 0.95, 5);
    assertThat(p.caught()).isCloseTo(0.337688, within(5e-7));
    assertThat(p.caughtOverYearsIndependent()).isCloseTo(0.872558, within(5e-7));
    assertThat(p.caughtOverYearsWithoutReplacement()).isCloseTo(0.883589, within(5e-7));
    assertThat(p.smallestSample()).isEqualTo(69);
    assertThat(p.caughtAtSmallest())
        .isCloseTo(0.9518098041932147, within(1e-12)); // Python fractions
    assertThat(p.iaeaSample()).isCloseTo(69.55, within(5e-3));
    assertThat(p.text())
        .isEqualTo(
            """
        N = 500 items, k = 20 violating
        a sample of n = 10 catches at least one with probability 0.337688 (exact hypergeometric)
        goal 0.95: the smallest sample is n = 69 (probability 0.951810); IAEA attribute-sampling approximation n = 69.55
        within 5 years at n = 10 a year: 0.872558 with a fresh sample each year, 0.883589 with no item inspected twice
        """);
  }

  @Test
  void inspectionPlan_sentenceOfItsJavadoc_matchesExactFractions() {
    // 1 - prod_{i<10} (495-i)/(500-i) = 0.096450..., and 1 - (1 - that)^5 = 0.397773... (Python
    // fractions)
    assertThat(
            new InspectionPlan(
                    "type-one", 10, 1, 500, 5, 5, DetectionProbability.YearModel.INDEPENDENT_YEARS)
                .sentence())
        .isEqualTo(
            "with 10 type-one inspections a year (1 item each), 5 violating items among 500"
                + " are caught this year with probability 0.0965; within 5 years with probability 0.3978 (a fresh"
                + " sample each year)");
  }

  @Test
  void of_goalOnly_noSampleFigures_andGoalOneHasNoIaeaFigure() {
    var p = PlanFigures.of(500, 5, null, 0.9, 1);
    assertThat(p.caught()).isNull();
    assertThat(p.smallestSample()).isEqualTo(184);
    assertThat(p.iaeaSample()).isCloseTo(184.52, within(5e-3));
    var certain = PlanFigures.of(10, 2, null, 1.0, 1);
    assertThat(certain.smallestSample()).isEqualTo(9);
    assertThat(certain.iaeaSample()).isNull();
    assertThat(certain.text())
        .contains("goal 1: the smallest sample is n = 9 (probability 1.000000)\n");
  }

  @Test
  void of_yearsBeyondThePopulation_noWithoutReplacementFigure() {
    var p = PlanFigures.of(20, 1, 10L, null, 3);
    assertThat(p.caughtOverYearsWithoutReplacement()).isNull();
    assertThat(p.caughtOverYearsIndependent()).isCloseTo(1 - 0.125, within(1e-12));
    assertThat(p.text()).contains("30 items would exceed N without replacement");
  }

  @Test
  void of_badParameters_refusedNamingTheValue() {
    assertThatThrownBy(() -> PlanFigures.of(500, 20, null, null, 1))
        .hasMessage("give a sample size n or a detection goal");
    assertThatThrownBy(() -> PlanFigures.of(500, 600, 10L, null, 1))
        .hasMessage("k (violating items) must be 0..N = 500, got 600");
    assertThatThrownBy(() -> PlanFigures.of(500, 20, 501L, null, 1))
        .hasMessage("n (sample size) must be 0..N = 500, got 501");
    assertThatThrownBy(() -> PlanFigures.of(0, 0, 0L, null, 1))
        .hasMessage("N must be 1..2^53-1, got 0");
    assertThatThrownBy(() -> PlanFigures.of(500, 20, null, 1.5, 1))
        .hasMessage("the detection goal must be in (0, 1], got 1.5");
    assertThatThrownBy(() -> PlanFigures.of(500, 0, null, 0.9, 1))
        .hasMessage("with no violating item there is nothing to catch (k = 0)");
    assertThatThrownBy(() -> PlanFigures.of(500, 20, 10L, null, 0))
        .hasMessage("years must be 1..100, got 0");
  }
}
