package org.countersign.witness.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.countersign.log.MalformedInputException;
import org.countersign.witness.evidence.EvidenceException;
import org.countersign.witness.evidence.EvidenceVerifier;
import org.countersign.witness.evidence.SplitViewEvidence;
import org.countersign.witness.policy.WitnessPolicy;
import org.countersign.witness.server.AddCheckpointRequest;

/**
 * Fuzz tests of the witness module's parsers of outside input: witness policy files, split-view
 * evidence files (and their verifier, which anyone may be handed a forged file to run), and
 * tlog-witness add-checkpoint request bodies.
 *
 * <p>A plain build runs each target on the inputs committed under {@code
 * src/test/resources/org/countersign/witness/fuzz/WitnessParsersFuzzTestInputs/<target>/}; {@code
 * JAZZER_FUZZ=1 ./mvnw -pl countersign-witness test -Dtest=WitnessParsersFuzzTest#evidence} fuzzes
 * one (docs/security.md).
 */
class WitnessParsersFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void policy(byte[] input) {
    try {
      WitnessPolicy.parse(input);
    } catch (MalformedInputException expected) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "60s")
  void evidence(byte[] input) {
    SplitViewEvidence e;
    try {
      e = SplitViewEvidence.parse(input);
    } catch (MalformedInputException expected) {
      return;
    }
    // The file format is canonical: what parses formats back to the same bytes.
    assertThat(e.format()).isEqualTo(input);
    try {
      EvidenceVerifier.verify(e);
    } catch (EvidenceException expected) {
      // not conclusive, with the reason
    }
  }

  @FuzzTest(maxDuration = "60s")
  void addCheckpointRequest(byte[] input) {
    try {
      AddCheckpointRequest r = AddCheckpointRequest.parse(input);
      assertThat(r.oldSize()).isNotNegative();
      assertThat(r.proof().size()).isLessThanOrEqualTo(63);
    } catch (MalformedInputException expected) {
      // refused
    }
  }
}
