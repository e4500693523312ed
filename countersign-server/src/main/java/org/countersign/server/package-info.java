/** Countersign server module. */
@NullMarked
package org.countersign.server;

import org.jspecify.annotations.NullMarked;
