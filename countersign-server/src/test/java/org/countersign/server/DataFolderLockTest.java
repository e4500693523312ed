package org.countersign.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.countersign.fixtures.FakeClock;
import org.countersign.log.note.SignerKey;
import org.countersign.witness.server.WitnessOptions;
import org.countersign.witness.server.WitnessServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, finding 7: one server per data folder, refused at start with a clear message. */
class DataFolderLockTest {
  @TempDir Path dir;

  @Test
  void secondLogServerOnTheSameFolder_refusedAtStart_andFreeAfterStop() throws Exception {
    FakeClock clock = FakeClock.atDefaultStart();
    LogServer first = LogServer.start(TestServers.options(dir, clock).build());
    try {
      assertThatThrownBy(() -> LogServer.start(TestServers.options(dir, clock).build()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("the data folder " + dir.toAbsolutePath())
          .hasMessageContaining("is in use by another log server");
    } finally {
      first.stop();
    }
    LogServer again = LogServer.start(TestServers.options(dir, clock).build());
    assertThat(again.checkpoint().size()).isZero();
    again.stop();
  }

  @Test
  void secondWitnessOnTheSameFolder_refusedAtStart() throws Exception {
    WitnessOptions options =
        WitnessOptions.builder()
            .dataDir(dir.resolve("w"))
            .name("witness.test")
            .log(SignerKey.generate("log.test", new SecureRandom()).publicKey())
            .build();
    WitnessServer first = WitnessServer.start(options);
    try {
      assertThatThrownBy(() -> WitnessServer.start(options))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("is in use by another witness");
    } finally {
      first.close();
    }
    WitnessServer.start(options).close();
  }
}
