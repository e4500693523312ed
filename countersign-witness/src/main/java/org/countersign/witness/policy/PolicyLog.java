package org.countersign.witness.policy;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.countersign.log.note.VerifierKey;

/**
 * A log a policy accepts: its Ed25519 verifier key (whose name is the log's origin) and, for tools
 * that talk to it, its URL.
 *
 * @param key the log's verifier key, type 0x01
 * @param url where the log is served, if the policy says
 */
public record PolicyLog(VerifierKey key, Optional<URI> url) {
  public PolicyLog {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(url, "url");
    if (key.type() != VerifierKey.TYPE_ED25519) {
      throw new IllegalArgumentException(
          "log key "
              + key.id()
              + " must be an Ed25519 (type 0x01) key, got type 0x"
              + Integer.toHexString(key.type() & 0xff));
    }
  }

  /** The log's origin: by tlog-policy, the name of its key. */
  public String origin() {
    return key.name();
  }
}
