package org.countersign.stability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class KillProbabilityTest {
  private static final SplittableRandom SEEDS = new SplittableRandom(20261207L);

  @Test
  void cumulative_independentShots_isOneMinusMissToTheN() {
    assertThat(KillProbability.cumulative(0.5, 1)).isEqualTo(0.5);
    assertThat(KillProbability.cumulative(0.5, 2)).isEqualTo(0.75);
    assertThat(KillProbability.cumulative(0.9, 3)).isCloseTo(0.999, within(1e-12));
    assertThat(KillProbability.cumulative(0.3, 0)).isZero();
  }

  /**
   * Worked example from the literature: Bruce Blair, reconstructing for the targeting review of
   * Gen. Lee Butler (early 1990s) why one target was assigned 69 weapons, assumed a kill
   * probability of 4 % per weapon: 17 weapons give 50 % confidence, 69 weapons give 94 %. Quoted in
   * the 2005 discussion of nuclear targeting relayed at
   * democraticvista.blogspot.com/2005/07/nuclear-targeting.html.
   */
  @Test
  void cumulative_blairButlerExample_reproducesFiftyAndNinetyFourPercent() {
    assertThat(KillProbability.cumulative(0.04, 17)).isCloseTo(0.50, within(0.005));
    assertThat(KillProbability.cumulative(0.04, 16)).isLessThan(0.50);
    assertThat(KillProbability.cumulative(0.04, 69)).isCloseTo(0.94, within(0.005));
  }

  @Test
  void lethalRadius_oneMegatonAgainstThousandPsi_is0262NauticalMiles() {
    // LR = 2.62 (Y/H)^(1/3) nmi = 2.62 * (1/1000)^(1/3) = 0.262 nmi = 485.2 m.
    assertThat(KillProbability.lethalRadiusMeters(1000, 1000))
        .isCloseTo(0.262 * 1852, within(1e-6));
    // Cube-root scaling: eight times the yield doubles the radius.
    assertThat(KillProbability.lethalRadiusMeters(8000, 1000))
        .isCloseTo(2 * KillProbability.lethalRadiusMeters(1000, 1000), within(1e-9));
  }

  @Test
  void withinRadius_radiusEqualToCep_isOneHalf() {
    assertThat(KillProbability.withinRadius(150, 150)).isCloseTo(0.5, within(1e-15));
    assertThat(KillProbability.withinRadius(300, 150)).isCloseTo(1 - 1.0 / 16, within(1e-15));
  }

  @Test
  void sspk_isReliabilityTimesCookieCutter() {
    double lr = KillProbability.lethalRadiusMeters(300, 2000);
    double expected = 0.85 * (1 - Math.pow(0.5, (lr / 120) * (lr / 120)));
    assertThat(KillProbability.sspk(300, 120, 2000, 0.85)).isCloseTo(expected, within(1e-12));
  }

  @RepeatedTest(50)
  void sspk_risesWithYield_fallsWithCepAndHardness() {
    SplittableRandom r = SEEDS.split();
    double y = 10 + r.nextDouble() * 1000;
    double cep = 50 + r.nextDouble() * 500;
    double h = 5 + r.nextDouble() * 5000;
    double rel = 0.5 + r.nextDouble() * 0.5;
    double base = KillProbability.sspk(y, cep, h, rel);
    double more = 1 + r.nextDouble();
    assertThat(KillProbability.sspk(y * more, cep, h, rel)).isGreaterThanOrEqualTo(base);
    assertThat(KillProbability.sspk(y, cep * more, h, rel)).isLessThanOrEqualTo(base);
    assertThat(KillProbability.sspk(y, cep, h * more, rel)).isLessThanOrEqualTo(base);
  }

  @RepeatedTest(50)
  void secondWarhead_neverLowersKillProbability() {
    SplittableRandom r = SEEDS.split();
    double p1 = r.nextDouble();
    double p2 = r.nextDouble();
    assertThat(1 - (1 - p1) * (1 - p2)).isGreaterThanOrEqualTo(Math.max(p1, p2) - 1e-15);
    assertThat(KillProbability.cumulative(p1, 2))
        .isGreaterThanOrEqualTo(KillProbability.cumulative(p1, 1));
  }

  @Test
  void badInputs_refusedWithTheValue() {
    assertThatThrownBy(() -> KillProbability.sspk(-1, 100, 100, 0.9))
        .hasMessageContaining("yield (kt) must be > 0, got -1.0");
    assertThatThrownBy(() -> KillProbability.sspk(100, 100, 100, 1.5))
        .hasMessageContaining("reliability must lie in [0, 1], got 1.5");
    assertThatThrownBy(() -> KillProbability.cumulative(0.5, -1)).hasMessageContaining("-1");
  }
}
