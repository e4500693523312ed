/**
 * Load generators for witnessing (run by {@code bench/run-witness-load.sh}; results in the
 * "Witnesses" section of {@code docs/benchmarks.md}): {@link
 * org.countersign.bench.witness.AddCheckpointLoad} drives one witness's {@code add-checkpoint} with
 * chains of checkpoints from many logs, and {@link org.countersign.bench.witness.CosignLatency}
 * times a log server from submission to a quorum-cosigned checkpoint.
 */
@NullMarked
package org.countersign.bench.witness;

import org.jspecify.annotations.NullMarked;
