/** Countersign cli module. */
@NullMarked
package org.countersign.cli;

import org.jspecify.annotations.NullMarked;
