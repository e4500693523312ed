package org.countersign.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.countersign.crypto.Ed25519Provider;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {
  @Test
  void build_defaults_areDocumented() {
    ServerOptions o = ServerOptions.builder().dataDir(Path.of("d")).build();
    assertThat(o.host()).isEqualTo("127.0.0.1");
    assertThat(o.port()).isEqualTo(8080);
    assertThat(o.treatyId()).isEqualTo("new-start");
    assertThat(o.origin()).isEqualTo("countersign.local/new-start");
    assertThat(o.batchMaxSize()).isEqualTo(1024);
    assertThat(o.batchMaxDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(o.clockSkew()).isEqualTo(Duration.ofMinutes(10));
    assertThat(o.postgresUrl()).isEmpty();
    assertThat(o.logKeyFile()).isEqualTo(Path.of("d", "log.key"));
  }

  @Test
  void ed25519_defaultIsBouncyCastle_explicitChoiceKept_secondSetRefused() {
    ServerOptions defaults = ServerOptions.builder().dataDir(Path.of("d")).build();
    assertThat(defaults.ed25519())
        .isEqualTo(
            System.getProperty(Ed25519Provider.PROPERTY) == null
                ? Ed25519Provider.BOUNCY_CASTLE
                : Ed25519Provider.defaultProvider());
    ServerOptions jdk =
        ServerOptions.builder().dataDir(Path.of("d")).ed25519(Ed25519Provider.JDK).build();
    assertThat(jdk.ed25519()).isEqualTo(Ed25519Provider.JDK);
    assertThat(jdk.withPort(1).ed25519()).isEqualTo(Ed25519Provider.JDK);
    assertThatThrownBy(
            () -> ServerOptions.builder().ed25519(Ed25519Provider.JDK).ed25519(Ed25519Provider.JDK))
        .hasMessageContaining("ed25519 is already set");
  }

  @Test
  void build_withoutDataDir_throws() {
    assertThatThrownBy(() -> ServerOptions.builder().build()).hasMessageContaining("dataDir");
  }

  @Test
  void setter_calledTwice_throws() {
    assertThatThrownBy(() -> ServerOptions.builder().port(1).port(2))
        .hasMessageContaining("port is already set");
  }

  @Test
  void build_outOfRange_namesFieldAndValue() {
    assertThatThrownBy(() -> ServerOptions.builder().dataDir(Path.of("d")).port(70000).build())
        .hasMessageContaining("port")
        .hasMessageContaining("70000");
    assertThatThrownBy(() -> ServerOptions.builder().dataDir(Path.of("d")).batchMaxSize(0).build())
        .hasMessageContaining("batch max size")
        .hasMessageContaining("0");
    assertThatThrownBy(
            () ->
                ServerOptions.builder()
                    .dataDir(Path.of("d"))
                    .batchMaxDelay(Duration.ofMinutes(1))
                    .build())
        .hasMessageContaining("60000 ms");
    assertThatThrownBy(
            () -> ServerOptions.builder().dataDir(Path.of("d")).origin("has space").build())
        .hasMessageContaining("has space");
    assertThatThrownBy(
            () -> ServerOptions.builder().dataDir(Path.of("d")).treatyId("New_START").build())
        .hasMessageContaining("New_START");
    assertThatThrownBy(
            () -> ServerOptions.builder().dataDir(Path.of("d")).postgresUrl("mysql://x").build())
        .hasMessageContaining("postgres URL");
  }

  @Test
  void redact_hidesPasswords() {
    assertThat(ServerOptions.redact("jdbc:postgresql://h/db?user=u&password=secret&x=1"))
        .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&x=1");
    assertThat(ServerOptions.redact("postgresql://u:secret@h/db"))
        .isEqualTo("postgresql://***@h/db");
  }
}
