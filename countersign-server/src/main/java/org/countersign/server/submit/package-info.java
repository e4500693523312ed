/**
 * Admission of submitted statements: the checks that run before anything is written and the refusal
 * codes. The protocol rules they apply (the party key registry, the signing rule, entry decoding)
 * live in {@code org.countersign.treaty.protocol}, shared with every offline auditor.
 */
@NullMarked
package org.countersign.server.submit;

import org.jspecify.annotations.NullMarked;
