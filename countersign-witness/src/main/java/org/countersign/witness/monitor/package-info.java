/**
 * A monitor: follows a log's published checkpoint, checks each against a witness policy and against
 * the last one it saw (with proofs computed from the log's verified tiles), checks the new entries,
 * and turns any conflict into split-view evidence.
 */
@NullMarked
package org.countersign.witness.monitor;

import org.jspecify.annotations.NullMarked;
