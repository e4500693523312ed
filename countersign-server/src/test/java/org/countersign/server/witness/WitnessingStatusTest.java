package org.countersign.server.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.countersign.witness.client.WitnessException;
import org.countersign.witness.client.WitnessException.Kind;
import org.junit.jupiter.api.Test;

class WitnessingStatusTest {
  private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-26T12:00:00Z"));
  private final WitnessingStatus status =
      new WitnessingStatus(clock, "treaty", List.of("us", "ru", "cn", "neutral"), 4, true);

  private static WitnessException down(String name) {
    return new WitnessException(Kind.UNREACHABLE, name + ": cannot connect\nto it");
  }

  @Test
  void degradation_publishedWitnessed_none() {
    assertThat(status.degradation()).isEmpty();
    assertThat(status.details()).containsEntry("quorumMet", true);
  }

  @Test
  void degradation_quorumMissed_namesCheckpointAndEachFailingWitness() {
    status.committed(6);
    status.quorumMissed(
        6,
        List.of("us", "ru"),
        Map.of("cn", down("cn"), "neutral", down("neutral")),
        Duration.ofSeconds(1));

    assertThat(status.degradation())
        .hasValueSatisfying(
            d ->
                assertThat(d)
                    .startsWith(
                        "degraded: quorum not met: checkpoint size 6 is not published"
                            + " (published size 4)")
                    .contains("cosigned by [us, ru]")
                    .contains("cn (UNREACHABLE: cn: cannot connect to it)")
                    .contains("neutral (UNREACHABLE"));
    assertThat(status.failingWitnesses()).containsExactlyInAnyOrder("cn", "neutral");
    assertThat(status.details())
        .containsEntry("quorumMet", false)
        .containsEntry("integratedSize", 6L);
  }

  @Test
  void published_afterMissedQuorum_clearsTheDegradationButKeepsFailingWitnessesVisible() {
    status.quorumMissed(6, List.of("us"), Map.of("cn", down("cn")), Duration.ofSeconds(1));

    status.published(6, List.of("us", "ru", "neutral"), Map.of("cn", down("cn")));

    assertThat(status.degradation()).isEmpty();
    assertThat(status.publishedSize()).isEqualTo(6);
    assertThat(status.witnessUp("cn")).isFalse();
    assertThat(status.witnessUp("ru")).isTrue();
    assertThat(status.lastPublishedAt()).contains(clock.instant());
  }

  @Test
  void degradation_startedFromUnwitnessedCheckpoint_saysItIsNotCosignedYet() {
    WitnessingStatus fresh = new WitnessingStatus(clock, "treaty", List.of("us"), 0, false);

    assertThat(fresh.degradation())
        .hasValue(
            "degraded: quorum not met: the checkpoint served (size 0) is not cosigned by"
                + " quorum \"treaty\" yet");
  }
}
