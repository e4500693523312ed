/**
 * Benchmarks of the compliance replay at the scale issue 4 sets: a log of one million statements
 * (ten years of an intense New START regime, tens of thousands of items), replayed in full, then
 * queried at random dates. {@code bench/run-compliance-bench.sh} runs them and the footprint
 * measurement; the numbers are in {@code docs/benchmarks.md}, "Compliance replay".
 */
@NullMarked
package org.countersign.bench.compliance;

import org.jspecify.annotations.NullMarked;
