/**
 * Durable storage for one transparency log: entries, hash tiles and checkpoints, committed
 * atomically one sequencer batch at a time.
 *
 * <p>The store is byte-oriented. It knows nothing of Merkle hashing, signed notes or treaties: the
 * sequencer computes the tiles and signs the checkpoint, and {@link org.countersign.store.LogStore}
 * persists them together so that a published checkpoint never covers bytes that are not on disk.
 * Two drivers implement it natively, each with its own engine's transactions and locking, and share
 * a contract test rather than code: {@link org.countersign.store.SqliteLogStore} (embedded default)
 * and {@link org.countersign.store.PostgresLogStore} (production). {@link
 * org.countersign.store.LogStores#open(String)} picks one from a location string.
 *
 * <p>See {@code countersign-store/README.md} for the life of an entry and the crash-safety argument
 * of each driver.
 */
@NullMarked
package org.countersign.store;

import org.jspecify.annotations.NullMarked;
