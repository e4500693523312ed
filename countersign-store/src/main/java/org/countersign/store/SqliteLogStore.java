package org.countersign.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.countersign.log.Hash;
import org.countersign.log.tile.TileId;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;

/**
 * The embedded {@link LogStore}: one SQLite file, {@code log.db}, in a data directory.
 *
 * <h2>How it keeps the contract</h2>
 *
 * <ul>
 *   <li>The file runs in WAL mode with {@code synchronous=FULL}: a transaction is durable once
 *       {@code COMMIT} returns, because SQLite fsyncs the write-ahead log before reporting success.
 *       A crash before that leaves the transaction's frames uncommitted in the WAL, and recovery
 *       ignores them: the batch is wholly absent.
 *   <li>One writer connection, serialised by a lock in this process, runs each commit as a single
 *       {@code BEGIN IMMEDIATE} transaction, which takes SQLite's write lock before reading the
 *       tree size. The size check and the writes are therefore atomic even against another process
 *       opening the same file: that process waits ({@code busy_timeout}) and then sees the new
 *       size.
 *   <li>A small pool of query-only reader connections serves reads. In WAL mode each statement
 *       reads a snapshot taken when it starts, so a reader sees a batch entirely or not at all, and
 *       never waits for the writer.
 * </ul>
 *
 * <p>See {@code countersign-store/README.md} for the life of an entry and the crash argument.
 */
public final class SqliteLogStore implements LogStore {
  /** The database file inside the data directory. */
  public static final String FILE_NAME = "log.db";

  private static final int READERS = 4;
  private static final int BUSY_TIMEOUT_MS = 30_000;
  private static final long BORROW_TIMEOUT_S = 60;
  private static final String IDENTITY_LOOKUP = "SELECT idx FROM entries WHERE identity = ?";
  private static final int LOOKUP_CHUNK = 500;

  private final Path file;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Connection writer;
  private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
  private final List<Connection> allReaders = new ArrayList<>(READERS);
  // Each reader's identity lookup, prepared once: the server looks up every accepted submission,
  // and SQLite compiled the query again each time (issue 14). A reader is borrowed by one thread
  // at a time, so is its statement; closing its result set resets it, ending the read snapshot.
  private final Map<Connection, PreparedStatement> identityLookups =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private SqliteLogStore(Path file, Connection writer) {
    this.file = file;
    this.writer = writer;
  }

  /**
   * Opens the log in {@code dataDir}, creating the directory, the file and the schema if needed.
   *
   * @throws StoreException if the directory cannot be created, the file is not a Countersign log,
   *     or its schema is newer than this build understands
   */
  public static SqliteLogStore open(Path dataDir) throws StoreException {
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException("cannot create data directory " + dataDir + ": " + e, e);
    }
    Connection writer = null;
    SqliteLogStore store = null;
    try {
      writer = connect(file, false);
      createSchema(writer, file);
      store = new SqliteLogStore(file, writer);
      for (int i = 0; i < READERS; i++) {
        Connection reader = connect(file, true);
        store.allReaders.add(reader);
        store.identityLookups.put(reader, reader.prepareStatement(IDENTITY_LOOKUP));
        store.readers.add(reader);
      }
      return store;
    } catch (SQLException e) {
      closeQuietly(store, writer);
      throw new StoreException("cannot open SQLite log " + file + ": " + e.getMessage(), e);
    } catch (StoreException | RuntimeException e) {
      closeQuietly(store, writer);
      throw e;
    }
  }

  private static Connection connect(Path file, boolean queryOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    Connection c = config.createConnection("jdbc:sqlite:" + file);
    if (queryOnly) {
      try (Statement st = c.createStatement()) {
        // A reader that tried to write would be a bug; make SQLite refuse it.
        st.execute("PRAGMA query_only = ON");
      }
    }
    return c;
  }

  private static void createSchema(Connection writer, Path file)
      throws SQLException, StoreException {
    try (Statement st = writer.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
      try {
        SqliteSchema.createOrCheck(writer, file);
        st.execute("COMMIT");
      } catch (SQLException | StoreException | RuntimeException e) {
        rollback(st, e);
        throw e;
      }
    }
  }

  @Override
  public TreeState treeState() throws StoreException {
    return read(
        "read the tree state",
        c -> {
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery("SELECT size, checkpoint FROM tree_state")) {
            if (!rs.next()) {
              throw new SQLException("tree_state has no row");
            }
            return new TreeState(rs.getLong(1), rs.getString(2));
          }
        });
  }

  @Override
  public void commit(Batch batch) throws StoreException {
    writeLock.lock();
    try {
      requireOpen();
      try (Statement st = writer.createStatement()) {
        st.execute("BEGIN IMMEDIATE");
        try {
          apply(batch);
          st.execute("COMMIT");
        } catch (SQLException | StoreException | RuntimeException e) {
          rollback(st, e);
          throw e;
        }
      } catch (SQLException e) {
        throw duplicateOr(batch, e);
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Writes the batch inside the open write transaction; throws to make the caller roll back. */
  private void apply(Batch batch) throws SQLException, StoreException {
    long storedSize;
    String storedNote;
    try (Statement st = writer.createStatement();
        ResultSet rs = st.executeQuery("SELECT size, checkpoint FROM tree_state")) {
      rs.next();
      storedSize = rs.getLong(1);
      storedNote = rs.getString(2);
    }
    if (storedSize != batch.expectedSize()) {
      throw new ConflictException(batch.expectedSize(), storedSize);
    }
    if (batch.entries().isEmpty() && !storedNote.isEmpty()) {
      throw new ConflictException(0, 0);
    }
    try (PreparedStatement ins =
        writer.prepareStatement("INSERT INTO entries (idx, identity, data) VALUES (?, ?, ?)")) {
      long index = batch.expectedSize();
      for (NewEntry e : batch.entries()) {
        ins.setLong(1, index++);
        ins.setBytes(2, e.identity().bytes());
        ins.setBytes(3, e.dataUnsafe());
        ins.addBatch();
      }
      ins.executeBatch();
    }
    for (Map.Entry<TileId, byte[]> t : batch.tilesUnsafe().entrySet()) {
      writeTile(t.getKey(), t.getValue());
    }
    try (PreparedStatement cp =
            writer.prepareStatement("INSERT INTO checkpoints (size, note) VALUES (?, ?)");
        PreparedStatement state =
            writer.prepareStatement(
                "UPDATE tree_state SET size = ?, checkpoint = ? WHERE id = 0")) {
      cp.setLong(1, batch.newSize());
      cp.setString(2, batch.checkpointNote());
      cp.executeUpdate();
      state.setLong(1, batch.newSize());
      state.setString(2, batch.checkpointNote());
      state.executeUpdate();
    }
  }

  /** Stores a tile after checking that it only appends to the stored version. */
  private void writeTile(TileId key, byte[] data) throws SQLException, StoreException {
    try (PreparedStatement sel =
        writer.prepareStatement("SELECT data FROM tiles WHERE level = ? AND idx = ?")) {
      sel.setInt(1, key.level());
      sel.setLong(2, key.index());
      try (ResultSet rs = sel.executeQuery()) {
        if (rs.next()) {
          requireExtends(key, rs.getBytes(1), data);
        }
      }
    }
    try (PreparedStatement up =
        writer.prepareStatement(
            "INSERT INTO tiles (level, idx, data) VALUES (?, ?, ?)"
                + " ON CONFLICT (level, idx) DO UPDATE SET data = excluded.data")) {
      up.setInt(1, key.level());
      up.setLong(2, key.index());
      up.setBytes(3, data);
      up.executeUpdate();
    }
  }

  private static void requireExtends(TileId key, byte[] stored, byte[] next) throws StoreException {
    if (next.length < stored.length
        || !MessageDigest.isEqual(stored, Arrays.copyOf(next, stored.length))) {
      throw new StoreException(
          key
              + " would rewrite history: the stored "
              + stored.length
              + " bytes are not a prefix of the new "
              + next.length
              + " bytes; the batch was not written");
    }
  }

  /**
   * Explains a failed commit: a unique-key violation on an identity becomes a {@link
   * DuplicateEntryException} naming the stored index; anything else a plain {@link StoreException}.
   */
  private StoreException duplicateOr(Batch batch, SQLException e) {
    for (NewEntry entry : batch.entries()) {
      try {
        OptionalLong existing = indexOfIdentity(entry.identity());
        if (existing.isPresent()) {
          DuplicateEntryException d =
              new DuplicateEntryException(entry.identity(), existing.getAsLong());
          d.initCause(e);
          return d;
        }
      } catch (StoreException lookupFailed) {
        e.addSuppressed(lookupFailed);
        break;
      }
    }
    return new StoreException("SQLite commit failed in " + file + ": " + e.getMessage(), e);
  }

  @Override
  public OptionalLong indexOfIdentity(Hash identity) throws StoreException {
    return read(
        "look up an identity",
        c -> {
          PreparedStatement ps = java.util.Objects.requireNonNull(identityLookups.get(c));
          ps.setBytes(1, identity.bytes());
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
          } finally {
            ps.clearParameters();
          }
        });
  }

  @Override
  public Map<Hash, Long> indexesOfIdentities(Collection<Hash> identities) throws StoreException {
    List<Hash> all = List.copyOf(identities);
    if (all.isEmpty()) {
      return Map.of();
    }
    return read(
        "look up " + all.size() + " identities",
        c -> {
          Map<Hash, Long> found = new HashMap<>();
          // More than one statement: one read transaction keeps them on one snapshot.
          boolean several = all.size() > LOOKUP_CHUNK;
          try (Statement tx = c.createStatement()) {
            if (several) {
              tx.execute("BEGIN");
            }
            try {
              for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
                lookUpChunk(c, all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK)), found);
              }
            } catch (SQLException | RuntimeException e) {
              if (several) {
                rollback(tx, e);
              }
              throw e;
            }
            if (several) {
              tx.execute("COMMIT");
            }
          }
          return found;
        });
  }

  /** One {@code IN} list: SQLite's older builds bind at most 999 parameters per statement. */
  private static void lookUpChunk(Connection c, List<Hash> chunk, Map<Hash, Long> found)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT identity, idx FROM entries WHERE identity IN (?");
    sql.append(",?".repeat(chunk.size() - 1)).append(')');
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < chunk.size(); i++) {
        ps.setBytes(i + 1, chunk.get(i).bytes());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.put(Hash.of(rs.getBytes(1)), rs.getLong(2));
        }
      }
    }
  }

  @Override
  public List<byte[]> readEntries(long from, int count) throws StoreException {
    if (from < 0) {
      throw new IllegalArgumentException("entry index must be >= 0, got " + from);
    }
    if (count < 0 || count > MAX_READ_ENTRIES) {
      throw new IllegalArgumentException(
          "entry count must be 0.." + MAX_READ_ENTRIES + ", got " + count);
    }
    return read(
        "read entries",
        c -> {
          List<byte[]> out = new ArrayList<>(Math.min(count, 256));
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT data FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx")) {
            ps.setLong(1, from);
            ps.setLong(2, from + Math.min(count, Long.MAX_VALUE - from));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getBytes(1));
              }
            }
          }
          return out;
        });
  }

  @Override
  public Optional<byte[]> readTile(TileId key) throws StoreException {
    StoredTiles.requireFullTile(key);
    return read(
        "read " + key,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT data FROM tiles WHERE level = ? AND idx = ?")) {
            ps.setInt(1, key.level());
            ps.setLong(2, key.index());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public Optional<String> checkpointAt(long size) throws StoreException {
    return read(
        "read the checkpoint at size " + size,
        c -> queryText(c, "SELECT note FROM checkpoints WHERE size = ?", size));
  }

  @Override
  public void putPublishedCheckpoint(String note) throws StoreException {
    StoredText.requireNote(note, "published checkpoint");
    write(
        "store the published checkpoint",
        "INSERT INTO published_checkpoint (id, note) VALUES (0, ?)"
            + " ON CONFLICT (id) DO UPDATE SET note = excluded.note",
        ps -> ps.setString(1, note));
  }

  @Override
  public Optional<String> publishedCheckpoint() throws StoreException {
    return read(
        "read the published checkpoint",
        c -> queryText(c, "SELECT note FROM published_checkpoint WHERE id = ?", 0));
  }

  @Override
  public Optional<byte[]> getMeta(String key) throws StoreException {
    StoredText.requireMetaKey(key);
    return read(
        "read meta " + key,
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public void putMeta(String key, byte[] value) throws StoreException {
    StoredText.requireMetaKey(key);
    byte[] copy = StoredText.requireMetaValue(value).clone();
    write(
        "store meta " + key,
        "INSERT INTO meta (key, value) VALUES (?, ?)"
            + " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        ps -> {
          ps.setString(1, key);
          ps.setBytes(2, copy);
        });
  }

  @Override
  public void close() throws StoreException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    SQLException failure = null;
    writeLock.lock();
    try {
      writer.close();
    } catch (SQLException e) {
      failure = e;
    } finally {
      writeLock.unlock();
    }
    // Wait (bounded) for borrowed readers to come back, then close them all; closing the last
    // connection checkpoints the WAL into the main file.
    try {
      for (int i = 0; i < allReaders.size(); i++) {
        if (readers.poll(BORROW_TIMEOUT_S, TimeUnit.SECONDS) == null) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Connection c : allReaders) {
      try {
        PreparedStatement lookup = identityLookups.remove(c);
        if (lookup != null) {
          lookup.close();
        }
        c.close();
      } catch (SQLException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw new StoreException("closing SQLite log " + file + " failed: " + failure, failure);
    }
  }

  @Override
  public String toString() {
    return "SqliteLogStore[" + file + "]";
  }

  // ---- plumbing: one reader per read, the writer lock for small writes ----

  @FunctionalInterface
  private interface ReadAction<T> {
    T run(Connection c) throws SQLException;
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private <T> T read(String what, ReadAction<T> action) throws StoreException {
    requireOpen();
    Connection c = borrow();
    try {
      return action.run(c);
    } catch (SQLException e) {
      throw new StoreException("SQLite: cannot " + what + " in " + file + ": " + e.getMessage(), e);
    } finally {
      giveBack(c);
    }
  }

  private void write(String what, String sql, Binder binder) throws StoreException {
    writeLock.lock();
    try {
      requireOpen();
      // Autocommit: the statement is its own durable transaction.
      try (PreparedStatement ps = writer.prepareStatement(sql)) {
        binder.bind(ps);
        ps.executeUpdate();
      } catch (SQLException e) {
        throw new StoreException(
            "SQLite: cannot " + what + " in " + file + ": " + e.getMessage(), e);
      }
    } finally {
      writeLock.unlock();
    }
  }

  private Connection borrow() throws StoreException {
    try {
      Connection c = readers.poll(BORROW_TIMEOUT_S, TimeUnit.SECONDS);
      if (c == null) {
        throw new StoreException("no SQLite reader free after " + BORROW_TIMEOUT_S + " s");
      }
      return c;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted waiting for a SQLite reader", e);
    }
  }

  private void giveBack(Connection c) {
    readers.add(c);
  }

  private void requireOpen() throws StoreException {
    if (closed.get()) {
      throw new StoreException("the SQLite log " + file + " is closed");
    }
  }

  private static Optional<String> queryText(Connection c, String sql, long key)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private static void rollback(Statement st, Exception cause) {
    try {
      st.execute("ROLLBACK");
    } catch (SQLException e) {
      // SQLite may already have rolled back (for example after an I/O error); keep the evidence.
      cause.addSuppressed(e);
    }
  }

  private static void closeQuietly(@Nullable SqliteLogStore store, @Nullable Connection writer) {
    try {
      if (store != null) {
        store.close();
      } else if (writer != null) {
        writer.close();
      }
    } catch (SQLException | StoreException ignored) {
      // Already failing to open; the original error is the one to report.
    }
  }
}
