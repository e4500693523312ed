/**
 * A local copy of a log's public read path ({@link org.countersign.cli.mirror.MirrorDirectory}), so
 * that an observer can keep the log and replay it without the server.
 */
@NullMarked
package org.countersign.cli.mirror;

import org.jspecify.annotations.NullMarked;
