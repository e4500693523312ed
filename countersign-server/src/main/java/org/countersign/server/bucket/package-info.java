/**
 * Publishing the read path to object storage: the server's side of {@code countersign-objectstore}
 * ({@link org.countersign.server.bucket.BucketPublishing} opens the bucket, checks it and starts
 * the mirror; {@link org.countersign.server.bucket.PublishedLogSource} hands it the published
 * checkpoint and the same tile bytes the HTTP read path serves).
 */
@NullMarked
package org.countersign.server.bucket;

import org.jspecify.annotations.NullMarked;
