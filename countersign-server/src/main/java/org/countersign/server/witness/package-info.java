/**
 * Witness cosigning in the log server: a checkpoint reaches {@code /checkpoint} only once a quorum
 * of the configured witnesses (a C2SP tlog-policy) has cosigned it.
 *
 * <p>{@link org.countersign.server.witness.QuorumPublisher} is the sequencer's {@code
 * CheckpointPublisher}; {@link org.countersign.server.witness.WitnessingStatus} and {@link
 * org.countersign.server.witness.WitnessMetrics} make a missed quorum visible; {@link
 * org.countersign.server.witness.InsecureForkForTests} makes the log misbehave on purpose, for
 * tests only. See {@code docs/witnessing.md}.
 */
@NullMarked
package org.countersign.server.witness;

import org.jspecify.annotations.NullMarked;
