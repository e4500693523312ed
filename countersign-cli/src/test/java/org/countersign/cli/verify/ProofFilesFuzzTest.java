package org.countersign.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;

/**
 * Fuzzes the proof files a user hands to {@code proof verify}: receipts ({@code .tlog-proof}) and
 * files of proof hashes. A plain build runs the committed inputs under {@code
 * src/test/resources/org/countersign/cli/verify/ProofFilesFuzzTestInputs/<target>/}; {@code
 * JAZZER_FUZZ=1 ./mvnw -pl countersign-cli test -Dtest=ProofFilesFuzzTest#receipt} fuzzes one
 * target (docs/security.md). The only refusal allowed is {@link MalformedInputException}.
 */
class ProofFilesFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void receipt(byte[] input) throws MalformedInputException {
    TlogProof proof;
    try {
      proof = TlogProof.parse(input);
    } catch (MalformedInputException expected) {
      return;
    }
    // A receipt has one spelling: what parses is written back byte for byte.
    assertThat(proof.format().getBytes(StandardCharsets.UTF_8)).isEqualTo(input);
    assertThat(TlogProof.parse(proof.format())).isEqualTo(proof);
  }

  @FuzzTest(maxDuration = "60s")
  void proofHashes(byte[] input) {
    try {
      List<Hash> hashes = ProofHashes.parse(input);
      assertThat(hashes.size()).isLessThanOrEqualTo(ProofHashes.MAX_HASHES);
    } catch (MalformedInputException expected) {
      // refused, naming the line
    }
  }
}
