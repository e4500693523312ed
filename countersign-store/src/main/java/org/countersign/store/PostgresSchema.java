package org.countersign.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.countersign.log.tile.EntryBundle;

/**
 * Creates and checks the PostgreSQL schema of a log, in the first schema of the connection's {@code
 * search_path} (give Countersign its own database, or its own schema with {@code currentSchema=...}
 * in the JDBC URL).
 *
 * <p>Creation runs in one transaction under a transaction-scoped advisory lock, so that servers
 * starting together against a new database create the tables exactly once. DDL is transactional in
 * PostgreSQL: a failed creation leaves nothing behind. A schema newer than this build is refused;
 * plain {@code CREATE TABLE} (no {@code IF NOT EXISTS}) refuses to adopt someone else's tables of
 * the same name.
 */
final class PostgresSchema {
  /** The layout this build reads and writes. */
  static final int VERSION = 1;

  /**
   * Key of the advisory lock held while creating the schema ("Countersign" in ASCII, truncated).
   */
  private static final long CREATE_LOCK = 0x436f756e74657273L;

  private static final String[] CREATE = {
    "CREATE TABLE schema_version (version integer NOT NULL)",
    "COMMENT ON TABLE schema_version IS 'Countersign transparency log'",
    // One row: the integrated size and the latest log-signed checkpoint. Commits lock it FOR
    // UPDATE.
    "CREATE TABLE tree_state (id smallint PRIMARY KEY CHECK (id = 0),"
        + " size bigint NOT NULL CHECK (size >= 0), checkpoint text NOT NULL)",
    "CREATE TABLE entries (idx bigint PRIMARY KEY CHECK (idx >= 0),"
        + " identity bytea NOT NULL UNIQUE CHECK (length(identity) = 32),"
        + " data bytea NOT NULL CHECK (length(data) <= "
        + EntryBundle.MAX_ENTRY_SIZE
        + "))",
    "CREATE TABLE tiles (level smallint NOT NULL, idx bigint NOT NULL,"
        + " data bytea NOT NULL CHECK (length(data) BETWEEN 32 AND "
        + Batch.FULL_TILE_BYTES
        + "),"
        + " PRIMARY KEY (level, idx))",
    // Hashes do not compress: do not make TOAST try.
    "ALTER TABLE tiles ALTER COLUMN data SET STORAGE EXTERNAL",
    "CREATE TABLE checkpoints (size bigint PRIMARY KEY CHECK (size >= 0), note text NOT NULL)",
    "CREATE TABLE published_checkpoint (id smallint PRIMARY KEY CHECK (id = 0),"
        + " note text NOT NULL)",
    "CREATE TABLE meta (key text PRIMARY KEY, value bytea NOT NULL)",
    "INSERT INTO tree_state (id, size, checkpoint) VALUES (0, 0, '')",
    "INSERT INTO schema_version (version) VALUES (" + VERSION + ")",
  };

  private PostgresSchema() {}

  /** Creates the schema if absent, or checks its version; commits or rolls back itself. */
  static void createOrCheck(Connection c, String where) throws SQLException, StoreException {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("SELECT pg_advisory_xact_lock(" + CREATE_LOCK + ")");
      boolean exists;
      try (ResultSet rs = st.executeQuery("SELECT to_regclass('schema_version') IS NOT NULL")) {
        rs.next();
        exists = rs.getBoolean(1);
      }
      if (!exists) {
        for (String sql : CREATE) {
          st.execute(sql);
        }
      } else {
        int version;
        try (ResultSet rs =
            st.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
          rs.next();
          version = rs.getInt(1);
        }
        if (version > VERSION) {
          throw new StoreException(
              where
                  + " has schema version "
                  + version
                  + " but this build of Countersign reads up to version "
                  + VERSION
                  + "; run a newer release against this database");
        }
        if (version < 1) {
          throw new StoreException(where + " has no valid schema version (" + version + ")");
        }
        // Version 1 is the first layout: nothing to migrate yet. Later versions migrate here.
      }
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
  }
}
