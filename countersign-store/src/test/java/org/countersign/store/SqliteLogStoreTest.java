package org.countersign.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite driver against the shared contract, plus what only SQLite has: the file. */
class SqliteLogStoreTest extends LogStoreContract {
  private static final AtomicInteger counter = new AtomicInteger();

  @TempDir Path tmp;

  @Override
  protected String newLocation() {
    return tmp.resolve("data-" + counter.incrementAndGet()).toString();
  }

  @Test
  void open_newDirectory_usesWalAndFullSync() throws Exception {
    Path dir = tmp.resolve("fresh");
    try (SqliteLogStore s = SqliteLogStore.open(dir)) {
      s.commit(batch(0, 1));
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("log.db"));
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
      }
    }
    assertThat(dir.resolve(SqliteLogStore.FILE_NAME)).isRegularFile();
  }

  @Test
  void open_newerSchemaVersion_refusesWithClearMessage() throws Exception {
    Path dir = tmp.resolve("newer");
    SqliteLogStore.open(dir).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("log.db"));
        Statement st = c.createStatement()) {
      st.execute("UPDATE schema_version SET version = " + (SqliteSchema.VERSION + 1));
    }

    assertThatThrownBy(() -> SqliteLogStore.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version " + (SqliteSchema.VERSION + 1))
        .hasMessageContaining("newer release");
  }

  @Test
  void open_someoneElsesDatabase_refuses() throws Exception {
    Path dir = tmp.resolve("foreign");
    Files.createDirectories(dir);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("log.db"));
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE entries (x INTEGER)");
    }

    assertThatThrownBy(() -> SqliteLogStore.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("not a Countersign log");
  }

  @Test
  void open_pathIsAFile_throwsStoreException() throws Exception {
    Path file = Files.writeString(tmp.resolve("plain"), "x");

    assertThatThrownBy(() -> SqliteLogStore.open(file)).isInstanceOf(StoreException.class);
  }
}
