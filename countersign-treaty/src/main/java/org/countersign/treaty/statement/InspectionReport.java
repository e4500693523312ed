package org.countersign.treaty.statement;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;

/**
 * The inspecting party's report: the items it found at the inspected site, and what it counted.
 *
 * <p>Findings are checked against the inspected party's revealed escrow entries: an item found at a
 * site (or zone, or of a category) whose every item was revealed, but which is not among them, is
 * proof of an incomplete declaration; a counted attribute that differs from the revealed one is a
 * discrepancy.
 *
 * @param treaty the treaty id
 * @param author the inspecting party
 * @param issuedAt when it was issued (UTC, whole seconds)
 * @param requestId the inspection request this reports on
 * @param inspectedParty the inspected party
 * @param site the site inspected
 * @param zone the zone of the site, or {@code ""}
 * @param findings the items found, no item id twice
 */
@StatementKind("inspection-report")
public record InspectionReport(
    String treaty,
    String author,
    Instant issuedAt,
    String requestId,
    String inspectedParty,
    String site,
    String zone,
    List<InspectionFinding> findings)
    implements InspectionStatement {

  public InspectionReport {
    EscrowFieldRules.party("treaty", treaty);
    EscrowFieldRules.party("author", author);
    EscrowFieldRules.issuedAt(issuedAt);
    EscrowFieldRules.identifier("requestId", requestId);
    EscrowFieldRules.party("inspectedParty", inspectedParty);
    EscrowFieldRules.identifier("site", site);
    EscrowFieldRules.optionalIdentifier("zone", zone);
    findings = EscrowFieldRules.list("findings", findings);
    var ids = new HashSet<String>();
    for (InspectionFinding f : findings) {
      if (!ids.add(f.itemId())) {
        throw new IllegalArgumentException("item " + f.itemId() + " is reported twice");
      }
    }
  }
}
