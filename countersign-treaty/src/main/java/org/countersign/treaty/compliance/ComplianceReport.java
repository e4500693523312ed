package org.countersign.treaty.compliance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.countersign.treaty.json.CanonicalJson;
import org.jspecify.annotations.Nullable;

/**
 * What the log says about a treaty at one instant: the output of {@link
 * ComplianceEngine#reportAt}.
 *
 * <p>Everything in it is a function of the treaty, the log prefix applied and the instant, and
 * every list has a fixed order, so {@link #canonicalJson()} is byte-identical wherever it is
 * computed: the server's report and an observer's offline replay of the same prefix can be
 * compared byte for byte. Each number carries the log indexes of the entries that justify it.
 *
 * @param treaty the treaty id
 * @param treatyDigest the digest of the treaty file the replay used
 * @param at the instant the report describes (UTC, whole seconds)
 * @param entries how many log entries were applied
 * @param lastIndex the index of the last entry applied, or -1 for none
 * @param status the treaty's own status at {@code at}
 * @param parties every participant, sorted by id, with its limits (parties only)
 * @param notificationsOnTime how many notification duties triggered by {@code at} were met on time
 * @param notifications late and missing notifications, sorted by party, deadline, duty, item
 * @param dataExchanges every scheduled data exchange as of {@code at} or earlier, per party,
 *     sorted by party, as-of date and calendar
 * @param discrepancies contradictions between statements dated {@code at} or earlier, sorted
 * @param disputes disputes raised by {@code at}, by log index
 * @param inadmissible logged entries the treaty does not admit, by log index (a correct server
 *     never logs one; a replay lists them instead of silently skipping them)
 */
public record ComplianceReport(
    String treaty, String treatyDigest, Instant at, long entries, long lastIndex,
    TreatyStatus status, List<PartyReport> parties, long notificationsOnTime,
    List<NotificationFinding> notifications, List<DataExchangeFinding> dataExchanges,
    List<Discrepancy> discrepancies, List<DisputeFinding> disputes,
    List<InadmissibleEntry> inadmissible) {

  public ComplianceReport {
    parties = List.copyOf(parties);
    notifications = List.copyOf(notifications);
    dataExchanges = List.copyOf(dataExchanges);
    discrepancies = List.copyOf(discrepancies);
    disputes = List.copyOf(disputes);
    inadmissible = List.copyOf(inadmissible);
  }

  /**
   * The treaty's status.
   *
   * @param inForce whether the treaty is in force on the report's day
   * @param signed signature date
   * @param entryIntoForce entry into force
   * @param expiry the expiry date as known on the report's day (extensions agreed by then)
   * @param treatyYear the treaty year of the report's day, 0 before entry into force
   */
  public record TreatyStatus(boolean inForce, LocalDate signed, LocalDate entryIntoForce,
      LocalDate expiry, int treatyYear) {}

  /**
   * One participant.
   *
   * @param party the id
   * @param name the full name
   * @param role party, observer or witness
   * @param joins the day it joins
   * @param standing {@code bound}, {@code suspended} (bound, but declared a suspension), {@code
   *     withdrawn}, {@code not-yet-joined}, {@code treaty-not-in-force}, {@code observer} or
   *     {@code witness}
   * @param adoption the log index of its first adoption of this treaty text, or null
   * @param suspendedSince first day of the suspension in effect, or null
   * @param suspensionEntry the log index of that suspension, or null
   * @param withdrawalEffective the day its withdrawal takes effect, or null if none was noticed
   * @param withdrawalEntry the log index of the withdrawal notice, or null
   * @param limits the limits that apply to it, in treaty order (empty for non-parties)
   */
  public record PartyReport(String party, String name, String role, LocalDate joins,
      String standing, @Nullable Long adoption, @Nullable LocalDate suspendedSince,
      @Nullable Long suspensionEntry, @Nullable LocalDate withdrawalEffective,
      @Nullable Long withdrawalEntry, List<LimitLine> limits) {
    public PartyReport {
      limits = List.copyOf(limits);
    }
  }

  /**
   * One party's standing against one limit.
   *
   * @param limit the limit id
   * @param name the limit's name
   * @param value the ceiling
   * @param bindsFrom the first day it binds
   * @param zone the zone of a regional limit, or empty
   * @param inForce whether it binds the party on the report's day
   * @param total the party's counted total, or null if it has declared nothing for this limit
   * @param source {@code items} (counted from its item-level declaration and notifications under
   *     the treaty's rules), {@code data-exchange} (its published total) or {@code none}
   * @param asOf the as-of date of the declaration or data exchange the total rests on
   * @param margin {@code value - total}, negative when exceeded, or null without a total
   * @param exceeded whether the total is above the ceiling (lawful while the limit is not in force)
   * @param breach whether the ceiling is exceeded while in force
   * @param evidence log indexes of the entries the total rests on, ascending
   * @param readings the total under each other party's reading of disputed items, where it differs
   */
  public record LimitLine(String limit, String name, long value, LocalDate bindsFrom, String zone,
      boolean inForce, @Nullable Long total, String source, @Nullable LocalDate asOf,
      @Nullable Long margin, boolean exceeded, boolean breach, List<Long> evidence,
      List<Reading> readings) {
    public LimitLine {
      evidence = List.copyOf(evidence);
      readings = List.copyOf(readings);
    }
  }

  /**
   * A party's total under another party's reading of disputed items.
   *
   * @param by the disputing party
   * @param total the total with the disputed items read as that party reads them
   * @param margin the limit minus that total
   * @param exceeded whether that total is above the ceiling
   * @param evidence the dispute entries applied, ascending
   */
  public record Reading(String by, long total, long margin, boolean exceeded, List<Long> evidence) {
    public Reading {
      evidence = List.copyOf(evidence);
    }
  }

  /**
   * A notification that was late, or missing at the report's instant.
   *
   * @param party the party that owed it
   * @param duty the duty id
   * @param status {@code late} (given after its deadline) or {@code missing} (not given by the
   *     report's instant, deadline passed)
   * @param trigger {@code change} or {@code launch} (known from the notification itself), or
   *     {@code inferred} (a change visible only as a difference between two declarations)
   * @param item the item (or launch id) concerned
   * @param category its category
   * @param change the change kind(s), or empty for launches
   * @param eventAt when the change or launch took place, or null when inferred
   * @param deadline the last on-time instant
   * @param notifiedAt when the notification was issued, or null if missing
   * @param whileSuspended whether the party had declared a suspension by the deadline
   * @param detail a sentence for the reader
   * @param evidence log indexes, ascending
   */
  public record NotificationFinding(String party, String duty, String status, String trigger,
      String item, String category, String change, @Nullable Instant eventAt, Instant deadline,
      @Nullable Instant notifiedAt, boolean whileSuspended, String detail, List<Long> evidence) {
    public NotificationFinding {
      evidence = List.copyOf(evidence);
    }
  }

  /**
   * One scheduled data exchange of one party.
   *
   * @param party the party
   * @param exchange the calendar id
   * @param asOf the as-of date
   * @param deadline the last on-time instant
   * @param status {@code on-time}, {@code late}, {@code missing} (deadline passed, nothing given)
   *     or {@code pending} (not given yet, deadline ahead)
   * @param providedAt when data as of that date was first provided, or null
   * @param whileSuspended whether the party had declared a suspension by the as-of date
   * @param evidence the data-exchange and declaration entries for that date, ascending
   */
  public record DataExchangeFinding(String party, String exchange, LocalDate asOf,
      Instant deadline, String status, @Nullable Instant providedAt, boolean whileSuspended,
      List<Long> evidence) {
    public DataExchangeFinding {
      evidence = List.copyOf(evidence);
    }
  }

  /**
   * Two statements that cannot both be true, or a statement that does not fit the record.
   *
   * @param kind e.g. {@code eliminated-item-declared}, {@code data-exchange-contradicts-items}
   * @param party the party whose statements conflict
   * @param date the day the conflict arises
   * @param item the item concerned, or empty
   * @param detail a sentence for the reader, with the numbers
   * @param evidence log indexes, ascending
   */
  public record Discrepancy(String kind, String party, LocalDate date, String item,
      String detail, List<Long> evidence) {
    public Discrepancy {
      evidence = List.copyOf(evidence);
    }
  }

  /**
   * A dispute and what it touches at the report's instant.
   *
   * @param index the dispute's log index
   * @param by the disputing party
   * @param against the respondent
   * @param items the contested item ids
   * @param declaredStatus the contested status
   * @param readingStatus the disputing party's reading, or empty
   * @param readingAttributes attribute values in that reading
   * @param reason the stated grounds
   * @param applies the contested items that have the contested status at the report's instant
   * @param unknownItems contested items absent from the respondent's item-level inventory
   */
  public record DisputeFinding(long index, String by, String against, List<String> items,
      String declaredStatus, String readingStatus, Map<String, Long> readingAttributes,
      String reason, List<String> applies, List<String> unknownItems) {
    public DisputeFinding {
      items = List.copyOf(items);
      // Sorted: Map.copyOf iterates in an order that differs between JVM runs.
      readingAttributes = java.util.Collections.unmodifiableSortedMap(
          new java.util.TreeMap<>(readingAttributes));
      applies = List.copyOf(applies);
      unknownItems = List.copyOf(unknownItems);
    }
  }

  /**
   * A logged entry that the treaty does not admit.
   *
   * @param index its log index
   * @param author its author
   * @param kind its kind
   * @param reason why it is refused
   */
  public record InadmissibleEntry(long index, String author, String kind, String reason) {}

  /** The report as a JSON tree (see {@link #canonicalJson()}). */
  public ObjectNode toJson() {
    return ReportJson.of(this);
  }

  /**
   * The report as RFC 8785 canonical JSON: byte-identical for the same treaty, log prefix and
   * instant. Absent values are JSON {@code null}; instants are {@code YYYY-MM-DDTHH:MM:SSZ}.
   */
  public String canonicalJson() {
    return CanonicalJson.canonicalize(toJson());
  }

  /** The report as plain text for a reader, one fact per line. */
  public String toText() {
    return ReportText.of(this);
  }
}
