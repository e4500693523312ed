package org.countersign.treaty.statement;

import java.time.Instant;

/**
 * An inspecting party's request for an inspection of one type in one treaty year, with the
 * parameters of the joint random draw that picks its object.
 *
 * <p>The draw chooses {@link #sampleSize()} of {@link #populationSize()} positions. When {@link
 * #population()} is the root of one of the inspected party's escrow commitments, the positions are
 * leaf indexes of that commitment, which the inspected party then opens with a {@code SAMPLE}
 * reveal; otherwise the treaty defines what the positions index. Both sides commit to their random
 * values by {@link #commitBy()} and reveal them by {@link #revealBy()}; a side that misses either
 * deadline forfeits according to the treaty's forfeit rule.
 *
 * @param treaty the treaty id
 * @param author the inspecting party
 * @param issuedAt when the request was issued (UTC, whole seconds)
 * @param requestId unique id of this request within the treaty
 * @param inspectionType the treaty's inspection type, e.g. {@code type-one}
 * @param treatyYear the treaty year the request counts against (the quota year)
 * @param inspectedParty the party to be inspected
 * @param site the site to inspect
 * @param checkpoint the checkpoint whose root enters the draw
 * @param population what the drawn positions index, e.g. an escrow root in hex; may be empty
 * @param populationSize the number of positions to draw from, at least 1
 * @param sampleSize how many distinct positions to draw, 1 to populationSize
 * @param commitBy the deadline for both randomness commitments
 * @param revealBy the deadline for both randomness reveals, not before commitBy
 */
@StatementKind("inspection-request")
public record InspectionRequest(
    String treaty,
    String author,
    Instant issuedAt,
    String requestId,
    String inspectionType,
    int treatyYear,
    String inspectedParty,
    String site,
    InspectionCheckpoint checkpoint,
    String population,
    long populationSize,
    long sampleSize,
    Instant commitBy,
    Instant revealBy)
    implements InspectionStatement {

  public InspectionRequest {
    EscrowFieldRules.party("treaty", treaty);
    EscrowFieldRules.party("author", author);
    EscrowFieldRules.issuedAt(issuedAt);
    EscrowFieldRules.identifier("requestId", requestId);
    EscrowFieldRules.name("inspectionType", inspectionType);
    if (treatyYear < 1 || treatyYear > 9999) {
      throw new IllegalArgumentException("treatyYear must be 1-9999, got " + treatyYear);
    }
    EscrowFieldRules.party("inspectedParty", inspectedParty);
    if (inspectedParty.equals(author)) {
      throw new IllegalArgumentException("a party cannot inspect itself: " + author);
    }
    EscrowFieldRules.identifier("site", site);
    if (checkpoint == null) {
      throw new IllegalArgumentException("checkpoint is missing");
    }
    EscrowFieldRules.optionalIdentifier("population", population);
    if (populationSize < 1) {
      throw new IllegalArgumentException(
          "populationSize must be at least 1, got " + populationSize);
    }
    if (sampleSize < 1 || sampleSize > populationSize) {
      throw new IllegalArgumentException(
          "sampleSize must be 1.." + populationSize + " (the population), got " + sampleSize);
    }
    if (commitBy == null || revealBy == null) {
      throw new IllegalArgumentException("commitBy and revealBy are required");
    }
    if (!commitBy.isAfter(issuedAt)) {
      throw new IllegalArgumentException(
          "commitBy " + commitBy + " must be after issuedAt " + issuedAt);
    }
    if (revealBy.isBefore(commitBy)) {
      throw new IllegalArgumentException(
          "revealBy " + revealBy + " is before commitBy " + commitBy);
    }
  }
}
