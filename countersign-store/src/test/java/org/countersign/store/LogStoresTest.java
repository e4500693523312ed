package org.countersign.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a location string picks a driver. */
class LogStoresTest {
  @Test
  void parse_jdbcUrl_isPassedAsIs() {
    LogStores.Location l = LogStores.parse("jdbc:postgresql://db:5432/log?user=u&password=p");
    assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/log?user=u&password=p");
    assertThat(l.directory()).isNull();
  }

  @Test
  void parse_libpqUri_becomesJdbcUrlWithCredentials() {
    LogStores.Location l =
        LogStores.parse("postgresql://alice:p%40ss+w@db.example:6543/countersign?sslmode=require");
    assertThat(l.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.example:6543/countersign?sslmode=require");
    assertThat(l.user()).isEqualTo("alice");
    assertThat(l.password()).isEqualTo("p@ss+w");
  }

  @Test
  void parse_postgresSchemeWithoutUserOrPort_keepsDefaults() {
    LogStores.Location l = LogStores.parse("postgres://localhost/log");
    assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/log");
    assertThat(l.user()).isNull();
    assertThat(l.password()).isNull();
  }

  @Test
  void parse_ipv6Host_keepsBrackets() {
    assertThat(LogStores.parse("postgresql://u@[::1]:5432/log").jdbcUrl())
        .isEqualTo("jdbc:postgresql://[::1]:5432/log");
  }

  @Test
  void parse_multiHostUri_throwsWithoutLeakingPassword() {
    assertThatThrownBy(() -> LogStores.parse("postgresql://u:secret@h1,h2/log"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_pathOrFileUri_isSqliteDirectory() {
    assertThat(LogStores.parse("data/log").directory()).isEqualTo(Path.of("data/log"));
    assertThat(LogStores.parse("file:///var/lib/countersign").directory())
        .isEqualTo(Path.of("/var/lib/countersign"));
  }

  @Test
  void parse_unknownScheme_throwsRatherThanMakingADirectory() {
    assertThatThrownBy(() -> LogStores.parse("mysql://u:secret@h/db?password=secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown store scheme")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> LogStores.parse(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void open_directory_opensSqlite(@TempDir Path tmp) throws Exception {
    try (LogStore s = LogStores.open(tmp.resolve("d").toString())) {
      assertThat(s).isInstanceOf(SqliteLogStore.class);
    }
  }
}
