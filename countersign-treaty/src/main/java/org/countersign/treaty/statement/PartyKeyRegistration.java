package org.countersign.treaty.statement;

import java.time.Instant;

/**
 * A participant registers the verifier key it will sign its statements with.
 *
 * <p>The author is the participant (party, observer or witness id in the treaty file). The server
 * decides which registrations it trusts (the first one out of band, later ones by {@link
 * KeyRotation}); this record only carries the data.
 *
 * @param treaty the treaty id
 * @param author the participant registering its key
 * @param issuedAt when it was issued (UTC, whole seconds)
 * @param verifierKey the C2SP signed-note verifier key, {@code name+hexid+base64}
 */
@StatementKind("party-key-registration")
public record PartyKeyRegistration(
    String treaty, String author, Instant issuedAt, String verifierKey)
    implements RegistryStatement {
  public PartyKeyRegistration {
    Fields.treaty(treaty);
    Fields.party("author", author);
    Fields.instant("issuedAt", issuedAt);
    Fields.verifierKey("verifierKey", verifierKey);
  }
}
