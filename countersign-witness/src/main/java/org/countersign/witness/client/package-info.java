/**
 * The log's side of witnessing: a tlog-witness HTTP client that recovers from a stale old size, and
 * a collector that asks every witness of a policy in parallel and returns a checkpoint only once
 * the quorum has cosigned it.
 */
@NullMarked
package org.countersign.witness.client;

import org.jspecify.annotations.NullMarked;
