package org.countersign.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.countersign.witness.policy.CosignedCheckpoint;
import org.countersign.witness.policy.PolicyException;
import org.countersign.witness.policy.WitnessPolicy;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options {@code --witness-policy FILE} and {@code --accept-unwitnessed}, mixed into every
 * command that accepts a log's checkpoint ({@code @Mixin WitnessPolicyOptions witnesses;}).
 *
 * <p>Contract: with a policy, {@link #check} refuses (exit status 1) a checkpoint that does not
 * meet it: not signed by a log of the policy, a known key's signature that fails, or too few
 * witness cosignatures for the quorum. Only {@code --accept-unwitnessed} turns the refusal into a
 * loud warning on stderr; its name says what it does, so that it is easy to find in scripts.
 * Without a policy nothing is refused, and {@link #check} says so in its summary ({@link
 * #NOT_CHECKED}), which commands print, so that nobody mistakes a log-signed checkpoint for a
 * witnessed one.
 *
 * <p>Why it matters: a log's signature alone cannot show that other parties see the same history.
 * Only independent witnesses that each cosign just one history per log can.
 */
final class WitnessPolicyOptions {
  @Option(
      names = "--witness-policy",
      paramLabel = "FILE",
      description =
          "C2SP tlog-policy file: refuse a checkpoint unless the witnesses of its quorum cosigned it")
  @Nullable Path policyFile;

  @Option(
      names = "--accept-unwitnessed",
      description =
          "DANGEROUS: accept a checkpoint that does not meet --witness-policy, with a warning;"
              + " the log may then be showing you a history the other parties do not see")
  boolean acceptUnwitnessed;

  private @Nullable WitnessPolicy policy;

  /** The summary of a check without a policy. */
  static final String NOT_CHECKED =
      "witness cosignatures NOT checked (no --witness-policy): the log's signature alone does not"
          + " show that other parties see the same log";

  /** Whether {@code --witness-policy} was given. */
  boolean given() {
    return policyFile != null;
  }

  /** The outcome of a check that did not refuse. */
  record Check(boolean witnessed, String summary) {}

  /**
   * Reads and parses the policy file, once.
   *
   * @throws CommandFailure (usage) for an unreadable or malformed policy, or {@code
   *     --accept-unwitnessed} without a policy (it would mean nothing)
   */
  Optional<WitnessPolicy> policy() throws IOException {
    if (policyFile == null) {
      if (acceptUnwitnessed) {
        throw CommandFailure.usage(
            "--accept-unwitnessed needs --witness-policy (it accepts"
                + " checkpoints that do not meet that policy)");
      }
      return Optional.empty();
    }
    if (policy == null) {
      policy = WitnessPolicies.read(policyFile);
    }
    return Optional.of(policy);
  }

  /**
   * Requires {@code signedCheckpoint} to meet the policy, or accepts it with a loud warning under
   * {@code --accept-unwitnessed}.
   *
   * @param what what the checkpoint is, for messages ("the server's checkpoint", "the receipt's
   *     checkpoint")
   * @param err where the warning of {@code --accept-unwitnessed} goes
   * @return whether it was witnessed, and one line saying by whom or why not
   * @throws CommandFailure (verification) if it does not meet the policy and the flag is absent
   */
  Check check(String signedCheckpoint, String what, PrintWriter err) throws IOException {
    Optional<WitnessPolicy> p = policy();
    if (p.isEmpty()) {
      return new Check(false, NOT_CHECKED);
    }
    try {
      CosignedCheckpoint c = p.get().satisfiedBy(signedCheckpoint);
      return new Check(
          true,
          "witness policy satisfied: cosigned by " + String.join(", ", c.cosignatures().keySet()));
    } catch (PolicyException e) {
      String why = e.getMessage(); // names who cosigned and who is missing
      if (!acceptUnwitnessed) {
        throw CommandFailure.verification(
            what
                + " does not satisfy the witness policy "
                + policyFile
                + ": "
                + why
                + "; refusing it (--accept-unwitnessed would accept it, dangerously)");
      }
      err.println("countersign: WARNING: ******************************************************");
      err.println(
          "countersign: WARNING: ACCEPTING AN UNWITNESSED CHECKPOINT (--accept-unwitnessed)");
      err.println("countersign: WARNING: " + what + " does not satisfy the witness policy: " + why);
      err.println("countersign: WARNING: nothing shows that the other parties see this same log:");
      err.println("countersign: WARNING: it may be a forked history shown only to you.");
      err.println("countersign: WARNING: ******************************************************");
      err.flush();
      return new Check(false, "NOT WITNESSED (accepted with --accept-unwitnessed): " + why);
    }
  }
}
