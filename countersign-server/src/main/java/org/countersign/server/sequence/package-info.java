/**
 * The log's single writer: batching, integration, durable commit, then publication and answers. See
 * {@link org.countersign.server.sequence.Sequencer} for the life of a batch and the crash-safety
 * argument.
 */
@NullMarked
package org.countersign.server.sequence;

import org.jspecify.annotations.NullMarked;
