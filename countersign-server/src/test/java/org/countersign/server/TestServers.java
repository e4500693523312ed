package org.countersign.server;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.VerifierKey;
import org.countersign.treaty.protocol.FirstKeys;

/** Options for servers started by tests: loopback, ephemeral port, short batches. */
final class TestServers {
  static final String TREATY = "new-start";

  /**
   * The first keys agreed for the test parties ({@link TestParty} keys of seed label {@code k1}): a
   * test server admits no other first key.
   */
  static final FirstKeys FIRST_KEYS = firstKeys("US", "RU", "CN", "FR");

  private TestServers() {}

  static FirstKeys firstKeys(String... parties) {
    Map<String, VerifierKey> keys = new HashMap<>();
    for (String p : parties) {
      keys.put(p, parse(TestParty.keyFor(p, "k1").verifierKey()));
    }
    return FirstKeys.of(keys);
  }

  private static VerifierKey parse(String vkey) {
    try {
      return VerifierKey.parse(vkey);
    } catch (MalformedInputException e) {
      throw new AssertionError(e);
    }
  }

  static ServerOptions.Builder options(Path dir, InstantSource clock) {
    return options(dir, clock, FIRST_KEYS);
  }

  /** {@link #options(Path, InstantSource)} with other agreed first keys. */
  static ServerOptions.Builder options(Path dir, InstantSource clock, FirstKeys firstKeys) {
    return ServerOptions.builder()
        .dataDir(dir)
        .port(0)
        .treatyId(TREATY)
        .clock(clock)
        .batchMaxDelay(Duration.ofMillis(5))
        .random(deterministicRandom())
        .firstKeys(firstKeys);
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
