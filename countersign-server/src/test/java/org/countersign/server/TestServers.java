package org.countersign.server;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;

/** Options for servers started by tests: loopback, ephemeral port, short batches. */
final class TestServers {
  static final String TREATY = "new-start";

  private TestServers() {}

  static ServerOptions.Builder options(Path dir, InstantSource clock) {
    return ServerOptions.builder()
        .dataDir(dir)
        .port(0)
        .treatyId(TREATY)
        .clock(clock)
        .batchMaxDelay(Duration.ofMillis(5))
        .random(deterministicRandom());
  }

  static SecureRandom deterministicRandom() {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(42L);
      return r;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
