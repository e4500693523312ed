package org.countersign.treaty.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.countersign.treaty.inspection.InspectionFixtures.RU;
import static org.countersign.treaty.inspection.InspectionFixtures.T0;
import static org.countersign.treaty.inspection.InspectionFixtures.TREATY;
import static org.countersign.treaty.inspection.InspectionFixtures.US;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.countersign.log.Hash;
import org.countersign.treaty.inspection.InspectionException.Reason;
import org.countersign.treaty.statement.InspectionRequest;
import org.countersign.treaty.statement.RandomnessCommit;
import org.countersign.treaty.statement.RandomnessReveal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JointDrawTest {
  private static final InspectionRequest REQUEST =
      InspectionFixtures.request("req-2026-01", "type-one", 16);
  private static final Instant COMMIT = T0.plusSeconds(60);
  private static final Instant REVEAL = T0.plusSeconds(3 * 3600);
  private static final Instant AFTER = T0.plusSeconds(5 * 3600);

  static Stream<Long> seeds() {
    return LongStream.rangeClosed(1, 20).boxed();
  }

  private static JointDraw committed(byte[] us, byte[] ru) throws InspectionException {
    var draw = new JointDraw(REQUEST);
    draw.commit(RandomnessCommitments.commit(TREATY, US, COMMIT, REQUEST.requestId(), us));
    draw.commit(RandomnessCommitments.commit(TREATY, RU, COMMIT, REQUEST.requestId(), ru));
    return draw;
  }

  private static RandomnessReveal reveal(String side, byte[] value) {
    return RandomnessCommitments.reveal(TREATY, side, REVEAL, REQUEST.requestId(), value);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void outcome_bothRevealed_drawnAndReproducibleFromPublicStatements(long seed) throws Exception {
    var rng = new SplittableRandom(seed);
    byte[] us = RandomnessCommitments.newValue(rng);
    byte[] ru = RandomnessCommitments.newValue(rng);
    JointDraw draw = committed(us, ru);
    RandomnessReveal ruReveal = reveal(RU, ru);
    RandomnessReveal usReveal = reveal(US, us);
    draw.reveal(ruReveal); // arrival order does not matter
    draw.reveal(usReveal);
    var outcome = (DrawOutcome.Drawn) draw.outcome(REVEAL, ForfeitRule.REVEALED_VALUES_DECIDE);
    assertThat(outcome.delays()).isEmpty();
    assertThat(outcome.positions()).hasSize(1);
    // An observer with only the logged request and reveals recomputes the same draw.
    var hex = HexFormat.of();
    Hash observed =
        JointDraw.seed(REQUEST, hex.parseHex(usReveal.value()), hex.parseHex(ruReveal.value()));
    assertThat(observed).isEqualTo(outcome.seed());
    assertThat(JointDraw.positions(REQUEST, observed)).containsExactly(outcome.positions().get(0));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void seed_changesIfEitherRevealOrTheCheckpointChanges(long seed) {
    var rng = new SplittableRandom(seed);
    byte[] us = RandomnessCommitments.newValue(rng);
    byte[] ru = RandomnessCommitments.newValue(rng);
    Hash base = JointDraw.seed(REQUEST, us, ru);
    byte[] us2 = us.clone();
    us2[rng.nextInt(32)] ^= (byte) (1 << rng.nextInt(8));
    byte[] ru2 = ru.clone();
    ru2[rng.nextInt(32)] ^= (byte) (1 << rng.nextInt(8));
    assertThat(JointDraw.seed(REQUEST, us2, ru)).isNotEqualTo(base);
    assertThat(JointDraw.seed(REQUEST, us, ru2)).isNotEqualTo(base);
    assertThat(JointDraw.seed(REQUEST, ru, us))
        .isNotEqualTo(base); // roles, not values, fix the order
    var otherCheckpoint =
        new InspectionRequest(
            REQUEST.treaty(),
            REQUEST.author(),
            REQUEST.issuedAt(),
            REQUEST.requestId(),
            REQUEST.inspectionType(),
            REQUEST.treatyYear(),
            REQUEST.inspectedParty(),
            REQUEST.site(),
            new org.countersign.treaty.statement.InspectionCheckpoint(
                REQUEST.checkpoint().origin(),
                REQUEST.checkpoint().size() + 1,
                REQUEST.checkpoint().root()),
            REQUEST.population(),
            REQUEST.populationSize(),
            REQUEST.sampleSize(),
            REQUEST.commitBy(),
            REQUEST.revealBy());
    assertThat(JointDraw.seed(otherCheckpoint, us, ru)).isNotEqualTo(base);
    assertThat(JointDraw.seed(REQUEST, us, null))
        .isNotEqualTo(base)
        .isNotEqualTo(JointDraw.seed(REQUEST, null, ru));
  }

  @Test
  void reveal_second_refused() throws Exception {
    byte[] us = new byte[32];
    byte[] ru = new byte[32];
    ru[0] = 1;
    JointDraw draw = committed(us, ru);
    draw.reveal(reveal(US, us));
    assertThatThrownBy(() -> draw.reveal(reveal(US, us)))
        .isInstanceOfSatisfying(
            InspectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SECOND_REVEAL))
        .hasMessage(
            "united-states already revealed its random value for request req-2026-01; a second reveal is refused");
  }

  @Test
  void reveal_notMatchingCommitment_refusedAndChangesNothing() throws Exception {
    byte[] us = new byte[32];
    byte[] ru = new byte[32];
    ru[0] = 1;
    JointDraw draw = committed(us, ru);
    byte[] other = us.clone();
    other[31] = 9;
    assertThatThrownBy(() -> draw.reveal(reveal(US, other)))
        .isInstanceOfSatisfying(
            InspectionException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.REVEAL_MISMATCH))
        .hasMessageStartingWith(
            "the value united-states reveals for request req-2026-01 hashes to ");
    draw.reveal(reveal(US, us)); // the true value is still accepted afterwards
    draw.reveal(reveal(RU, ru));
    assertThat(draw.outcome(REVEAL, ForfeitRule.REVEALED_VALUES_DECIDE))
        .isInstanceOf(DrawOutcome.Drawn.class);
  }

  @Test
  void reveal_copiedCommitmentOfOtherSide_neverMatches() throws Exception {
    // Russia copies the US commitment hoping to reveal the US value later: the author is bound in.
    byte[] us = new byte[32];
    var draw = new JointDraw(REQUEST);
    RandomnessCommit usCommit =
        RandomnessCommitments.commit(TREATY, US, COMMIT, REQUEST.requestId(), us);
    draw.commit(usCommit);
    draw.commit(
        new RandomnessCommit(TREATY, RU, COMMIT, REQUEST.requestId(), usCommit.commitment()));
    draw.reveal(reveal(US, us));
    assertThatThrownBy(() -> draw.reveal(reveal(RU, us)))
        .isInstanceOfSatisfying(
            InspectionException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.REVEAL_MISMATCH));
  }

  @Test
  void reveal_beforeOtherSideCommitted_refusedAsTooEarly() throws Exception {
    var draw = new JointDraw(REQUEST);
    byte[] us = new byte[32];
    draw.commit(RandomnessCommitments.commit(TREATY, US, COMMIT, REQUEST.requestId(), us));
    assertThatThrownBy(
            () ->
                draw.reveal(
                    RandomnessCommitments.reveal(
                        TREATY, US, COMMIT.plusSeconds(1), REQUEST.requestId(), us)))
        .isInstanceOfSatisfying(
            InspectionException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.REVEAL_TOO_EARLY))
        .hasMessage(
            "united-states reveals at 2026-05-04T09:01:01Z before russia has committed (commit deadline"
                + " 2026-05-04T11:00:00Z) for request req-2026-01");
  }

  @Test
  void statements_badlyAddressedOrLate_refusedPrecisely() throws Exception {
    var draw = new JointDraw(REQUEST);
    byte[] v = new byte[32];
    assertThatThrownBy(
            () ->
                draw.commit(
                    RandomnessCommitments.commit(TREATY, "china", COMMIT, REQUEST.requestId(), v)))
        .isInstanceOfSatisfying(
            InspectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_SIDE))
        .hasMessage("china is neither side of request req-2026-01 (united-states inspects russia)");
    assertThatThrownBy(
            () -> draw.commit(RandomnessCommitments.commit(TREATY, US, COMMIT, "req-other", v)))
        .isInstanceOfSatisfying(
            InspectionException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_REQUEST));
    assertThatThrownBy(
            () ->
                draw.commit(
                    RandomnessCommitments.commit(TREATY, US, REVEAL, REQUEST.requestId(), v)))
        .isInstanceOfSatisfying(
            InspectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LATE))
        .hasMessage(
            "united-states committed at 2026-05-04T12:00:00Z for request req-2026-01, after the commit"
                + " deadline 2026-05-04T11:00:00Z");
    assertThatThrownBy(() -> draw.reveal(reveal(US, v)))
        .isInstanceOfSatisfying(
            InspectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_COMMITMENT));
    draw.commit(RandomnessCommitments.commit(TREATY, US, COMMIT, REQUEST.requestId(), v));
    assertThatThrownBy(
            () ->
                draw.commit(
                    RandomnessCommitments.commit(TREATY, US, COMMIT, REQUEST.requestId(), v)))
        .isInstanceOfSatisfying(
            InspectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SECOND_COMMIT));
    draw.commit(RandomnessCommitments.commit(TREATY, RU, COMMIT, REQUEST.requestId(), v));
    assertThatThrownBy(
            () ->
                draw.reveal(
                    RandomnessCommitments.reveal(TREATY, US, AFTER, REQUEST.requestId(), v)))
        .isInstanceOfSatisfying(
            InspectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LATE));
  }

  @Test
  void outcome_inspectedPartyWithholdsReveal_forfeitsAndIsReported() throws Exception {
    byte[] us = new byte[32];
    byte[] ru = new byte[32];
    ru[5] = 3;
    JointDraw draw = committed(us, ru);
    draw.reveal(reveal(US, us));
    assertThat(draw.outcome(REVEAL, ForfeitRule.REVEALED_VALUES_DECIDE))
        .isInstanceOf(DrawOutcome.Pending.class);
    var delays = List.of(new Delay(RU, Delay.Step.REVEAL));
    var decided = (DrawOutcome.Drawn) draw.outcome(AFTER, ForfeitRule.REVEALED_VALUES_DECIDE);
    assertThat(decided.delays()).isEqualTo(delays);
    assertThat(decided.seed()).isEqualTo(JointDraw.seed(REQUEST, us, null));
    assertThat(draw.outcome(AFTER, ForfeitRule.INSPECTING_PARTY_CHOOSES))
        .isEqualTo(new DrawOutcome.InspectingPartyChooses(delays));
  }

  @Test
  void outcome_inspectingPartyNeverCommits_lapsesUnderInspectingPartyChooses() throws Exception {
    var draw = new JointDraw(REQUEST);
    byte[] ru = new byte[32];
    draw.commit(RandomnessCommitments.commit(TREATY, RU, COMMIT, REQUEST.requestId(), ru));
    // After the commit deadline Russia may reveal: the US can no longer choose a value.
    draw.reveal(RandomnessCommitments.reveal(TREATY, RU, REVEAL, REQUEST.requestId(), ru));
    var delays = List.of(new Delay(US, Delay.Step.COMMIT));
    assertThat(draw.outcome(REVEAL, ForfeitRule.INSPECTING_PARTY_CHOOSES))
        .isEqualTo(new DrawOutcome.Pending(delays));
    assertThat(draw.outcome(AFTER, ForfeitRule.INSPECTING_PARTY_CHOOSES))
        .isEqualTo(new DrawOutcome.Lapsed(delays));
    assertThat(((DrawOutcome.Drawn) draw.outcome(AFTER, ForfeitRule.REVEALED_VALUES_DECIDE)).seed())
        .isEqualTo(JointDraw.seed(REQUEST, null, ru));
  }

  @Test
  void forfeitRule_treatyNames_roundTripAndUnknownRefused() {
    for (ForfeitRule r : ForfeitRule.values()) {
      assertThat(ForfeitRule.fromTreatyName(r.treatyName())).isEqualTo(r);
    }
    assertThat(ForfeitRule.REVEALED_VALUES_DECIDE.treatyName()).isEqualTo("revealed-values-decide");
    assertThatThrownBy(() -> ForfeitRule.fromTreatyName("coin-toss"))
        .hasMessage(
            "unknown forfeit rule \"coin-toss\"; known: [revealed-values-decide, inspecting-party-chooses]");
  }
}
