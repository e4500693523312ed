package org.countersign.cli.verify;

/** Told how far an audit has come; the command shows it, tests ignore it. */
@FunctionalInterface
public interface AuditProgress {
  /** Reports that {@code done} of {@code total} entries are checked. Called often: be cheap. */
  void entries(long done, long total);

  /** Reports the step the audit starts, for a log of {@code total} entries. */
  default void step(String what, long total) {}

  /** A listener that shows nothing. */
  static AuditProgress silent() {
    return (done, total) -> {};
  }
}
