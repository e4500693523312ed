/**
 * Publication, the leaf every other server package may read: the checkpoint the log serves ({@link
 * org.countersign.server.publish.PublishedCheckpoint}, {@link
 * org.countersign.server.publish.PublishedLog}), how a committed checkpoint is signed and published
 * ({@link org.countersign.server.publish.CheckpointSigner}, {@link
 * org.countersign.server.publish.CheckpointPublisher}), the receipt a submitter gets ({@link
 * org.countersign.server.publish.Receipt}) and what health says about publication ({@link
 * org.countersign.server.publish.PublicationStatus}).
 *
 * <p>It depends on no other server package, which is what keeps the sequencer, the witnesses, the
 * compliance follower and the HTTP routes from forming a cycle: they meet here, not in each other.
 */
@NullMarked
package org.countersign.server.publish;

import org.jspecify.annotations.NullMarked;
