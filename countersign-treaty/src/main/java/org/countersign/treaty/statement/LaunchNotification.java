package org.countersign.treaty.statement;

import java.time.Instant;

/**
 * A party notifies a planned launch of a ballistic missile (or any category a treaty's launch
 * duties name), ahead of {@code launchAt}.
 *
 * @param treaty the treaty id
 * @param author the launching party
 * @param issuedAt when the notification was issued: it must be at least the treaty's notice period
 *     before {@code launchAt}
 * @param launch the party's identifier for this launch (re-notifying the same launch id replaces
 *     the earlier notice, e.g. to move the date)
 * @param category the category of the launched item, e.g. {@code icbm}
 * @param item the launched item's identifier, or {@code ""} if not stated
 * @param launchAt the planned launch time
 * @param launchArea the launch area, or {@code ""} if not stated
 * @param impactArea the reentry vehicles' impact area, or {@code ""} if not stated
 */
@StatementKind("launch-notification")
public record LaunchNotification(
    String treaty,
    String author,
    Instant issuedAt,
    String launch,
    String category,
    String item,
    Instant launchAt,
    String launchArea,
    String impactArea)
    implements TreatyStatement {

  public LaunchNotification {
    Fields.treaty(treaty);
    Fields.party("author", author);
    Fields.instant("issuedAt", issuedAt);
    Fields.identifier("launch", launch);
    Fields.name("category", category);
    Fields.optionalIdentifier("item", item);
    Fields.instant("launchAt", launchAt);
    Fields.optionalText("launchArea", launchArea);
    Fields.optionalText("impactArea", impactArea);
  }
}
