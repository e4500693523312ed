/** Operations: Prometheus metrics and health. */
@NullMarked
package org.countersign.server.ops;

import org.jspecify.annotations.NullMarked;
