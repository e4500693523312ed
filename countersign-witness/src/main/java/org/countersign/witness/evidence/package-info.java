/**
 * Split-view evidence: a self-contained file holding two signed checkpoints of one log (and the
 * proof that was presented), and an offline verifier that says exactly what the file proves.
 */
@NullMarked
package org.countersign.witness.evidence;

import org.jspecify.annotations.NullMarked;
