/**
 * A load generator for the log server's submission path: {@link
 * org.countersign.bench.load.SubmitLoad} registers party keys, signs a pool of statements before
 * the timed phase (so the client's signing cost is not measured), then drives {@code POST
 * /api/v1/statements} over many keep-alive connections and reports the sustained rate and the
 * submit-to-receipt latency percentiles.
 *
 * <p>Not part of the product and not a test: {@code bench/run-server-load.sh} runs it against a
 * real server process and records the numbers in {@code docs/benchmarks.md}.
 */
@NullMarked
package org.countersign.bench.load;

import org.jspecify.annotations.NullMarked;
