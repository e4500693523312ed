package org.countersign.log.note;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/** Deterministic keys for tests: the seed is derived from a readable name and a number. */
final class TestKeys {
  private TestKeys() {}

  static SignerKey key(String name, long seed) {
    byte[] b = new byte[32];
    new SplittableRandom(seed ^ name.hashCode()).nextBytes(b);
    return SignerKey.fromSeed(name, b);
  }

  /** A SecureRandom whose output is fixed by {@code seed}: never use outside tests. */
  static SecureRandom insecureSeededRandom(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    return new SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        r.nextBytes(bytes);
      }
    };
  }
}
