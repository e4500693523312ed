package org.countersign.testing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.countersign.log.Hash;
import org.countersign.log.note.SignerKey;

/**
 * Deterministic test keys: the seed is SHA-256 of a readable label, so tests are repeatable and a
 * key never has to be stored. Party, log and witness keys are named as the demo names them.
 */
public final class TestKeys {
  private TestKeys() {}

  /** The signing key of a treaty party ({@code US}, {@code RU}, ...): {@code party.test/us}. */
  public static SignerKey party(String party) {
    return signer("party.test/" + party.toLowerCase(Locale.ROOT));
  }

  /** A log's signing key; the C2SP key name of a log is its origin. */
  public static SignerKey log(String origin) {
    return signer(origin);
  }

  /** A witness's signing key (it cosigns under the same key, with its own cosignature key id). */
  public static SignerKey witness(String name) {
    return signer(name);
  }

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
