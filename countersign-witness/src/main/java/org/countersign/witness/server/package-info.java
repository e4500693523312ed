/**
 * The witness server: C2SP tlog-witness v1.0.0 {@code add-checkpoint} over HTTP, durable state that
 * never rolls back, and a record of the split-view evidence it meets.
 *
 * <p>The order of checks and the status codes follow the spec; see {@link
 * org.countersign.witness.server.Witness} for the decision and {@link
 * org.countersign.witness.server.WitnessStore} for the argument that a crash at any point cannot
 * make the witness cosign two inconsistent checkpoints of one log.
 */
@NullMarked
package org.countersign.witness.server;

import org.jspecify.annotations.NullMarked;
