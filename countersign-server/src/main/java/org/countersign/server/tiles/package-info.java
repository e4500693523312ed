/**
 * The C2SP tlog-tiles read side: hash tiles and entry bundles from the store, with caching of the
 * immutable full tiles.
 */
@NullMarked
package org.countersign.server.tiles;

import org.jspecify.annotations.NullMarked;
