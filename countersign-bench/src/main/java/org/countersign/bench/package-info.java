/** Countersign bench module. */
@NullMarked
package org.countersign.bench;

import org.jspecify.annotations.NullMarked;
