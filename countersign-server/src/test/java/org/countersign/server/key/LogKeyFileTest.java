package org.countersign.server.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogKeyFileTest {
  @TempDir Path dir;

  @Test
  void loadOrCreate_firstThenAgain_createsOnceWithOwnerOnlyMode() throws Exception {
    Path file = dir.resolve("sub/log.key");
    LogKeyFile.Loaded first = LogKeyFile.loadOrCreate(file, "example.test/log", new SecureRandom());
    assertThat(first.created()).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    LogKeyFile.Loaded again = LogKeyFile.loadOrCreate(file, "example.test/log", new SecureRandom());
    assertThat(again.created()).isFalse();
    assertThat(again.key().verifierKey()).isEqualTo(first.key().verifierKey());
    try (var files = Files.list(file.getParent())) {
      assertThat(files).as("no temporary file left behind").hasSize(1);
    }
  }

  @Test
  void load_otherOrigin_refusedWithBothNames() throws Exception {
    Path file = dir.resolve("log.key");
    LogKeyFile.loadOrCreate(file, "example.test/a", new SecureRandom());
    assertThatThrownBy(() -> LogKeyFile.loadOrCreate(file, "example.test/b", new SecureRandom()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("example.test/a")
        .hasMessageContaining("example.test/b");
  }

  @Test
  void load_corrupted_refused() throws Exception {
    Path file = dir.resolve("log.key");
    Files.writeString(file, "PRIVATE+KEY+example.test/a+00000000+AAAA\n");
    assertThatThrownBy(() -> LogKeyFile.loadOrCreate(file, "example.test/a", new SecureRandom()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not hold a signer key");
  }
}
