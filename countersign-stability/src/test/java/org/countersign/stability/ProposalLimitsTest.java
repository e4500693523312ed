package org.countersign.stability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.CountingRule;
import org.countersign.treaty.model.Limit;
import org.countersign.treaty.model.Treaty;
import org.junit.jupiter.api.Test;

class ProposalLimitsTest {
  static double counted(Treaty t, String limitId, Arsenal a) {
    Limit limit = t.limit(limitId).orElseThrow();
    double total = 0;
    for (String id : limit.sum()) {
      CountingRule r = t.countingRule(id).orElseThrow();
      if (r.filter().categories().contains("interceptor")) {
        total += a.interceptors();
      }
      for (ForceElement e : a.elements()) {
        total += ProposalLimits.count(r, e);
      }
    }
    return total;
  }

  static Arsenal side() {
    return new Arsenal(
        "US",
        List.of(ExchangeTest.silos("icbm", 400, 1, 120), ExchangeTest.subs("ssbn", 12, 960, 0.6)),
        300,
        0.5);
  }

  @Test
  void apply_integratedFramework_everyLimitSatisfiedAfterwards() throws Exception {
    Treaty t = TreatyLoader.builtIn("integrated-framework");
    ProposalLimits.Reduction r = ProposalLimits.apply(side(), t);
    // The US-Russia ceilings apply to the side (a US arsenal).
    for (String id : List.of("deployed-delivery-vehicles", "deployed-warheads", "launchers")) {
      assertThat(counted(t, id, r.arsenal()))
          .isLessThanOrEqualTo((double) t.limit(id).orElseThrow().value());
    }
    // Interceptor ceiling of 100.
    assertThat(r.arsenal().interceptors()).isLessThanOrEqualTo(100);
    assertThat(r.steps()).anySatisfy(s -> assertThat(s).contains("missile-defence-interceptors"));
  }

  @Test
  void apply_forcesWithinLimits_unchanged() throws Exception {
    Treaty t = TreatyLoader.builtIn("integrated-framework");
    Arsenal small = new Arsenal("US", List.of(ExchangeTest.silos("icbm", 100, 1, 120)), 10, 0.5);
    ProposalLimits.Reduction r = ProposalLimits.apply(small, t);
    assertThat(r.arsenal()).isEqualTo(small);
    assertThat(r.steps())
        .containsExactly("US: within every limit of integrated-framework; unchanged");
  }

  @Test
  void apply_nonParty_unchanged() throws Exception {
    Treaty newStart = TreatyLoader.builtIn("new-start");
    Arsenal cn = new Arsenal("CN", List.of(ExchangeTest.silos("icbm", 900, 1, 120)), 0, 0.5);
    assertThat(ProposalLimits.apply(cn, newStart).arsenal()).isEqualTo(cn);
  }
}
