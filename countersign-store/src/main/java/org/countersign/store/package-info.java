/** Countersign store module. */
@NullMarked
package org.countersign.store;

import org.jspecify.annotations.NullMarked;
