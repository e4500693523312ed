package org.countersign.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.countersign.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL driver against the shared contract, on a real server (see {@link TestPostgres}),
 * plus what only PostgreSQL has.
 */
class PostgresLogStoreIT extends LogStoreContract {
  @Override
  protected String newLocation() throws Exception {
    return TestPostgres.freshSchemaUrl();
  }

  @Override
  protected void discard(String location) throws Exception {
    TestPostgres.dropSchema(location);
  }

  @Test
  void open_newerSchemaVersion_refusesWithClearMessage() throws Exception {
    String url = TestPostgres.freshSchemaUrl();
    PostgresLogStore.open(url).close();
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.execute("UPDATE schema_version SET version = " + (PostgresSchema.VERSION + 1));
    }

    assertThatThrownBy(() -> PostgresLogStore.open(url))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version " + (PostgresSchema.VERSION + 1))
        .hasMessageContaining("newer release");
    TestPostgres.dropSchema(url);
  }

  @Test
  void open_tablesOfSomeoneElse_refusesToAdoptThem() throws Exception {
    String url = TestPostgres.freshSchemaUrl();
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE entries (x integer)");
    }

    assertThatThrownBy(() -> PostgresLogStore.open(url))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("entries");
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT to_regclass('schema_version') IS NULL")) {
      rs.next();
      assertThat(rs.getBoolean(1)).as("failed creation left nothing behind").isTrue();
    }
    TestPostgres.dropSchema(url);
  }

  @Test
  void open_notAPostgresUrl_throwsIllegalArgument() {
    assertThatThrownBy(() -> PostgresLogStore.open("jdbc:mysql://h/db?password=secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
  }
}
