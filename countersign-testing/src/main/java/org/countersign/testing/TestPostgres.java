package org.countersign.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One real PostgreSQL per test JVM, shared by every module's tests: the server named by {@code
 * COUNTERSIGN_TEST_POSTGRES_URL} (a JDBC URL with credentials) if set, else an embedded one (zonky:
 * PostgreSQL binaries from Maven Central, started once, stopped at JVM exit). Each test gets a
 * schema of its own.
 */
public final class TestPostgres {
  /** The environment variable that names an external test server instead of the embedded one. */
  public static final String ENV = "COUNTERSIGN_TEST_POSTGRES_URL";

  private static final AtomicInteger schemas = new AtomicInteger();
  private static @Nullable String baseUrl;
  private static @Nullable EmbeddedPostgres embedded;

  private TestPostgres() {}

  /** The JDBC URL (with credentials) of the test server, starting it on first use. */
  public static synchronized String baseUrl() {
    if (baseUrl == null) {
      String fromEnv = System.getenv(ENV);
      if (fromEnv != null && !fromEnv.isBlank()) {
        baseUrl = fromEnv;
      } else {
        try {
          EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
          embedded = pg;
          Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stop));
          baseUrl = pg.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
          throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
      }
    }
    return baseUrl;
  }

  /** Creates an empty schema and returns a URL whose connections create tables in it. */
  public static String freshSchemaUrl() throws SQLException {
    String schema = "cs_test_" + ProcessHandle.current().pid() + "_" + schemas.incrementAndGet();
    execute("CREATE SCHEMA " + schema);
    String url = baseUrl();
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Drops the schema named in a URL from {@link #freshSchemaUrl()}. */
  public static void dropSchema(String url) throws SQLException {
    String schema = url.substring(url.lastIndexOf("currentSchema=") + "currentSchema=".length());
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  /** Runs one SQL statement on the test server (outside any test schema). */
  public static void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(baseUrl());
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static synchronized void stop() {
    try {
      if (embedded != null) {
        embedded.close();
      }
    } catch (IOException e) {
      // The JVM is exiting; nothing to do but leave the temporary directory behind.
    }
  }
}
