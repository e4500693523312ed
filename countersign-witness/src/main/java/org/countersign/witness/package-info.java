/**
 * Witnesses (C2SP tlog-witness v1.0.0): a witness cosigns a checkpoint only if it is consistent
 * with every checkpoint of that log it cosigned before; logs collect cosignatures until a quorum
 * policy (C2SP tlog-policy) is met; conflicting checkpoints become self-contained evidence.
 */
@NullMarked
package org.countersign.witness;

import org.jspecify.annotations.NullMarked;
