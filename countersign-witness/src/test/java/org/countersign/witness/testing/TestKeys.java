package org.countersign.witness.testing;

import java.nio.charset.StandardCharsets;
import org.countersign.log.Hash;
import org.countersign.log.note.SignerKey;

/** Deterministic test keys: the seed is SHA-256 of a readable label, so tests are repeatable. */
public final class TestKeys {
  private TestKeys() {}

  /** The Ed25519 key named {@code name} with seed SHA-256("countersign test key " + name). */
  public static SignerKey signer(String name) {
    return signer(name, name);
  }

  /** A key named {@code name} whose seed comes from {@code label}. */
  public static SignerKey signer(String name, String label) {
    byte[] seed =
        Hash.sha256(("countersign test key " + label).getBytes(StandardCharsets.UTF_8)).bytes();
    return SignerKey.fromSeed(name, seed);
  }
}
