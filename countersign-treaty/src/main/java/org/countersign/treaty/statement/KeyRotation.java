package org.countersign.treaty.statement;

import java.time.Instant;

/**
 * A participant replaces its verifier key. The statement MUST be signed by the key it replaces (the
 * server checks that), so that a stolen new key cannot rotate itself in.
 *
 * @param treaty the treaty id
 * @param author the participant rotating its key
 * @param issuedAt when it was issued (UTC, whole seconds)
 * @param previousVerifierKey the key being retired, which signs this statement
 * @param verifierKey the new key
 */
@StatementKind("key-rotation")
public record KeyRotation(
    String treaty, String author, Instant issuedAt, String previousVerifierKey, String verifierKey)
    implements RegistryStatement {
  public KeyRotation {
    Fields.treaty(treaty);
    Fields.party("author", author);
    Fields.instant("issuedAt", issuedAt);
    Fields.verifierKey("previousVerifierKey", previousVerifierKey);
    Fields.verifierKey("verifierKey", verifierKey);
    if (previousVerifierKey.equals(verifierKey)) {
      throw new IllegalArgumentException("verifierKey must differ from previousVerifierKey");
    }
  }
}
