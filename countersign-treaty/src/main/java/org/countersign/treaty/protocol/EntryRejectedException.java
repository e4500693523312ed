package org.countersign.treaty.protocol;

import java.util.Objects;

/**
 * An entry that breaks a protocol rule: the {@link Violation} says which, the message says how, in
 * a sentence fit to show the submitter or an auditor.
 */
public final class EntryRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Violation violation;

  /** Rejects for {@code violation}; {@code reason} names the rule and the offending value. */
  public EntryRejectedException(Violation violation, String reason) {
    super(reason);
    this.violation = Objects.requireNonNull(violation, "violation");
  }

  /** As above, keeping the parser's or verifier's exception as the cause. */
  public EntryRejectedException(Violation violation, String reason, Throwable cause) {
    super(reason, cause);
    this.violation = Objects.requireNonNull(violation, "violation");
  }

  /** The rule broken. */
  public Violation violation() {
    return violation;
  }

  /** The human sentence. */
  public String reason() {
    String m = getMessage();
    return m == null ? violation.name() : m;
  }
}
