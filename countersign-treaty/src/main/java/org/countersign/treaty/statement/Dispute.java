package org.countersign.treaty.statement;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A party contests the declared status (or attributes) of another party's items and states its own
 * reading, as Russia contested the United States' conversion of Trident launchers and B-52H
 * bombers.
 *
 * <p>The dispute applies to each listed item whenever the respondent's declared status of it is
 * {@code declaredStatus}; the compliance report then gives the respondent's totals under both
 * readings. A later dispute by the same author about the same item replaces the earlier reading.
 *
 * @param treaty the treaty id
 * @param author the disputing party
 * @param issuedAt when the dispute was raised
 * @param respondent the party whose items are contested (not the author)
 * @param items the contested items' identifiers, at least one, distinct
 * @param declaredStatus the respondent's declared status that is contested
 * @param readingStatus the status the author holds the items to have, or {@code ""} if the author
 *     contests attributes only
 * @param readingAttributes attribute values in the author's reading (e.g. {@code warheads: 8}), or
 *     empty
 * @param reason the author's grounds, in words
 */
@StatementKind("dispute")
public record Dispute(
    String treaty,
    String author,
    Instant issuedAt,
    String respondent,
    List<String> items,
    String declaredStatus,
    String readingStatus,
    Map<String, Long> readingAttributes,
    String reason)
    implements TreatyStatement {

  public Dispute {
    Fields.treaty(treaty);
    Fields.party("author", author);
    Fields.instant("issuedAt", issuedAt);
    Fields.party("respondent", respondent);
    if (respondent.equals(author)) {
      throw new IllegalArgumentException(
          "respondent must be another party than the author " + author);
    }
    items = Fields.identifiers("items", items);
    Fields.name("declaredStatus", declaredStatus);
    Fields.optionalName("readingStatus", readingStatus);
    readingAttributes = Fields.counts("readingAttributes", readingAttributes);
    if (readingAttributes.isEmpty()
        && (readingStatus.isEmpty() || readingStatus.equals(declaredStatus))) {
      throw new IllegalArgumentException(
          "a dispute must read another status than " + declaredStatus + " or other attributes");
    }
    Fields.text("reason", reason);
  }
}
