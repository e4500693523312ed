package org.countersign.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.countersign.log.MalformedInputException;
import org.countersign.witness.policy.CosignedCheckpoint;
import org.countersign.witness.policy.PolicyException;
import org.countersign.witness.policy.WitnessPolicy;

/** The {@code --witness-policy FILE} option shared by the commands that accept a checkpoint. */
final class WitnessPolicies {
  /** Cap on a policy file: 256 entries of a few hundred bytes. */
  static final int MAX_POLICY_BYTES = 256 * 1024;

  private WitnessPolicies() {}

  /**
   * Reads a C2SP tlog-policy file.
   *
   * @throws CommandFailure (usage) naming the file and the problem
   */
  static WitnessPolicy read(Path file) throws IOException {
    try {
      return WitnessPolicy.parse(InputFiles.read(file, MAX_POLICY_BYTES, "witness policy"));
    } catch (MalformedInputException e) {
      throw CommandFailure.usage("witness policy " + file + ": " + e.getMessage());
    }
  }

  /**
   * Requires {@code note} to satisfy {@code policy}.
   *
   * @return a one-line description of who cosigned
   * @throws CommandFailure (verification) with the policy's reason and the witnesses missing
   */
  static String require(WitnessPolicy policy, String note) {
    CosignedCheckpoint c;
    try {
      c = policy.satisfiedBy(note);
    } catch (PolicyException e) {
      throw CommandFailure.verification(
          "the checkpoint does not satisfy the witness policy: "
              + e.getMessage()
              + (e.missing().isEmpty()
                  ? ""
                  : " (missing: " + String.join(", ", e.missing()) + ")"));
    }
    return "witness policy satisfied: cosigned by " + String.join(", ", c.cosignatures().keySet());
  }
}
