package org.countersign.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.countersign.log.Hash;
import org.countersign.log.tile.EntryBundle;
import org.countersign.log.tile.TileId;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link LogStore} driver passes. A driver's test extends this class and says
 * only how to make a fresh location and open it.
 *
 * <p>Entries, tiles and checkpoint notes are derived from their index or size ({@link #entry},
 * {@link #note}), so any read can be checked against what it must be.
 */
public abstract class LogStoreContract {
  private static final int TILE = Batch.FULL_TILE_BYTES;

  private final List<LogStore> opened = new ArrayList<>();
  private @Nullable String location;
  protected LogStore store;

  /** A location no other test uses; opening it twice MUST reach the same log. */
  protected abstract String newLocation() throws Exception;

  /** Opens {@code location}; drivers may override to bypass {@link LogStores}. */
  protected LogStore open(String location) throws StoreException {
    return LogStores.open(location);
  }

  /** Releases a location after its test (for example drops a database schema). */
  protected void discard(String location) throws Exception {}

  @BeforeEach
  final void openFresh() throws Exception {
    location = newLocation();
    store = openTracked();
  }

  @AfterEach
  final void closeAll() throws Exception {
    for (LogStore s : opened) {
      s.close();
    }
    discard(requireLocation());
  }

  /** Opens another handle on this test's log (a reopen, or a second server). */
  protected final LogStore openTracked() throws StoreException {
    LogStore s = open(requireLocation());
    opened.add(s);
    return s;
  }

  private String requireLocation() {
    if (location == null) {
      throw new IllegalStateException("no location");
    }
    return location;
  }

  // ---- fixtures ----

  /** The entry at {@code index}: deterministic bytes, 40 to 70 long. */
  static byte[] entry(long index) {
    return ("entry " + index + " " + "x".repeat((int) (index % 31)))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The checkpoint note the tests sign for {@code size}. */
  static String note(long size) {
    return "example.org/log\n" + size + "\nroot-of-" + size + "\n\n\u2014 example.org/log sig\n";
  }

  /**
   * A tile of {@code hashes} hashes, derived from its key so each version is a prefix of the next.
   */
  static byte[] tile(TileId key, int hashes) {
    byte[] out = new byte[hashes * Hash.SIZE];
    for (int i = 0; i < hashes; i++) {
      String seed = "tile/" + key.level() + "/" + key.index() + "/" + i;
      Hash.sha256(seed.getBytes(StandardCharsets.UTF_8)).copyTo(out, i * Hash.SIZE);
    }
    return out;
  }

  /** The version of the tile at {@code place} that holds {@code hashes} hashes. */
  static TileId sized(TileId place, int hashes) {
    return new TileId(place.level(), place.index(), hashes);
  }

  /** A batch of the entries {@code [from, from + n)} with the level-0 tile(s) they touch. */
  static Batch batch(long from, int n) {
    List<NewEntry> entries = new ArrayList<>(n);
    for (long i = from; i < from + n; i++) {
      entries.add(NewEntry.of(entry(i)));
    }
    long size = from + n;
    Map<TileId, byte[]> tiles = new LinkedHashMap<>();
    for (long t = from / 256; t <= (size - 1) / 256; t++) {
      int width = (int) Math.min(256, size - t * 256);
      TileId key = TileId.full(0, t);
      tiles.put(sized(key, width), tile(key, width));
    }
    return new Batch(from, entries, tiles, note(size));
  }

  private void assertLogHolds(LogStore s, long size) throws StoreException {
    assertThat(s.treeState()).isEqualTo(new TreeState(size, note(size)));
    for (long from = 0; from < size; from += LogStore.MAX_READ_ENTRIES) {
      List<byte[]> got = s.readEntries(from, LogStore.MAX_READ_ENTRIES);
      assertThat(got).hasSize((int) Math.min(LogStore.MAX_READ_ENTRIES, size - from));
      for (int i = 0; i < got.size(); i++) {
        assertThat(got.get(i)).as("entry %d", from + i).isEqualTo(entry(from + i));
      }
    }
    assertThat(s.readEntries(size, 10)).isEmpty();
    assertThat(s.checkpointAt(size)).contains(note(size));
  }

  // ---- a new log ----

  @Test
  void treeState_newLog_isEmpty() throws Exception {
    assertThat(store.treeState()).isEqualTo(TreeState.EMPTY);
    assertThat(store.readEntries(0, 10)).isEmpty();
    assertThat(store.readTile(TileId.full(0, 0))).isEmpty();
    assertThat(store.checkpointAt(0)).isEmpty();
    assertThat(store.publishedCheckpoint()).isEmpty();
    assertThat(store.indexOfIdentity(Hash.sha256(entry(0)))).isEmpty();
    assertThat(store.getMeta("log.key-name")).isEmpty();
  }

  @Test
  void commit_emptyBatchOnNewLog_signsEmptyTree() throws Exception {
    store.commit(new Batch(0, List.of(), Map.of(), note(0)));

    assertThat(store.treeState()).isEqualTo(new TreeState(0, note(0)));
    assertThat(store.checkpointAt(0)).contains(note(0));
  }

  @Test
  void commit_emptyBatchWhenEmptyTreeSigned_throwsConflict() throws Exception {
    store.commit(new Batch(0, List.of(), Map.of(), note(0)));

    assertThatThrownBy(() -> store.commit(new Batch(0, List.of(), Map.of(), "other\n")))
        .isInstanceOf(ConflictException.class);
    assertThat(store.checkpointAt(0)).contains(note(0));
  }

  @Test
  void commit_firstBatchAfterEmptyTree_keepsBothCheckpoints() throws Exception {
    store.commit(new Batch(0, List.of(), Map.of(), note(0)));
    store.commit(batch(0, 3));

    assertThat(store.checkpointAt(0)).contains(note(0));
    assertLogHolds(store, 3);
  }

  // ---- commits and reads ----

  @Test
  void commit_oneBatch_readsBackEverything() throws Exception {
    Batch b = batch(0, 10);
    store.commit(b);

    assertLogHolds(store, 10);
    TileId key = TileId.full(0, 0);
    assertThat(store.readTile(key)).hasValueSatisfying(t -> assertThat(t).isEqualTo(tile(key, 10)));
    for (int i = 0; i < 10; i++) {
      assertThat(store.indexOfIdentity(Hash.sha256(entry(i)))).hasValue(i);
    }
    assertThat(store.indexOfIdentity(Hash.sha256(entry(10)))).isEmpty();
  }

  @Test
  void indexOfIdentity_lookedUpBeforeACommit_findsTheEntryAfterIt() throws Exception {
    // Lookups may reuse prepared statements: none may keep an old snapshot of the log. Enough
    // lookups first that every pooled reader has answered one.
    store.commit(batch(0, 3));
    for (int i = 0; i < 16; i++) {
      assertThat(store.indexOfIdentity(Hash.sha256(entry(3 + i % 2)))).isEmpty();
    }
    store.commit(batch(3, 2));

    for (int i = 0; i < 16; i++) {
      assertThat(store.indexOfIdentity(Hash.sha256(entry(3 + i % 2)))).hasValue(3 + i % 2);
    }
  }

  @Test
  void indexesOfIdentities_manyAtOnce_findExactlyTheIntegratedOnes() throws Exception {
    assertThat(store.indexesOfIdentities(List.of())).isEmpty();
    store.commit(batch(0, 700));
    // More identities than one SQL statement binds on some engines, in no particular order.
    List<Hash> asked = new ArrayList<>();
    for (int i = 0; i < 1300; i++) {
      asked.add(Hash.sha256(entry((i * 7L) % 1300)));
    }
    Map<Hash, Long> found = store.indexesOfIdentities(asked);
    assertThat(found).hasSize(700);
    for (int i = 0; i < 1300; i++) {
      Hash h = Hash.sha256(entry(i));
      if (i < 700) {
        assertThat(found).containsEntry(h, (long) i);
      } else {
        assertThat(found).doesNotContainKey(h);
      }
    }
    // No reader keeps the snapshot of a lookup: after the next commit, every one sees it.
    store.commit(batch(700, 5));
    for (int round = 0; round < 8; round++) {
      assertThat(store.indexesOfIdentities(asked)).hasSize(705);
      Hash last = Hash.sha256(entry(704));
      assertThat(store.indexesOfIdentities(List.of(last, Hash.sha256(entry(705)))))
          .containsExactly(Map.entry(last, 704L));
    }
  }

  @Test
  void commit_manyBatches_indexesAreConsecutiveAndEveryCheckpointKept() throws Exception {
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(42);
    long size = 0;
    List<Long> sizes = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      int n = 1 + random.nextInt(90);
      store.commit(batch(size, n));
      size += n;
      sizes.add(size);
    }

    assertLogHolds(store, size);
    for (long s : sizes) {
      assertThat(store.checkpointAt(s)).contains(note(s));
    }
    assertThat(store.checkpointAt(size + 1)).isEmpty();
    assertThat(store.readEntries(5, 3)).containsExactly(entry(5), entry(6), entry(7));
    assertThat(store.readEntries(size - 2, 10)).containsExactly(entry(size - 2), entry(size - 1));
    assertThat(store.readEntries(size + 100, 10)).isEmpty();
    assertThat(store.readEntries(3, 0)).isEmpty();
    for (long t = 0; t <= (size - 1) / 256; t++) {
      TileId key = TileId.full(0, t);
      int width = (int) Math.min(256, size - t * 256);
      assertThat(store.readTile(key)).get().isEqualTo(tile(key, width));
    }
  }

  @Test
  void readEntries_badArguments_throwIllegalArgument() {
    assertThatThrownBy(() -> store.readEntries(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.readEntries(0, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.readEntries(0, LogStore.MAX_READ_ENTRIES + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(LogStore.MAX_READ_ENTRIES + 1));
  }

  @Test
  void readEntries_returnsFreshCopies() throws Exception {
    store.commit(batch(0, 1));
    store.readEntries(0, 1).get(0)[0] ^= 1;

    assertThat(store.readEntries(0, 1).get(0)).isEqualTo(entry(0));
  }

  @Test
  void commit_entriesOfEveryLegalSize_roundTripByteExact() throws Exception {
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(7);
    int[] sizes = {0, 1, 255, 256, 65_534, EntryBundle.MAX_ENTRY_SIZE};
    List<byte[]> data = new ArrayList<>();
    List<NewEntry> entries = new ArrayList<>();
    for (int size : sizes) {
      byte[] d = new byte[size];
      random.nextBytes(d);
      data.add(d);
      entries.add(NewEntry.of(d));
    }
    store.commit(new Batch(0, entries, Map.of(), note(sizes.length)));

    List<byte[]> got = store.readEntries(0, sizes.length);
    assertThat(got).hasSize(sizes.length);
    for (int i = 0; i < sizes.length; i++) {
      assertThat(got.get(i)).as("entry of %d bytes", sizes[i]).isEqualTo(data.get(i));
    }
  }

  @Test
  void commit_largeBatch_isStoredWhole() throws Exception {
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(5000);
    int n = 5_000;
    List<NewEntry> entries = new ArrayList<>(n);
    List<byte[]> data = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] d = new byte[1024];
      random.nextBytes(d);
      data.add(d);
      entries.add(NewEntry.of(d));
    }
    Map<TileId, byte[]> tiles = new LinkedHashMap<>();
    for (long t = 0; t < n / 256; t++) {
      tiles.put(sized(TileId.full(0, t), 256), tile(TileId.full(0, t), 256));
    }
    tiles.put(sized(TileId.full(0, n / 256), n % 256), tile(TileId.full(0, n / 256), n % 256));
    tiles.put(sized(TileId.full(1, 0), n / 256), tile(TileId.full(1, 0), n / 256));
    store.commit(new Batch(0, entries, tiles, note(n)));

    assertThat(store.treeState().size()).isEqualTo(n);
    List<byte[]> got = new ArrayList<>(store.readEntries(0, LogStore.MAX_READ_ENTRIES));
    got.addAll(store.readEntries(LogStore.MAX_READ_ENTRIES, LogStore.MAX_READ_ENTRIES));
    assertThat(got).hasSize(n);
    for (int i = 0; i < n; i += 97) {
      assertThat(got.get(i)).isEqualTo(data.get(i));
    }
    assertThat(got.get(n - 1)).isEqualTo(data.get(n - 1));
    assertThat(store.indexOfIdentity(Hash.sha256(data.get(n - 1)))).hasValue(n - 1);
    assertThat(store.readTile(TileId.full(1, 0))).get().isEqualTo(tile(TileId.full(1, 0), 19));
  }

  @Test
  void commit_noteWithAnyUnicode_isStoredVerbatim() throws Exception {
    String note = "caf\u00e9.example/\u65e5\u672c\n1\nr\n\n\u2014 \ud834\udd1e sig\r\ttab\n";
    store.commit(new Batch(0, List.of(NewEntry.of(entry(0))), Map.of(), note));

    assertThat(store.treeState().checkpointNote()).isEqualTo(note);
    assertThat(store.checkpointAt(1)).contains(note);
  }

  // ---- conflicts: nothing written ----

  @Test
  void commit_expectedSizeBehind_throwsConflictAndWritesNothing() throws Exception {
    store.commit(batch(0, 5));
    Batch stale = batch(3, 4);

    assertThatThrownBy(() -> store.commit(stale))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.expectedSize()).isEqualTo(3);
              assertThat(e.storedSize()).isEqualTo(5);
            });
    assertLogHolds(store, 5);
    assertThat(store.indexOfIdentity(Hash.sha256(entry(6)))).isEmpty();
    assertThat(store.checkpointAt(7)).isEmpty();
    assertThat(store.readTile(TileId.full(0, 0))).get().isEqualTo(tile(TileId.full(0, 0), 5));
  }

  @Test
  void commit_expectedSizeAhead_throwsConflictAndWritesNothing() throws Exception {
    store.commit(batch(0, 5));

    assertThatThrownBy(() -> store.commit(batch(6, 1)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("6")
        .hasMessageContaining("5");
    assertLogHolds(store, 5);
    assertThat(store.checkpointAt(7)).isEmpty();
  }

  @Test
  void commit_afterConflict_nextCorrectBatchSucceeds() throws Exception {
    store.commit(batch(0, 5));
    assertThatThrownBy(() -> store.commit(batch(0, 5))).isInstanceOf(ConflictException.class);

    store.commit(batch(5, 5));
    assertLogHolds(store, 10);
  }

  // ---- duplicates ----

  @Test
  void commit_identityAlreadyStored_throwsDuplicateAndWritesNothing() throws Exception {
    store.commit(batch(0, 5));
    List<NewEntry> entries =
        List.of(NewEntry.of(entry(5)), NewEntry.of(entry(2)), NewEntry.of(entry(7)));
    Batch dup =
        new Batch(
            5, entries, Map.of(sized(TileId.full(0, 0), 8), tile(TileId.full(0, 0), 8)), note(8));

    assertThatThrownBy(() -> store.commit(dup))
        .isInstanceOfSatisfying(
            DuplicateEntryException.class,
            e -> {
              assertThat(e.identity()).isEqualTo(Hash.sha256(entry(2)));
              assertThat(e.existingIndex()).isEqualTo(2);
            })
        .hasMessageContaining("index 2");
    assertLogHolds(store, 5);
    assertThat(store.indexOfIdentity(Hash.sha256(entry(5)))).isEmpty();
    assertThat(store.readTile(TileId.full(0, 0))).get().isEqualTo(tile(TileId.full(0, 0), 5));
    assertThat(store.checkpointAt(8)).isEmpty();
  }

  @Test
  void commit_sameBytesUnderDifferentIdentity_isAccepted() throws Exception {
    byte[] same = entry(0);
    store.commit(new Batch(0, List.of(NewEntry.of(same)), Map.of(), note(1)));
    store.commit(
        new Batch(1, List.of(new NewEntry(same, Hash.sha256(entry(99)))), Map.of(), note(2)));

    assertThat(store.readEntries(0, 2)).containsExactly(same, same);
    assertThat(store.indexOfIdentity(Hash.sha256(entry(99)))).hasValue(1);
  }

  // ---- tiles only grow ----

  @Test
  void commit_tileGrowsPartialToLongerToFull_readsLatest() throws Exception {
    TileId key = TileId.full(0, 0);
    store.commit(batch(0, 1));
    assertThat(store.readTile(key)).get().isEqualTo(tile(key, 1));

    store.commit(batch(1, 100));
    assertThat(store.readTile(key)).get().isEqualTo(tile(key, 101));

    store.commit(batch(101, 200));
    assertThat(store.readTile(key)).get().isEqualTo(tile(key, 256));
    assertThat(store.readTile(key).orElseThrow()).hasSize(TILE);
    assertThat(store.readTile(TileId.full(0, 1))).get().isEqualTo(tile(TileId.full(0, 1), 45));
  }

  @Test
  void commit_tileRewrittenWithSameBytes_isAccepted() throws Exception {
    TileId key = TileId.full(2, 3);
    store.commit(
        new Batch(0, List.of(NewEntry.of(entry(0))), Map.of(sized(key, 4), tile(key, 4)), note(1)));
    store.commit(
        new Batch(1, List.of(NewEntry.of(entry(1))), Map.of(sized(key, 4), tile(key, 4)), note(2)));

    assertThat(store.readTile(key)).get().isEqualTo(tile(key, 4));
  }

  @Test
  void commit_tileWouldShrink_throwsAndWritesNothing() throws Exception {
    TileId key = TileId.full(0, 0);
    store.commit(batch(0, 10));
    Batch shrinking =
        new Batch(
            10, List.of(NewEntry.of(entry(10))), Map.of(sized(key, 9), tile(key, 9)), note(11));

    assertThatThrownBy(() -> store.commit(shrinking))
        .isInstanceOf(StoreException.class)
        .isNotInstanceOf(ConflictException.class)
        .hasMessageContaining("tile/0/0");
    assertLogHolds(store, 10);
    assertThat(store.readTile(key)).get().isEqualTo(tile(key, 10));
    assertThat(store.indexOfIdentity(Hash.sha256(entry(10)))).isEmpty();
  }

  @Test
  void commit_tileChangesStoredHash_throwsAndWritesNothing() throws Exception {
    TileId key = TileId.full(0, 0);
    store.commit(batch(0, 10));
    byte[] forged = tile(key, 11);
    forged[5 * Hash.SIZE] ^= 1;
    Map<TileId, byte[]> tiles = new LinkedHashMap<>();
    tiles.put(sized(TileId.full(1, 0), 1), tile(TileId.full(1, 0), 1));
    tiles.put(sized(key, 11), forged);

    assertThatThrownBy(
            () -> store.commit(new Batch(10, List.of(NewEntry.of(entry(10))), tiles, note(11))))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("rewrite");
    assertThat(store.readTile(key)).get().isEqualTo(tile(key, 10));
    assertThat(store.readTile(TileId.full(1, 0))).isEmpty();
    assertLogHolds(store, 10);
  }

  @Test
  void commit_fullTileThenAnyChange_throws() throws Exception {
    store.commit(batch(0, 256));
    TileId key = TileId.full(0, 0);
    byte[] changed = tile(key, 256);
    changed[TILE - 1] ^= 1;

    assertThatThrownBy(
            () ->
                store.commit(
                    new Batch(
                        256, List.of(NewEntry.of(entry(256))), Map.of(key, changed), note(257))))
        .isInstanceOf(StoreException.class);
    assertThat(store.readTile(key)).get().isEqualTo(tile(key, 256));
  }

  @Test
  void readTile_byPartialIdOrTooHighLevel_throwsIllegalArgument() throws Exception {
    store.commit(batch(0, 3));

    assertThatThrownBy(() -> store.readTile(new TileId(0, 0, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("full id");
    assertThatThrownBy(() -> store.readTile(TileId.full(LogStore.MAX_TILE_LEVEL + 1, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tile level");
    assertThat(store.readTile(TileId.full(LogStore.MAX_TILE_LEVEL, 0))).isEmpty();
  }

  @Test
  void readTile_returnsFreshCopy() throws Exception {
    store.commit(batch(0, 3));
    TileId key = TileId.full(0, 0);
    store.readTile(key).orElseThrow()[0] ^= 1;

    assertThat(store.readTile(key)).get().isEqualTo(tile(key, 3));
  }

  // ---- published checkpoint and meta ----

  @Test
  void putPublishedCheckpoint_replacesPrevious() throws Exception {
    store.putPublishedCheckpoint("cosigned 1\n");
    assertThat(store.publishedCheckpoint()).contains("cosigned 1\n");

    store.putPublishedCheckpoint("cosigned 2\n");
    assertThat(store.publishedCheckpoint()).contains("cosigned 2\n");
    assertThat(store.treeState()).isEqualTo(TreeState.EMPTY);
  }

  @Test
  void putPublishedCheckpoint_unstorableNote_throwsIllegalArgument() {
    assertThatThrownBy(() -> store.putPublishedCheckpoint(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.putPublishedCheckpoint("a\0b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NUL");
    assertThatThrownBy(() -> store.putPublishedCheckpoint("a\ud800b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("surrogate");
  }

  @Test
  void putMeta_roundTripsAndReplaces() throws Exception {
    byte[] value = {0, 1, 2, (byte) 0xff};
    store.putMeta("log.key-name", value);
    value[0] = 9;
    assertThat(store.getMeta("log.key-name")).get().isEqualTo(new byte[] {0, 1, 2, (byte) 0xff});

    store.putMeta("log.key-name", new byte[0]);
    assertThat(store.getMeta("log.key-name")).get().isEqualTo(new byte[0]);
    assertThat(store.getMeta("other")).isEmpty();
  }

  @Test
  void putMeta_badKeyOrValue_throwsIllegalArgument() {
    for (String key : List.of("", "Upper", "-lead", "sp ace", "x".repeat(129), "caf\u00e9")) {
      assertThatThrownBy(() -> store.putMeta(key, new byte[1]))
          .as("key %s", key)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> store.getMeta("a/b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.putMeta("big", new byte[(1 << 20) + 1]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- lifecycle ----

  @Test
  void reopen_afterClose_keepsEverything() throws Exception {
    store.commit(batch(0, 300));
    store.commit(batch(300, 20));
    store.putPublishedCheckpoint("published 300\n");
    store.putMeta("log.key-name", "example.org/log".getBytes(StandardCharsets.UTF_8));
    store.close();

    LogStore reopened = openTracked();
    assertLogHolds(reopened, 320);
    assertThat(reopened.checkpointAt(300)).contains(note(300));
    assertThat(reopened.publishedCheckpoint()).contains("published 300\n");
    assertThat(reopened.getMeta("log.key-name"))
        .get()
        .isEqualTo("example.org/log".getBytes(StandardCharsets.UTF_8));
    assertThat(reopened.readTile(TileId.full(0, 1))).get().isEqualTo(tile(TileId.full(0, 1), 64));
    assertThat(reopened.indexOfIdentity(Hash.sha256(entry(319)))).hasValue(319);
    reopened.commit(batch(320, 1));
    assertLogHolds(reopened, 321);
  }

  @Test
  void close_thenAnyCall_throwsStoreException() throws Exception {
    store.close();
    store.close();

    assertThatThrownBy(() -> store.treeState())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.commit(batch(0, 1))).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.readEntries(0, 1)).isInstanceOf(StoreException.class);
  }

  // ---- concurrency ----

  @Test
  @Timeout(60)
  void readers_duringCommits_neverSeePartOfABatch() throws Exception {
    int batchSize = 25;
    int batches = 40;
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicLong observations = new AtomicLong();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      readers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      while (!done.get()) {
                        checkSnapshot(batchSize);
                        observations.incrementAndGet();
                      }
                      checkSnapshot(batchSize);
                    } catch (Throwable t) {
                      failures.add(t);
                    }
                  }));
    }
    for (int b = 0; b < batches; b++) {
      store.commit(batch((long) b * batchSize, batchSize));
    }
    done.set(true);
    for (Thread t : readers) {
      t.join();
    }

    assertThat(failures).isEmpty();
    assertThat(observations.get()).isPositive();
    assertLogHolds(store, (long) batchSize * batches);
  }

  /**
   * One reader's round: every read is a whole number of batches, and reads bracketed by two tree
   * states lie between them (entries and tiles are never ahead of the checkpoint, nor behind).
   */
  private void checkSnapshot(int batchSize) throws StoreException {
    TreeState before = store.treeState();
    List<byte[]> entries = store.readEntries(0, LogStore.MAX_READ_ENTRIES);
    TileId key = TileId.full(0, 0);
    Optional<byte[]> tile = store.readTile(key);
    TreeState after = store.treeState();

    for (TreeState state : List.of(before, after)) {
      assertThat(state.size() % batchSize).as("tree size %d", state.size()).isZero();
      if (state.size() > 0) {
        assertThat(state.checkpointNote()).isEqualTo(note(state.size()));
      }
    }
    assertThat((long) entries.size()).isBetween(before.size(), after.size());
    assertThat(entries.size() % batchSize).as("entries read %d", entries.size()).isZero();
    for (int i = 0; i < entries.size(); i++) {
      assertThat(entries.get(i)).isEqualTo(entry(i));
    }
    int width = tile.map(t -> t.length / Hash.SIZE).orElse(0);
    assertThat((long) width)
        .as("tile width")
        .isBetween(Math.min(256, before.size()), Math.min(256, after.size()));
    tile.ifPresent(t -> assertThat(t).isEqualTo(tile(key, t.length / Hash.SIZE)));
  }

  @Test
  @Timeout(60)
  void commit_twoWritersRacingOnOneLog_exactlyOneWinsEachSize() throws Exception {
    LogStore second = openTracked();
    List<LogStore> writers = List.of(store, second);
    int rounds = 15;
    for (int round = 0; round < rounds; round++) {
      long size = store.treeState().size();
      CyclicBarrier start = new CyclicBarrier(2);
      CountDownLatch finished = new CountDownLatch(2);
      List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());
      for (int w = 0; w < 2; w++) {
        LogStore writer = writers.get(w);
        int id = w;
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    // Same size, different entries: as two servers that sequenced independently.
                    List<NewEntry> entries = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                      entries.add(
                          NewEntry.of(
                              ("writer " + id + " size " + size + " #" + i)
                                  .getBytes(StandardCharsets.UTF_8)));
                    }
                    Batch b =
                        new Batch(
                            size, entries, Map.of(), "writer " + id + " at " + (size + 3) + "\n");
                    start.await();
                    writer.commit(b);
                    outcomes.add("won");
                  } catch (Throwable t) {
                    outcomes.add(t);
                  } finally {
                    finished.countDown();
                  }
                });
      }
      finished.await();

      assertThat(outcomes).filteredOn("won"::equals).as("round %d: %s", round, outcomes).hasSize(1);
      assertThat(outcomes).filteredOn(o -> o instanceof ConflictException).hasSize(1);
      TreeState state = second.treeState();
      assertThat(state.size()).isEqualTo(size + 3);
      assertThat(store.checkpointAt(size + 3)).contains(state.checkpointNote());
      String winner = state.checkpointNote().substring(0, 8);
      for (byte[] e : store.readEntries(size, 10)) {
        assertThat(new String(e, StandardCharsets.UTF_8)).startsWith(winner);
      }
    }
    assertThat(store.treeState().size()).isEqualTo(rounds * 3L);
  }

  @Test
  void commit_arraysMutatedAfterBatchBuilt_storeOriginals() throws Exception {
    byte[] data = entry(0);
    TileId key = TileId.full(0, 0);
    byte[] t = tile(key, 1);
    Batch b = new Batch(0, List.of(NewEntry.of(data)), Map.of(sized(key, 1), t), note(1));
    data[0] ^= 1;
    t[0] ^= 1;
    store.commit(b);

    assertThat(store.readEntries(0, 1).get(0)).isEqualTo(entry(0));
    assertThat(store.readTile(key)).get().isEqualTo(tile(key, 1));
    assertThat(Arrays.equals(data, entry(0))).isFalse();
  }
}
