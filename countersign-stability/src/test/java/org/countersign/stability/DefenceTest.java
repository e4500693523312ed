package org.countersign.stability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class DefenceTest {
  private static final SplittableRandom SEEDS = new SplittableRandom(7L);

  @Test
  void expect_barrageOneShotEach_halfArriveAtPkHalf() {
    var d = new Defence(10, 0.5, 1, false);
    assertThat(d.expect(10).arriving()).isCloseTo(5, within(1e-12));
    assertThat(d.expect(10).interceptorsUsed()).isEqualTo(10);
  }

  @Test
  void expect_twoShotsEach_inventoryEngagesHalf() {
    // 10 interceptors at 2 per warhead engage 5 of 10 warheads: 5 + 5 * 0.25 = 6.25 arrive.
    var d = new Defence(10, 0.5, 2, false);
    assertThat(d.expect(10).arriving()).isCloseTo(6.25, within(1e-12));
  }

  @Test
  void expect_shootLookShoot_secondSalvoAtTheLeaker() {
    // One warhead, two interceptors, one shot per salvo: leaks 0.5 then 0.5 again.
    var d = new Defence(2, 0.5, 1, true);
    assertThat(d.expect(1).arriving()).isCloseTo(0.25, within(1e-12));
    assertThat(d.expect(1).interceptorsUsed()).isCloseTo(1.5, within(1e-12));
  }

  @Test
  void expect_noDefence_everythingArrives() {
    assertThat(Defence.none().expect(123).arriving()).isEqualTo(123);
  }

  @Test
  void expectedMin_matchesDirectSum() {
    // L ~ Bin(3, 0.5): P = 1/8, 3/8, 3/8, 1/8; E[min(L, 2)] = 3/8 + 2 * 4/8 = 1.375.
    assertThat(Defence.expectedMin(3, 0.5, 2)).isCloseTo(1.375, within(1e-12));
    // Large n does not underflow.
    assertThat(Defence.expectedMin(3000, 0.9, 10)).isCloseTo(10, within(1e-9));
  }

  @RepeatedTest(40)
  void moreInterceptors_neverIncreaseArrivals() {
    SplittableRandom r = SEEDS.split();
    int w = 1 + r.nextInt(300);
    double pk = r.nextDouble();
    int s = 1 + r.nextInt(3);
    boolean sls = r.nextBoolean();
    int i = r.nextInt(400);
    var less = new Defence(i, pk, s, sls);
    var more = new Defence(i + 1 + r.nextInt(50), pk, s, sls);
    assertThat(more.expect(w).arriving()).isLessThanOrEqualTo(less.expect(w).arriving() + 1e-9);
  }

  @RepeatedTest(8)
  void draw_meanConvergesToClosedForm() {
    SplittableRandom r = SEEDS.split();
    int w = 5 + r.nextInt(60);
    var d = new Defence(r.nextInt(120), 0.2 + 0.7 * r.nextDouble(), 1 + r.nextInt(2), true);
    int runs = 20_000;
    double sum = 0;
    double sumSq = 0;
    var random = new SplittableRandom(r.nextLong());
    boolean countOnly = r.nextBoolean();
    for (int k = 0; k < runs; k++) {
      int a = countOnly ? d.drawCount(w, random).arriving() : d.draw(w, random).arriving();
      sum += a;
      sumSq += (double) a * a;
    }
    double mean = sum / runs;
    double sd = Math.sqrt(Math.max(sumSq / runs - mean * mean, 1e-12));
    // Within four standard errors (fails by chance about once in 16,000 runs of this test).
    assertThat(mean).isCloseTo(d.expect(w).arriving(), within(4 * sd / Math.sqrt(runs) + 1e-9));
  }
}
