/** Countersign treaty module. */
@NullMarked
package org.countersign.treaty;

import org.jspecify.annotations.NullMarked;
