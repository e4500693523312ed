package org.countersign.treaty.statement;

/**
 * Statements about inspections: the request, the two sides' commitments to and reveals of their
 * random values for the joint draw, and the inspection report.
 *
 * <p>The kind of each record is the value of its {@link StatementKind} annotation; the default
 * {@link #kind()} reads it so the two can never disagree.
 */
public sealed interface InspectionStatement extends Statement
    permits InspectionRequest, RandomnessCommit, RandomnessReveal, InspectionReport {

  @Override
  default String kind() {
    return getClass().getAnnotation(StatementKind.class).value();
  }
}
