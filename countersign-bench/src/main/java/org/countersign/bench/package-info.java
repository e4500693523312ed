/**
 * JMH benchmarks of Countersign's hot paths: RFC 6962 hashing, Merkle roots, proofs, signed notes,
 * checkpoints and escrow declarations.
 *
 * <p>Benchmarks are not tests: nothing here runs in {@code ./mvnw verify}. {@code
 * bench/run-log-benchmarks.sh} builds {@code target/benchmarks.jar}, runs these classes next to
 * {@code openssl speed} on the same machine and writes {@code docs/benchmarks.md}'s raw numbers.
 * Every input is derived from a fixed seed, so two runs measure the same work.
 *
 * <p>Benchmark state fields are assigned in {@code @Setup} methods, which JMH runs before any
 * measured call.
 *
 * <p>Scores are per thread on one core: compare them with single-process {@code openssl speed},
 * which is single-threaded too.
 */
@NullMarked
package org.countersign.bench;

import org.jspecify.annotations.NullMarked;
