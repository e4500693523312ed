package org.countersign.server.submit;

import java.util.Objects;
import org.countersign.treaty.protocol.EntryRejectedException;

/**
 * A submission the server will not log, with the {@link Refusal} that names why and a sentence for
 * people. Thrown before anything is written: a refused submission leaves no trace in the store.
 */
public final class SubmissionRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Refusal refusal;

  /** Refuses for {@code refusal}; {@code reason} is shown to the submitter verbatim. */
  public SubmissionRefusedException(Refusal refusal, String reason) {
    super(reason);
    this.refusal = Objects.requireNonNull(refusal, "refusal");
  }

  /** As above, keeping the parser's or verifier's exception for the server log. */
  public SubmissionRefusedException(Refusal refusal, String reason, Throwable cause) {
    super(reason, cause);
    this.refusal = Objects.requireNonNull(refusal, "refusal");
  }

  /** Refuses an entry that breaks a protocol rule, with the rule's refusal and sentence. */
  public SubmissionRefusedException(EntryRejectedException rejected) {
    this(Refusal.of(rejected.violation()), rejected.reason(), rejected);
  }

  /** Why the submission was refused. */
  public Refusal refusal() {
    return refusal;
  }

  /** The human sentence answered as {@code reason}. */
  public String reason() {
    String m = getMessage();
    return m == null ? refusal.code() : m;
  }
}
