/**
 * Inspections: quotas per type and treaty year ({@link QuotaLedger}), the joint random choice of
 * what to inspect ({@link JointDraw}, a commit-then-reveal protocol whose outcome anyone recomputes
 * from public statements), the uniform sampler behind every draw ({@link UniformSample}), and the
 * exact probability that an inspection plan catches hidden violations ({@link
 * DetectionProbability}).
 *
 * <p>Everything here is a pure function of its inputs: no I/O, the time passed in, randomness only
 * where a party makes its own secret value ({@link RandomnessCommitments#newValue}).
 *
 * <p>Protocol and mathematics: {@code docs/escrow-and-inspections.md}.
 */
@NullMarked
package org.countersign.treaty.inspection;

import org.jspecify.annotations.NullMarked;
