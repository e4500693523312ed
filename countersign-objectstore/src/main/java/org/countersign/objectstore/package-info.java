/**
 * Publishes the log's read path to S3-compatible object storage, for any CDN to serve: hash tiles
 * and entry bundles (immutable once full) at exactly their C2SP tlog-tiles paths, then the
 * checkpoint, the only object that changes.
 *
 * <p>{@link org.countersign.objectstore.BucketMirror} follows the log's published checkpoint and
 * never writes a checkpoint to the bucket before every tile and bundle it commits to is there; a
 * restart lists the bucket and writes what it lacks. {@link org.countersign.objectstore.S3Bucket}
 * is the AWS SDK for Java v2 behind the small {@link org.countersign.objectstore.ObjectBucket}
 * interface. This module knows the log core and nothing of the server: the server hands it a {@link
 * org.countersign.objectstore.LogSource}.
 */
@NullMarked
package org.countersign.objectstore;

import org.jspecify.annotations.NullMarked;
