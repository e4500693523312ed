package org.countersign.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.countersign.log.Hash;
import org.countersign.log.tile.TileId;

/**
 * Durable storage for one transparency log, written one sequencer batch at a time.
 *
 * <h2>Contract</h2>
 *
 * <p>An implementation MUST guarantee:
 *
 * <ul>
 *   <li><b>Atomic, durable commits.</b> {@link #commit(Batch)} writes the batch's entries, tiles
 *       and checkpoint all together or not at all, and when it returns normally they survive a
 *       crash of the process or of the machine. The server publishes a checkpoint and acknowledges
 *       entries only after that return, so a checkpoint never covers bytes that are not on disk.
 *   <li><b>One winner per size.</b> A commit is applied only if the stored size equals the batch's
 *       expected size, checked atomically with the write, even across processes sharing the
 *       database; otherwise it throws {@link ConflictException} and writes nothing.
 *   <li><b>Append-only history.</b> Entries and checkpoints, once committed, never change. A tile
 *       only grows: its stored bytes MUST remain a prefix of every later version, and a full tile
 *       (8,192 bytes) never changes again. This is what lets a reader serve the partial tile {@code
 *       tile/L/N.p/W} of any past checkpoint by truncating the stored tile to {@code W} hashes. A
 *       commit that would break this throws {@link StoreException} and writes nothing.
 *   <li><b>One copy per identity.</b> A commit containing an identity already stored throws {@link
 *       DuplicateEntryException} and writes nothing.
 *   <li><b>Snapshot reads.</b> Each read method observes the store before or after any commit,
 *       never in between: no reader ever sees part of a batch. Reads MAY run concurrently with each
 *       other and with a commit, and SHOULD NOT wait for a commit to finish.
 *   <li><b>Thread safety.</b> Every method MAY be called from any thread.
 * </ul>
 *
 * <p>Two successive reads may observe different commits: a caller that needs the checkpoint and the
 * tiles under it reads the state first; tiles read afterwards are at least as long as that
 * checkpoint needs, by the prefix rule above.
 *
 * <p>The store knows nothing of Merkle hashing or signed notes; it persists what the sequencer
 * computed. Notes are kept verbatim. Failures of the engine surface as {@link StoreException};
 * invalid arguments (negative indexes, oversized counts) as {@link IllegalArgumentException}. After
 * {@link #close()}, every method throws {@link StoreException}.
 */
public interface LogStore extends AutoCloseable {
  /** The most entries {@link #readEntries(long, int)} returns in one call (bounds memory). */
  int MAX_READ_ENTRIES = 4096;

  /**
   * The highest tile level a store holds: tiles are 256 hashes wide, so a level-8 tile would span
   * 2^64 entries, more than a {@code long} tree size can hold.
   */
  int MAX_TILE_LEVEL = 7;

  /**
   * The size of the integrated tree and the latest log-signed checkpoint note: {@link
   * TreeState#EMPTY} for a new log.
   */
  TreeState treeState() throws StoreException;

  /**
   * Atomically appends the batch's entries at indexes {@code [expectedSize, newSize)}, stores its
   * tiles (replacing shorter versions), records its checkpoint as the latest and as the checkpoint
   * at {@code newSize}. Durable when it returns.
   *
   * @throws ConflictException if the stored size is not {@link Batch#expectedSize()}, or the batch
   *     is empty and the log already signed its empty tree
   * @throws DuplicateEntryException if an entry's identity is already stored
   * @throws StoreException if a tile would shrink or change stored bytes, or the engine failed;
   *     nothing was written, with one unavoidable exception: if the engine fails during the final
   *     commit step itself (a connection lost after {@code COMMIT} was sent, an I/O error while
   *     syncing), the outcome is unknown. A caller MUST therefore reload {@link #treeState()} after
   *     any {@code StoreException} from a commit, and MUST NOT publish the batch's checkpoint or
   *     acknowledge its entries unless the reloaded state shows them.
   */
  void commit(Batch batch) throws StoreException;

  /** The index of the integrated entry with this identity, if any (duplicate submissions). */
  OptionalLong indexOfIdentity(Hash identity) throws StoreException;

  /**
   * The indexes of those of {@code identities} that are integrated, all read in one snapshot: the
   * sequencer looks up a whole batch at once instead of each submission on its own (issue 14).
   * Identities not in the map are not integrated.
   */
  Map<Hash, Long> indexesOfIdentities(Collection<Hash> identities) throws StoreException;

  /**
   * The entries at indexes {@code [from, from + count)} in order; fewer (possibly none) where the
   * tree ends. The arrays are fresh copies the caller owns.
   *
   * @throws IllegalArgumentException if {@code from < 0} or {@code count} is not in {@code 0..}
   *     {@link #MAX_READ_ENTRIES}
   */
  List<byte[]> readEntries(long from, int count) throws StoreException;

  /**
   * The stored tile at the level and index of the full tile {@code id}: the full tile (8,192 bytes)
   * or the longest partial committed so far; empty if no committed batch wrote it. Every version of
   * a tile is a prefix of the full one, so they are all kept in one place, named by its full id.
   *
   * @throws IllegalArgumentException if {@code id} is partial or its level is above {@link
   *     #MAX_TILE_LEVEL}
   */
  Optional<byte[]> readTile(TileId id) throws StoreException;

  /**
   * The checkpoint the log signed at {@code size}, kept forever as evidence: witnesses and monitors
   * ask for old checkpoints to check consistency, and a forked log is caught by two conflicting
   * signed checkpoints.
   */
  Optional<String> checkpointAt(long size) throws StoreException;

  /**
   * Replaces the published (witness-cosigned) checkpoint. It is stored apart from the log-signed
   * one because cosignatures arrive after the commit; the store does not parse or compare it.
   * Durable when it returns.
   *
   * @throws IllegalArgumentException if the note is empty, longer than 1 Mi characters or holds
   *     characters that cannot be stored verbatim (NUL, unpaired surrogates)
   */
  void putPublishedCheckpoint(String note) throws StoreException;

  /** The published checkpoint last put, if any. */
  Optional<String> publishedCheckpoint() throws StoreException;

  /**
   * A small setting of the log (for example the name of its signing key), or empty if never put.
   *
   * @param key 1-128 characters of {@code [a-z0-9._-]}, starting with a letter or digit
   */
  Optional<byte[]> getMeta(String key) throws StoreException;

  /**
   * Sets a small setting of the log, replacing any previous value. Durable when it returns.
   *
   * @param key as for {@link #getMeta(String)}
   * @param value at most 1 MiB
   */
  void putMeta(String key, byte[] value) throws StoreException;

  /**
   * Releases connections and files. Commits already returned stay durable; calls that race with
   * close MAY fail with {@link StoreException}. Idempotent.
   */
  @Override
  void close() throws StoreException;
}
