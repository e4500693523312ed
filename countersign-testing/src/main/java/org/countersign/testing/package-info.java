/** Test fixtures shared by every module: vectors, a fake clock, test keys, contract suites. */
@NullMarked
package org.countersign.testing;

import org.jspecify.annotations.NullMarked;
