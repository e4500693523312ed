package org.countersign.witness.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.merkle.NodeId;
import org.countersign.testing.TestKeys;
import org.countersign.testing.TestLog;
import org.countersign.witness.evidence.EvidenceException.Reason;
import org.countersign.witness.evidence.SplitViewFinding.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvidenceVerifierTest {
  private final TestLog log = TestLog.main().growTo(64);
  private final TestLog fork = TestLog.forkAfter(3).growTo(64);

  private SplitViewEvidence evidence(String first, String second, List<Hash> proof) {
    return new SplitViewEvidence(log.verifierKey().encode(), first, second, proof);
  }

  @Test
  void format_parse_roundTripsByteForByte() throws Exception {
    SplitViewEvidence e =
        evidence(log.signedCheckpoint(5), fork.signedCheckpoint(9), fork.proof(5, 9));
    byte[] file = e.format();
    assertThat(SplitViewEvidence.parse(file)).isEqualTo(e);
    assertThat(SplitViewEvidence.parse(file).format()).isEqualTo(file);
    assertThat(new String(file, StandardCharsets.UTF_8))
        .startsWith("countersign/split-view-evidence/v1\nlog " + log.verifierKey() + "\nfirst ");
  }

  @Test
  void verify_sameSizeDifferentRoots_isConclusive() throws Exception {
    SplitViewFinding f =
        EvidenceVerifier.verify(
            evidence(log.signedCheckpoint(5), fork.signedCheckpoint(5), List.of()));
    assertThat(f.kind()).isEqualTo(Kind.SAME_SIZE_DIFFERENT_ROOTS);
    assertThat(f.explanation()).contains("split view");
  }

  @Test
  void verify_proofReproducingNewerRootWithOtherPrefix_isConclusive() throws Exception {
    SplitViewFinding f =
        EvidenceVerifier.verify(
            evidence(log.signedCheckpoint(5), fork.signedCheckpoint(9), fork.proof(5, 9)),
            log.verifierKey());
    assertThat(f.kind()).isEqualTo(Kind.PREFIX_MISMATCH);
    assertThat(f.first().size()).isEqualTo(5);
    assertThat(f.second().size()).isEqualTo(9);
  }

  @Test
  void verify_powerOfTwoOlderSizeWithSeededProof_isConclusive() throws Exception {
    List<Hash> seeded = new ArrayList<>();
    seeded.add(fork.tree().node(new NodeId(2, 0))); // the [0, 4) node of the fork's tree
    seeded.addAll(fork.proof(4, 9));
    SplitViewFinding f =
        EvidenceVerifier.verify(
            evidence(log.signedCheckpoint(4), fork.signedCheckpoint(9), seeded));
    assertThat(f.kind()).isEqualTo(Kind.PREFIX_MISMATCH);
  }

  @Test
  void verify_powerOfTwoOlderSizeWithPlainProof_isInconclusiveAndSaysWhy() {
    assertThatThrownBy(
            () ->
                EvidenceVerifier.verify(
                    evidence(log.signedCheckpoint(4), fork.signedCheckpoint(9), fork.proof(4, 9))))
        .isInstanceOfSatisfying(
            EvidenceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INCONCLUSIVE))
        .hasMessageContaining("power of two");
  }

  @Test
  void verify_failingProofThatReproducesNothing_isInconclusive() {
    assertThatThrownBy(
            () ->
                EvidenceVerifier.verify(
                    evidence(log.signedCheckpoint(5), log.signedCheckpoint(9), fork.proof(5, 9))))
        .isInstanceOfSatisfying(
            EvidenceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INCONCLUSIVE))
        .hasMessageContaining("proves nothing");
  }

  @Test
  void verify_consistentCheckpoints_areNotAConflict() {
    assertThatThrownBy(
            () ->
                EvidenceVerifier.verify(
                    evidence(log.signedCheckpoint(5), log.signedCheckpoint(9), log.proof(5, 9))))
        .isInstanceOfSatisfying(
            EvidenceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_CONFLICT));
    assertThatThrownBy(
            () ->
                EvidenceVerifier.verify(
                    evidence(log.signedCheckpoint(5), log.signedCheckpoint(5), List.of())))
        .isInstanceOfSatisfying(
            EvidenceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_CONFLICT));
  }

  @Test
  void verify_falseEmptyRoot_isConclusive() throws Exception {
    String empty = new Checkpoint(log.origin(), 0, log.root(1)).sign(log.key());
    assertThat(EvidenceVerifier.verify(evidence(empty, log.signedCheckpoint(9), List.of())).kind())
        .isEqualTo(Kind.FALSE_EMPTY_ROOT);
  }

  @Test
  void verify_firstLargerThanSecond_isMalformed() {
    assertThatThrownBy(
            () ->
                EvidenceVerifier.verify(
                    evidence(fork.signedCheckpoint(9), log.signedCheckpoint(5), List.of())))
        .isInstanceOfSatisfying(
            EvidenceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
  }

  @Test
  void verify_otherTrustedKey_isWrongLog() {
    assertThatThrownBy(
            () ->
                EvidenceVerifier.verify(
                    evidence(log.signedCheckpoint(5), fork.signedCheckpoint(5), List.of()),
                    TestKeys.signer("other.example/log").publicKey()))
        .isInstanceOfSatisfying(
            EvidenceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_LOG));
  }

  @Test
  void verify_checkpointSignedByAnotherKey_isBadSignature() {
    TestLog impostor =
        new TestLog(TestKeys.signer(log.origin(), "impostor"), "forked leaf").growTo(5);
    assertThatThrownBy(
            () ->
                EvidenceVerifier.verify(
                    evidence(log.signedCheckpoint(5), impostor.signedCheckpoint(5), List.of())))
        .isInstanceOfSatisfying(
            EvidenceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  /** Every single-byte change to a conclusive file must make it fail to verify or change kind. */
  @Test
  void verify_anyFlippedByte_isRejected() throws Exception {
    byte[] file = evidence(log.signedCheckpoint(5), fork.signedCheckpoint(5), List.of()).format();
    int rejected = 0;
    for (int i = 0; i < file.length; i++) {
      byte[] t = file.clone();
      t[i] ^= 0x01;
      try {
        EvidenceVerifier.verify(t, Optional.of(log.verifierKey()));
      } catch (EvidenceException e) {
        rejected++;
        continue;
      }
      throw new AssertionError("flipped byte " + i + " still verifies");
    }
    assertThat(rejected).isEqualTo(file.length);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "countersign/split-view-evidence/v2\n",
        "countersign/split-view-evidence/v1\nlog x\nfirst 5\nabc",
        "countersign/split-view-evidence/v1\nlog x\nfirst 05\n",
        "countersign/split-view-evidence/v1\nlog x\nfirst 999999999\n",
        "countersign/split-view-evidence/v1\nlog x\nfirst 2\na\nsecond 2\nb\nproof 65\n",
        "countersign/split-view-evidence/v1\nlog x\nfirst 2\na\nsecond 2\nb\nproof 0\ntrailing\n",
        "countersign/split-view-evidence/v1\nlog x\nfirst 2\na\nsecond 2\nb\nproof 1\nAAAA\n",
        "countersign/split-view-evidence/v1\nlog x\nfirst 1\na",
      })
  void parse_malformedFile_throws(String file) {
    assertThatThrownBy(() -> SplitViewEvidence.parse(file.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedInputException.class);
  }

  @Test
  void parse_oversizedFile_throws() {
    byte[] big = new byte[SplitViewEvidence.MAX_BYTES + 1];
    assertThatThrownBy(() -> SplitViewEvidence.parse(big))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("more than");
  }
}
