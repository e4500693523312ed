package org.countersign.witness.policy;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.countersign.log.note.VerifierKey;

/**
 * A witness a policy counts: the name the policy calls it by, its cosignature verifier key, and its
 * submission prefix URL for logs that collect cosignatures.
 *
 * <p>The policy name is local to the policy file; the name that appears on cosignature lines is the
 * key's name, {@code key.name()}.
 *
 * @param name the witness's name in the policy
 * @param key its tlog-cosignature verifier key, type 0x04
 * @param url its tlog-witness submission prefix, if the policy says
 */
public record PolicyWitness(String name, VerifierKey key, Optional<URI> url) {
  public PolicyWitness {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(url, "url");
    Quorum.requireName(name);
    if (key.type() != VerifierKey.TYPE_COSIGNATURE_V1) {
      throw new IllegalArgumentException(
          "witness "
              + name
              + ": key "
              + key.id()
              + " must be a cosignature/v1 (type 0x04) key, got type 0x"
              + Integer.toHexString(key.type() & 0xff));
    }
  }
}
