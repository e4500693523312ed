package org.countersign.treaty.statement;

import java.time.Instant;

/**
 * A participant adopts a treaty file as the rules its statements are judged by.
 *
 * <p>The digest pins the exact treaty content ({@code Treaty.digest()}: SHA-256 of the canonical
 * JSON of the file's data, so comments and layout do not matter). A replay under a treaty whose
 * digest differs reports the adoption as a discrepancy.
 *
 * @param treaty the treaty id
 * @param author the adopting participant
 * @param issuedAt when it was issued (UTC, whole seconds)
 * @param treatyDigest the adopted treaty's digest, 64 lowercase hex digits
 */
@StatementKind("treaty-adoption")
public record TreatyAdoption(String treaty, String author, Instant issuedAt, String treatyDigest)
    implements TreatyStatement {
  public TreatyAdoption {
    Fields.treaty(treaty);
    Fields.party("author", author);
    Fields.instant("issuedAt", issuedAt);
    Fields.hex32("treatyDigest", treatyDigest);
  }
}
