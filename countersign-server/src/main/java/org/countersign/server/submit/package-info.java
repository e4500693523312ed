/**
 * Admission of submitted statements: the checks that run before anything is written, the refusal
 * codes, and the party key registry with its trust model ({@link
 * org.countersign.server.submit.KeyRegistry}).
 */
@NullMarked
package org.countersign.server.submit;

import org.jspecify.annotations.NullMarked;
