/**
 * Published estimates of the parties' strategic forces: the force-posture data file ({@code
 * data/force-posture.yaml} on the class path) and its immutable model.
 *
 * <p>Every figure says where it comes from: a published {@link
 * org.countersign.treaty.forces.Provenance.Sourced source} with its year, an explicit {@link
 * org.countersign.treaty.forces.Provenance.Assumption assumption} of Countersign's, or {@link
 * org.countersign.treaty.forces.Provenance.Unknown unknown}. The loader refuses a figure that is
 * none of these, so no number can enter an analysis without its provenance. Categories are the
 * treaty files' category ids, so a proposal's counting rules apply to these systems.
 */
@NullMarked
package org.countersign.treaty.forces;

import org.jspecify.annotations.NullMarked;
