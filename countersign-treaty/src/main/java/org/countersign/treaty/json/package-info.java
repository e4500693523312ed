/**
 * Canonical JSON (RFC 8785, integers only) and the strict mapping between statement records and
 * JSON trees that the statement codec and the compliance report are built on.
 */
@NullMarked
package org.countersign.treaty.json;

import org.jspecify.annotations.NullMarked;
