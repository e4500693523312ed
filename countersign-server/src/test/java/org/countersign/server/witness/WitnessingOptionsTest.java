package org.countersign.server.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.CosignatureSigner;
import org.countersign.log.note.SignerKey;
import org.countersign.witness.policy.WitnessPolicy;
import org.junit.jupiter.api.Test;

class WitnessingOptionsTest {
  private static String vkey(String name) {
    SignerKey k =
        SignerKey.fromSeed(name, Hash.sha256(name.getBytes(StandardCharsets.UTF_8)).bytes());
    return name.startsWith("log")
        ? k.verifierKey()
        : new CosignatureSigner(k, InstantSource.system()).verifierKey();
  }

  private static WitnessPolicy policy(String neutralUrl) throws Exception {
    return WitnessPolicy.parse(
        "log "
            + vkey("log.example/treaty")
            + "\n"
            + "witness us "
            + vkey("w.us.example")
            + " http://127.0.0.1:1\n"
            + "witness ru "
            + vkey("w.ru.example")
            + " http://127.0.0.1:2\n"
            + "witness neutral "
            + vkey("w.un.example")
            + neutralUrl
            + "\n"
            + "group treaty all us ru neutral\nquorum treaty\n");
  }

  @Test
  void of_defaults_fiveSecondRoundsAndRetriesFromHalfASecondToTenSeconds() throws Exception {
    WitnessingOptions o = WitnessingOptions.of(policy(" http://127.0.0.1:3"));

    assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.graceAfterQuorum()).isEqualTo(Duration.ofMillis(250));
    assertThat(o.retryMin()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.retryMax()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void new_quorumNeedsAWitnessWithoutUrl_refusedNamingTheQuorum() {
    assertThatThrownBy(() -> WitnessingOptions.of(policy("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quorum \"treaty\" cannot hold")
        .hasMessageContaining("[us, ru]");
  }

  @Test
  void withTimeout_tooShort_refusedWithTheValue() throws Exception {
    WitnessingOptions o = WitnessingOptions.of(policy(" http://127.0.0.1:3"));

    assertThatThrownBy(() -> o.withTimeout(Duration.ofMillis(20)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("witness timeout must be in 100 ms..5 min, got 20 ms");
  }

  @Test
  void withTimeout_belowTheGrace_capsTheGrace() throws Exception {
    WitnessingOptions o =
        WitnessingOptions.of(policy(" http://127.0.0.1:3")).withTimeout(Duration.ofMillis(100));

    assertThat(o.graceAfterQuorum()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void withRetry_maximumBelowMinimum_refused() throws Exception {
    WitnessingOptions o = WitnessingOptions.of(policy(" http://127.0.0.1:3"));

    assertThatThrownBy(() -> o.withRetry(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retry maximum must be in retryMin..10 min, got 1000 ms");
  }
}
