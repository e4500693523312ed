package org.countersign.witness.client;

import java.util.List;
import java.util.Map;

/**
 * Cosignatures were collected but the policy's quorum was not met: the checkpoint MUST NOT be
 * published as witnessed. Says which witnesses cosigned and why each other one did not.
 */
public final class QuorumException extends Exception {
  private final List<String> cosigned;
  private final Map<String, WitnessException> failures;

  QuorumException(String message, List<String> cosigned, Map<String, WitnessException> failures) {
    super(message);
    this.cosigned = List.copyOf(cosigned);
    this.failures = Map.copyOf(failures);
  }

  /** Policy names of the witnesses whose cosignature verified. */
  public List<String> cosigned() {
    return cosigned;
  }

  /** For each witness that did not cosign, by policy name, why. */
  public Map<String, WitnessException> failures() {
    return failures;
  }
}
