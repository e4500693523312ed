package org.countersign.server;

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
 * One real PostgreSQL for this module's tests: {@code COUNTERSIGN_TEST_POSTGRES_URL} (a JDBC URL
 * with credentials) if set, else an embedded server (zonky binaries from Maven Central) started
 * once and stopped at JVM exit. Each test gets its own schema. (The store module has the same
 * fixture in its test sources, which other modules cannot depend on.)
 */
final class ServerPostgres {
  static final String ENV = "COUNTERSIGN_TEST_POSTGRES_URL";
  private static final AtomicInteger schemas = new AtomicInteger();
  private static @Nullable String baseUrl;
  private static @Nullable EmbeddedPostgres embedded;

  private ServerPostgres() {}

  static synchronized String baseUrl() {
    if (baseUrl == null) {
      String fromEnv = System.getenv(ENV);
      if (fromEnv != null && !fromEnv.isBlank()) {
        baseUrl = fromEnv;
      } else {
        try {
          embedded = EmbeddedPostgres.builder().start();
          Runtime.getRuntime().addShutdownHook(new Thread(ServerPostgres::stop));
          baseUrl = embedded.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
          throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
      }
    }
    return baseUrl;
  }

  /** A URL whose tables live in a fresh, empty schema. */
  static String freshSchemaUrl() throws SQLException {
    String schema = "cs_server_" + ProcessHandle.current().pid() + "_" + schemas.incrementAndGet();
    try (Connection c = DriverManager.getConnection(baseUrl());
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    }
    String url = baseUrl();
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private static synchronized void stop() {
    try {
      if (embedded != null) {
        embedded.close();
      }
    } catch (IOException e) {
      // Exiting anyway.
    }
  }
}
