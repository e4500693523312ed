package org.countersign.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.security.MessageDigest;
import java.sql.Array;
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
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.countersign.log.Hash;
import org.countersign.log.tile.TileId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link LogStore}: PostgreSQL, through a HikariCP connection pool.
 *
 * <h2>How it keeps the contract</h2>
 *
 * <ul>
 *   <li>A commit is one transaction. It first locks the single {@code tree_state} row with {@code
 *       SELECT ... FOR UPDATE}; a second server committing at the same time blocks on that lock,
 *       then reads the size the first one wrote and fails with {@link ConflictException}. Two
 *       servers can therefore never both commit at the same size, whatever their number.
 *   <li>The transaction runs with {@code synchronous_commit = on} (set locally, whatever the server
 *       default), so PostgreSQL has flushed its write-ahead log before {@code COMMIT} returns. A
 *       crash earlier leaves no trace of the transaction after recovery.
 *   <li>Reads are single statements in autocommit mode; under MVCC each sees a snapshot taken when
 *       it starts, so a batch is visible entirely or not at all, and readers never wait for the
 *       writer.
 * </ul>
 *
 * <p>The tables live in the first schema of the connection's {@code search_path}. See {@code
 * countersign-store/README.md} for the life of an entry and the crash argument.
 */
public final class PostgresLogStore implements LogStore {
  private static final Logger log = LoggerFactory.getLogger(PostgresLogStore.class);
  private static final int POOL_SIZE = 8;

  private final DataSource dataSource;
  private final @Nullable HikariDataSource ownedPool;
  private final String where;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PostgresLogStore(
      DataSource dataSource, @Nullable HikariDataSource ownedPool, String where) {
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    this.where = where;
  }

  /** Opens the log at {@code jdbcUrl} ({@code jdbc:postgresql:...}, credentials in the URL). */
  public static PostgresLogStore open(String jdbcUrl) throws StoreException {
    return open(jdbcUrl, null, null);
  }

  /**
   * Opens the log at {@code jdbcUrl} with a pool of its own, creating the schema if needed.
   *
   * @throws IllegalArgumentException if the URL is not a {@code jdbc:postgresql:} URL
   * @throws StoreException if the database cannot be reached or its schema is newer than this build
   *     understands
   */
  public static PostgresLogStore open(
      String jdbcUrl, @Nullable String user, @Nullable String password) throws StoreException {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + redact(jdbcUrl));
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setPoolName("countersign-store");
    config.setMaximumPoolSize(POOL_SIZE);
    config.setAutoCommit(true);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to " + redact(jdbcUrl) + ": " + e.getMessage(), e);
    }
    try {
      return init(pool, pool, redact(jdbcUrl));
    } catch (StoreException | RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Opens the log in a database reached through {@code dataSource}, which the caller keeps owning:
   * {@link #close()} does not close it. Its connections MUST default to autocommit.
   */
  public static PostgresLogStore open(DataSource dataSource) throws StoreException {
    return init(dataSource, null, dataSource.toString());
  }

  private static PostgresLogStore init(
      DataSource dataSource, @Nullable HikariDataSource ownedPool, String where)
      throws StoreException {
    try (Connection c = dataSource.getConnection()) {
      PostgresSchema.createOrCheck(c, where);
      warnIfNotDurable(c, where);
    } catch (SQLException e) {
      throw new StoreException("cannot open PostgreSQL log " + where + ": " + e.getMessage(), e);
    }
    return new PostgresLogStore(dataSource, ownedPool, where);
  }

  /** An operator who turned fsync off has traded away the durability this store promises. */
  private static void warnIfNotDurable(Connection c, String where) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW fsync")) {
      if (rs.next() && !"on".equals(rs.getString(1))) {
        log.warn(
            "PostgreSQL at {} runs with fsync={}: commits are NOT durable across a machine crash",
            where,
            rs.getString(1));
      }
    }
  }

  @Override
  public TreeState treeState() throws StoreException {
    return read(
        "read the tree state",
        c -> {
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery("SELECT size, checkpoint FROM tree_state WHERE id = 0")) {
            if (!rs.next()) {
              throw new SQLException("tree_state has no row");
            }
            return new TreeState(rs.getLong(1), rs.getString(2));
          }
        });
  }

  @Override
  public void commit(Batch batch) throws StoreException {
    requireOpen();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        apply(c, batch);
        c.commit();
      } catch (SQLException | StoreException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException r) {
          e.addSuppressed(r);
        }
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw duplicateOr(batch, e);
    }
  }

  /** Writes the batch inside the caller's transaction; throws to make the caller roll back. */
  private static void apply(Connection c, Batch batch) throws SQLException, StoreException {
    try (Statement st = c.createStatement()) {
      st.execute("SET LOCAL synchronous_commit = on");
    }
    long storedSize;
    String storedNote;
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT size, checkpoint FROM tree_state WHERE id = 0 FOR UPDATE")) {
      if (!rs.next()) {
        throw new SQLException("tree_state has no row");
      }
      storedSize = rs.getLong(1);
      storedNote = rs.getString(2);
    }
    if (storedSize != batch.expectedSize()) {
      throw new ConflictException(batch.expectedSize(), storedSize);
    }
    if (batch.entries().isEmpty() && !storedNote.isEmpty()) {
      throw new ConflictException(0, 0);
    }
    if (!batch.entries().isEmpty()) {
      insertEntries(c, batch);
    }
    for (Map.Entry<TileId, byte[]> t : batch.tilesUnsafe().entrySet()) {
      writeTile(c, t.getKey(), t.getValue());
    }
    try (PreparedStatement cp =
            c.prepareStatement("INSERT INTO checkpoints (size, note) VALUES (?, ?)");
        PreparedStatement state =
            c.prepareStatement("UPDATE tree_state SET size = ?, checkpoint = ? WHERE id = 0")) {
      cp.setLong(1, batch.newSize());
      cp.setString(2, batch.checkpointNote());
      cp.executeUpdate();
      state.setLong(1, batch.newSize());
      state.setString(2, batch.checkpointNote());
      state.executeUpdate();
    }
  }

  /** One statement for the whole batch: two arrays, unnested with their positions. */
  private static void insertEntries(Connection c, Batch batch) throws SQLException {
    List<NewEntry> entries = batch.entries();
    byte[][] identities = new byte[entries.size()][];
    byte[][] data = new byte[entries.size()][];
    for (int i = 0; i < entries.size(); i++) {
      identities[i] = entries.get(i).identity().bytes();
      data[i] = entries.get(i).dataUnsafe();
    }
    Array identityArray = c.createArrayOf("bytea", identities);
    Array dataArray = c.createArrayOf("bytea", data);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO entries (idx, identity, data) SELECT ? + t.ord - 1, t.identity, t.data"
                + " FROM unnest(?::bytea[], ?::bytea[]) WITH ORDINALITY AS t(identity, data,"
                + " ord)")) {
      ps.setLong(1, batch.expectedSize());
      ps.setArray(2, identityArray);
      ps.setArray(3, dataArray);
      int inserted = ps.executeUpdate();
      if (inserted != entries.size()) {
        throw new SQLException("inserted " + inserted + " entries of " + entries.size());
      }
    } finally {
      identityArray.free();
      dataArray.free();
    }
  }

  /** Stores a tile after checking that it only appends to the stored version. */
  private static void writeTile(Connection c, TileId key, byte[] data)
      throws SQLException, StoreException {
    try (PreparedStatement sel =
        c.prepareStatement("SELECT data FROM tiles WHERE level = ? AND idx = ?")) {
      sel.setShort(1, (short) key.level());
      sel.setLong(2, key.index());
      try (ResultSet rs = sel.executeQuery()) {
        if (rs.next()) {
          byte[] stored = rs.getBytes(1);
          if (data.length < stored.length
              || !MessageDigest.isEqual(stored, Arrays.copyOf(data, stored.length))) {
            throw new StoreException(
                key
                    + " would rewrite history: the stored "
                    + stored.length
                    + " bytes are not a prefix of the new "
                    + data.length
                    + " bytes; the batch was not written");
          }
        }
      }
    }
    try (PreparedStatement up =
        c.prepareStatement(
            "INSERT INTO tiles (level, idx, data) VALUES (?, ?, ?)"
                + " ON CONFLICT (level, idx) DO UPDATE SET data = EXCLUDED.data")) {
      up.setShort(1, (short) key.level());
      up.setLong(2, key.index());
      up.setBytes(3, data);
      up.executeUpdate();
    }
  }

  /**
   * Explains a failed commit: a unique violation on an identity becomes a {@link
   * DuplicateEntryException} naming the stored index; anything else a plain {@link StoreException}.
   */
  private StoreException duplicateOr(Batch batch, SQLException e) {
    if ("23505".equals(e.getSQLState()) && !batch.entries().isEmpty()) {
      try {
        Optional<DuplicateEntryException> dup = findDuplicate(batch);
        if (dup.isPresent()) {
          dup.get().initCause(e);
          return dup.get();
        }
      } catch (StoreException lookupFailed) {
        e.addSuppressed(lookupFailed);
      }
    }
    return new StoreException("PostgreSQL commit failed at " + where + ": " + e.getMessage(), e);
  }

  private Optional<DuplicateEntryException> findDuplicate(Batch batch) throws StoreException {
    byte[][] identities =
        batch.entries().stream().map(e -> e.identity().bytes()).toArray(byte[][]::new);
    return read(
        "look up duplicate identities",
        c -> {
          Array array = c.createArrayOf("bytea", identities);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT identity, idx FROM entries WHERE identity = ANY (?::bytea[])"
                      + " ORDER BY idx LIMIT 1")) {
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new DuplicateEntryException(Hash.of(rs.getBytes(1)), rs.getLong(2)))
                  : Optional.empty();
            }
          } finally {
            array.free();
          }
        });
  }

  @Override
  public OptionalLong indexOfIdentity(Hash identity) throws StoreException {
    return read(
        "look up an identity",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT idx FROM entries WHERE identity = ?")) {
            ps.setBytes(1, identity.bytes());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
          }
        });
  }

  @Override
  public Map<Hash, Long> indexesOfIdentities(Collection<Hash> identities) throws StoreException {
    byte[][] all = identities.stream().map(Hash::bytes).toArray(byte[][]::new);
    if (all.length == 0) {
      return Map.of();
    }
    return read(
        "look up " + all.length + " identities",
        c -> {
          Map<Hash, Long> found = new HashMap<>();
          Array array = c.createArrayOf("bytea", all);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT identity, idx FROM entries WHERE identity = ANY (?::bytea[])")) {
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                found.put(Hash.of(rs.getBytes(1)), rs.getLong(2));
              }
            }
          } finally {
            array.free();
          }
          return found;
        });
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
            ps.setShort(1, (short) key.level());
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
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT note FROM checkpoints WHERE size = ?")) {
            ps.setLong(1, size);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public void putPublishedCheckpoint(String note) throws StoreException {
    StoredText.requireNote(note, "published checkpoint");
    write(
        "store the published checkpoint",
        "INSERT INTO published_checkpoint (id, note) VALUES (0, ?)"
            + " ON CONFLICT (id) DO UPDATE SET note = EXCLUDED.note",
        ps -> ps.setString(1, note));
  }

  @Override
  public Optional<String> publishedCheckpoint() throws StoreException {
    return read(
        "read the published checkpoint",
        c -> {
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery("SELECT note FROM published_checkpoint WHERE id = 0")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
          }
        });
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
            + " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        ps -> {
          ps.setString(1, key);
          ps.setBytes(2, copy);
        });
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && ownedPool != null) {
      ownedPool.close();
    }
  }

  @Override
  public String toString() {
    return "PostgresLogStore[" + where + "]";
  }

  // ---- plumbing ----

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
    try (Connection c = dataSource.getConnection()) {
      return action.run(c);
    } catch (SQLException e) {
      throw new StoreException(
          "PostgreSQL: cannot " + what + " at " + where + ": " + e.getMessage(), e);
    }
  }

  private void write(String what, String sql, Binder binder) throws StoreException {
    requireOpen();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement();
          PreparedStatement ps = c.prepareStatement(sql)) {
        // Durable on return even if the server's default is synchronous_commit = off.
        st.execute("SET LOCAL synchronous_commit = on");
        binder.bind(ps);
        ps.executeUpdate();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException r) {
          e.addSuppressed(r);
        }
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(
          "PostgreSQL: cannot " + what + " at " + where + ": " + e.getMessage(), e);
    }
  }

  private void requireOpen() throws StoreException {
    if (closed.get()) {
      throw new StoreException("the PostgreSQL log at " + where + " is closed");
    }
  }

  /** Hides a password given in the URL's query string or its user information. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***")
        .replaceAll("(//[^/@:]*):[^/@]*@", "$1:***@");
  }
}
