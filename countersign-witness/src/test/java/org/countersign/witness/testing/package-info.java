/** Test fixtures for the witness module: deterministic keys and logs. */
@NullMarked
package org.countersign.witness.testing;

import org.jspecify.annotations.NullMarked;
