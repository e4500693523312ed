package org.countersign.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.countersign.log.tile.EntryBundle;

/**
 * Creates and checks the SQLite schema of a log database, inside the caller's write transaction.
 *
 * <p>The file is marked with an {@code application_id} and a {@code schema_version} row. A file
 * holding a newer version is refused, so that an older binary never writes to a layout it does not
 * understand; a file holding someone else's tables is refused rather than adopted.
 */
final class SqliteSchema {
  /** The layout this build reads and writes. */
  static final int VERSION = 1;

  /** {@code PRAGMA application_id}: "CtSg", so {@code file(1)} and humans can tell the file. */
  static final int APPLICATION_ID = 0x43745367;

  private static final String[] CREATE = {
    "CREATE TABLE schema_version (version INTEGER NOT NULL) STRICT",
    // One row: the integrated size and the latest log-signed checkpoint, updated by each commit.
    "CREATE TABLE tree_state (id INTEGER PRIMARY KEY CHECK (id = 0),"
        + " size INTEGER NOT NULL CHECK (size >= 0), checkpoint TEXT NOT NULL) STRICT",
    // idx is the rowid: entries are stored in index order and range reads walk the table b-tree.
    "CREATE TABLE entries (idx INTEGER PRIMARY KEY CHECK (idx >= 0),"
        + " identity BLOB NOT NULL UNIQUE CHECK (length(identity) = 32),"
        + " data BLOB NOT NULL CHECK (length(data) <= "
        + EntryBundle.MAX_ENTRY_SIZE
        + ")) STRICT",
    "CREATE TABLE tiles (level INTEGER NOT NULL, idx INTEGER NOT NULL,"
        + " data BLOB NOT NULL CHECK (length(data) BETWEEN 32 AND "
        + Batch.FULL_TILE_BYTES
        + "),"
        + " PRIMARY KEY (level, idx)) STRICT",
    "CREATE TABLE checkpoints (size INTEGER PRIMARY KEY CHECK (size >= 0),"
        + " note TEXT NOT NULL) STRICT",
    "CREATE TABLE published_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 0),"
        + " note TEXT NOT NULL) STRICT",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) STRICT",
    "INSERT INTO tree_state (id, size, checkpoint) VALUES (0, 0, '')",
    "INSERT INTO schema_version (version) VALUES (" + VERSION + ")",
    "PRAGMA application_id = " + APPLICATION_ID,
  };

  private SqliteSchema() {}

  /**
   * Creates the schema in an empty database or checks the existing one. Runs inside a write
   * transaction, so two processes opening a new file at once create it exactly once.
   */
  static void createOrCheck(Connection writer, Path file) throws SQLException, StoreException {
    try (Statement st = writer.createStatement()) {
      int applicationId = queryInt(st, "PRAGMA application_id");
      int tables = queryInt(st, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
      if (tables == 0 && applicationId == 0) {
        for (String sql : CREATE) {
          st.execute(sql);
        }
        return;
      }
      if (applicationId != APPLICATION_ID) {
        throw new StoreException(
            file + " is not a Countersign log (SQLite application_id " + applicationId + ")");
      }
      int version = queryInt(st, "SELECT max(version) FROM schema_version");
      if (version > VERSION) {
        throw new StoreException(
            file
                + " has schema version "
                + version
                + " but this build of Countersign reads up to version "
                + VERSION
                + "; run a newer release on this data directory");
      }
      if (version < 1) {
        throw new StoreException(file + " has no valid schema version (" + version + ")");
      }
      // Version 1 is the first layout: nothing to migrate yet. Later versions migrate here.
    }
  }

  private static int queryInt(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
