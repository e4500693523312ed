package org.countersign.treaty.statement;

import java.time.Instant;
import java.util.Map;
import org.countersign.treaty.json.OmittedWhenEmpty;

/**
 * A party notifies a change to one item: it deploys, moves, converts, eliminates or introduces it
 * (the change kinds and what each must say are treaty data: {@code changeKinds} and {@code
 * notifications} in the treaty file).
 *
 * <p>The notification states the item's category and the fields the change sets; an empty field
 * means "unchanged". From {@code effectiveAt} on, the replay applies it to the author's inventory.
 *
 * @param treaty the treaty id
 * @param author the notifying party, which holds the item
 * @param issuedAt when the notification was issued: the time that meets or misses its deadline
 * @param change the change kind id, e.g. {@code deploy}
 * @param item the item's unique identifier
 * @param category the item's category
 * @param effectiveAt when the change took (or takes) effect
 * @param status the item's status after the change, or {@code ""} if unchanged
 * @param site the item's site after the change, or {@code ""} if unchanged
 * @param zone the item's zone after the change, or {@code ""} if unchanged
 * @param attributes attributes the change sets (e.g. {@code warheads: 4}); others are unchanged
 * @param type the item's type after the change (for a new item, its type), or {@code ""} if
 *     unchanged or not stated; optional in the signed form, left out when empty
 */
@StatementKind("change-notification")
public record ChangeNotification(
    String treaty,
    String author,
    Instant issuedAt,
    String change,
    String item,
    String category,
    Instant effectiveAt,
    String status,
    String site,
    String zone,
    Map<String, Long> attributes,
    @OmittedWhenEmpty String type)
    implements TreatyStatement {

  public ChangeNotification {
    Fields.treaty(treaty);
    Fields.party("author", author);
    Fields.instant("issuedAt", issuedAt);
    Fields.name("change", change);
    Fields.identifier("item", item);
    Fields.name("category", category);
    Fields.instant("effectiveAt", effectiveAt);
    Fields.optionalName("status", status);
    Fields.optionalIdentifier("site", site);
    Fields.optionalIdentifier("zone", zone);
    attributes = Fields.counts("attributes", attributes);
    Fields.optionalName("type", type);
  }

  /** A notification that states no type. */
  public ChangeNotification(
      String treaty,
      String author,
      Instant issuedAt,
      String change,
      String item,
      String category,
      Instant effectiveAt,
      String status,
      String site,
      String zone,
      Map<String, Long> attributes) {
    this(
        treaty,
        author,
        issuedAt,
        change,
        item,
        category,
        effectiveAt,
        status,
        site,
        zone,
        attributes,
        "");
  }
}
