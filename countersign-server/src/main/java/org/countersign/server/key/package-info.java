/** The log's own signing key in the data directory. */
@NullMarked
package org.countersign.server.key;

import org.jspecify.annotations.NullMarked;
