package org.countersign.treaty.compliance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.countersign.treaty.json.CanonicalJson;
import org.jspecify.annotations.Nullable;

/**
 * What the log says about a treaty at one instant: the output of {@link ComplianceEngine#reportAt}.
 *
 * <p>Everything in it is a function of the treaty, the log prefix applied and the instant, and
 * every list has a fixed order, so {@link #canonicalJson()} is byte-identical wherever it is
 * computed: the server's report and an observer's offline replay of the same prefix can be compared
 * byte for byte. Each number carries the log indexes of the entries that justify it.
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
 * @param dataExchanges every scheduled data exchange as of {@code at} or earlier, per party, sorted
 *     by party, as-of date and calendar
 * @param discrepancies contradictions between statements dated {@code at} or earlier, sorted
 * @param disputes disputes raised by {@code at}, by log index
 * @param inadmissible logged entries the treaty does not admit, by log index (a correct server
 *     never logs one; a replay lists them instead of silently skipping them)
 * @param inspectionQuotas inspection quotas used and refused, per inspecting party, type and treaty
 *     year: every party and type for the report's treaty year, and any other year with a request;
 *     sorted by party, type and year
 * @param inspections every inspection request issued by {@code at}, its joint draw, who delayed it,
 *     and whether the report's designated item is the drawn one; by log index
 * @param detection for each party and each inspection type whose population the treaty defines, the
 *     probability that the treaty's yearly quota catches a few hidden violations among the party's
 *     declared items; sorted by party, then in the treaty file's order of types
 * @param view {@code as-known} (only statements issued by {@code at} were used) or {@code
 *     retrospective} (every applied entry was used); see {@link ReportView}
 * @param laterEntries how many applied entries were issued after {@code at}: left out of an
 *     as-known report, used by a retrospective one
 */
public record ComplianceReport(
    String treaty,
    String treatyDigest,
    Instant at,
    long entries,
    long lastIndex,
    TreatyStatus status,
    List<PartyReport> parties,
    long notificationsOnTime,
    List<NotificationFinding> notifications,
    List<DataExchangeFinding> dataExchanges,
    List<Discrepancy> discrepancies,
    List<DisputeFinding> disputes,
    List<InadmissibleEntry> inadmissible,
    List<InspectionQuotaLine> inspectionQuotas,
    List<InspectionLine> inspections,
    List<DetectionLine> detection,
    String view,
    long laterEntries) {

  public ComplianceReport {
    parties = List.copyOf(parties);
    notifications = List.copyOf(notifications);
    dataExchanges = List.copyOf(dataExchanges);
    discrepancies = List.copyOf(discrepancies);
    disputes = List.copyOf(disputes);
    inadmissible = List.copyOf(inadmissible);
    inspectionQuotas = List.copyOf(inspectionQuotas);
    inspections = List.copyOf(inspections);
    detection = List.copyOf(detection);
  }

  /**
   * How many findings of each kind the report holds, every kind counted (zero included), for
   * summaries that must not miss one: limit breaches, late and missing notifications and data
   * exchanges, discrepancies, disputes, inadmissible entries, refused inspection requests and
   * delayed draws. In the JSON form as {@code findings}.
   */
  public java.util.SortedMap<String, Long> findingCounts() {
    var counts = new java.util.TreeMap<String, Long>();
    counts.put(
        "limit-breaches",
        parties.stream().flatMap(p -> p.limits().stream()).filter(LimitLine::breach).count());
    counts.put(
        "notifications-late",
        notifications.stream().filter(n -> n.status().equals("late")).count());
    counts.put(
        "notifications-missing",
        notifications.stream().filter(n -> n.status().equals("missing")).count());
    counts.put(
        "data-exchanges-late",
        dataExchanges.stream().filter(x -> x.status().equals("late")).count());
    counts.put(
        "data-exchanges-missing",
        dataExchanges.stream().filter(x -> x.status().equals("missing")).count());
    counts.put("discrepancies", (long) discrepancies.size());
    counts.put("disputes", (long) disputes.size());
    counts.put("inadmissible-entries", (long) inadmissible.size());
    counts.put(
        "inspection-requests-refused",
        inspectionQuotas.stream().mapToLong(InspectionQuotaLine::refused).sum());
    counts.put(
        "inspection-draw-delays", inspections.stream().mapToLong(i -> i.delays().size()).sum());
    return counts;
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
  public record TreatyStatus(
      boolean inForce,
      LocalDate signed,
      LocalDate entryIntoForce,
      LocalDate expiry,
      int treatyYear) {}

  /**
   * One participant.
   *
   * @param party the id
   * @param name the full name
   * @param role party, observer or witness
   * @param joins the day it joins
   * @param standing {@code bound}, {@code suspended} (bound, but declared a suspension), {@code
   *     withdrawn}, {@code not-yet-joined}, {@code treaty-not-in-force}, {@code observer} or {@code
   *     witness}
   * @param adoption the log index of its first adoption of this treaty text, or null
   * @param suspendedSince first day of the suspension in effect, or null
   * @param suspensionEntry the log index of that suspension, or null
   * @param withdrawalEffective the day its withdrawal takes effect, or null if none was noticed
   * @param withdrawalEntry the log index of the withdrawal notice, or null
   * @param limits the limits that apply to it, in treaty order (empty for non-parties)
   */
  public record PartyReport(
      String party,
      String name,
      String role,
      LocalDate joins,
      String standing,
      @Nullable Long adoption,
      @Nullable LocalDate suspendedSince,
      @Nullable Long suspensionEntry,
      @Nullable LocalDate withdrawalEffective,
      @Nullable Long withdrawalEntry,
      List<LimitLine> limits) {
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
   *     the treaty's rules), {@code data-exchange} (its published total) or {@code "none"}
   * @param asOf the as-of date of the declaration or data exchange the total rests on
   * @param margin {@code value - total}, negative when exceeded, or null without a total
   * @param exceeded whether the total is above the ceiling (lawful while the limit is not in force)
   * @param breach whether the ceiling is exceeded while in force
   * @param evidence log indexes of the entries the total rests on, ascending
   * @param readings the total under each other party's reading of disputed items, where it differs
   * @param publication whether the party published this figure for {@code asOf}: {@code published}
   *     (a data exchange as of that date states it: the total is the exchange's, or the items'
   *     count where both exist, any difference being a discrepancy), {@code not-published} (the
   *     party's data exchange as of that date leaves this figure out: the total is only what its
   *     item-level record counts), {@code items} (no data exchange as of that date; the item-level
   *     record alone), {@code escrow} (counted from an escrow commitment's published totals) or
   *     {@code "none"} (no total)
   * @param note why there is no total although evidence exists (an escrow commitment whose
   *     published totals cannot decide this limit: the reason), or empty
   */
  public record LimitLine(
      String limit,
      String name,
      long value,
      LocalDate bindsFrom,
      String zone,
      boolean inForce,
      @Nullable Long total,
      String source,
      @Nullable LocalDate asOf,
      @Nullable Long margin,
      boolean exceeded,
      boolean breach,
      List<Long> evidence,
      List<Reading> readings,
      String publication,
      String note) {
    public LimitLine {
      evidence = List.copyOf(evidence);
      readings = List.copyOf(readings);
    }

    /**
     * A line whose publication follows from its source alone: {@code published} for a data
     * exchange, {@code items} for items, {@code "none"} otherwise (for reports built by hand).
     */
    public LimitLine(
        String limit,
        String name,
        long value,
        LocalDate bindsFrom,
        String zone,
        boolean inForce,
        @Nullable Long total,
        String source,
        @Nullable LocalDate asOf,
        @Nullable Long margin,
        boolean exceeded,
        boolean breach,
        List<Long> evidence,
        List<Reading> readings) {
      this(
          limit,
          name,
          value,
          bindsFrom,
          zone,
          inForce,
          total,
          source,
          asOf,
          margin,
          exceeded,
          breach,
          evidence,
          readings,
          switch (source) {
            case "data-exchange" -> "published";
            case "items", "escrow" -> source;
            default -> "none";
          },
          "");
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
   * @param trigger {@code change} or {@code launch} (known from the notification itself), or {@code
   *     inferred} (a change visible only as a difference between two declarations)
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
  public record NotificationFinding(
      String party,
      String duty,
      String status,
      String trigger,
      String item,
      String category,
      String change,
      @Nullable Instant eventAt,
      Instant deadline,
      @Nullable Instant notifiedAt,
      boolean whileSuspended,
      String detail,
      List<Long> evidence) {
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
  public record DataExchangeFinding(
      String party,
      String exchange,
      LocalDate asOf,
      Instant deadline,
      String status,
      @Nullable Instant providedAt,
      boolean whileSuspended,
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
  public record Discrepancy(
      String kind, String party, LocalDate date, String item, String detail, List<Long> evidence) {
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
  public record DisputeFinding(
      long index,
      String by,
      String against,
      List<String> items,
      String declaredStatus,
      String readingStatus,
      Map<String, Long> readingAttributes,
      String reason,
      List<String> applies,
      List<String> unknownItems) {
    public DisputeFinding {
      items = List.copyOf(items);
      // Sorted: Map.copyOf iterates in an order that differs between JVM runs.
      readingAttributes =
          java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(readingAttributes));
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

  /**
   * One inspecting party's use of one inspection type's quota in one treaty year.
   *
   * @param party the inspecting party
   * @param inspectionType the inspection type
   * @param treatyYear the treaty year the requests count against
   * @param quota the yearly quota the treaty file sets
   * @param used requests issued by the report's instant and counted against the quota
   * @param refused logged requests the replay refused for this party, type and year (over quota or
   *     of a type without quota); a server that checks requests at submission never logs one
   * @param remaining {@code quota - used}, never below 0
   * @param evidence the log indexes of the used and refused requests, ascending
   */
  public record InspectionQuotaLine(
      String party,
      String inspectionType,
      int treatyYear,
      int quota,
      int used,
      int refused,
      int remaining,
      List<Long> evidence) {
    public InspectionQuotaLine {
      evidence = List.copyOf(evidence);
    }
  }

  /**
   * One inspection request, its joint draw and its report.
   *
   * @param requestId the request's id
   * @param entry the request's log index
   * @param inspecting the inspecting party (the request's author)
   * @param inspected the inspected party
   * @param inspectionType the inspection type
   * @param treatyYear the treaty year it counts against
   * @param site the site to inspect
   * @param commitBy the commit deadline of the draw
   * @param revealBy the reveal deadline of the draw
   * @param draw {@code "pending"} (deadlines open), {@code "drawn"} (seed decided), {@code
   *     inspecting-party-chooses} (the inspected party delayed, the inspecting party designates the
   *     object) or {@code lapsed} (the inspecting party delayed; the request still counts against
   *     its quota), under the treaty's forfeit rule
   * @param seed the draw seed, 64 hex digits, or null unless drawn
   * @param population what the drawn positions index: the root of the inspected party's escrow
   *     commitment, or another identifier, or empty
   * @param sampleSize how many positions the request draws
   * @param positions the first drawn positions in draw order (at most {@value
   *     #MAX_POSITIONS_SHOWN}; the first is the designated object), empty unless drawn
   * @param designatedItem the item the inspected party's reveals opened at the designated position
   *     of its escrow commitment, or null
   * @param delays the sides that missed a deadline of the draw, inspecting side first
   * @param report the log index of the inspection report, or null
   * @param designatedCheck whether the report's designated finding is the drawn object: {@code
   *     matches}, {@code mismatch} (a discrepancy), {@code not-flagged} (the report marks no
   *     finding as designated), {@code not-revealed} (the designated leaf is not opened yet),
   *     {@code chosen-by-inspecting-party}, {@code not-escrowed} (the population is not an escrow
   *     commitment of the inspected party), {@code no-report} or {@code not-drawn}
   * @param evidence the request, randomness and report entries, ascending
   */
  public record InspectionLine(
      String requestId,
      long entry,
      String inspecting,
      String inspected,
      String inspectionType,
      int treatyYear,
      String site,
      Instant commitBy,
      Instant revealBy,
      String draw,
      @Nullable String seed,
      String population,
      long sampleSize,
      List<Long> positions,
      @Nullable String designatedItem,
      List<DrawDelay> delays,
      @Nullable Long report,
      String designatedCheck,
      List<Long> evidence) {
    /** Most drawn positions a report lists; anyone recomputes the rest from the seed. */
    public static final int MAX_POSITIONS_SHOWN = 16;

    public InspectionLine {
      positions = List.copyOf(positions);
      delays = List.copyOf(delays);
      evidence = List.copyOf(evidence);
    }
  }

  /**
   * A side that missed a deadline of a joint draw.
   *
   * @param party the delaying side
   * @param missed {@code commit} or {@code reveal}
   */
  public record DrawDelay(String party, String missed) {}

  /**
   * What one inspection type's yearly quota can catch among one party's declared items.
   *
   * @param party the inspected party
   * @param inspectionType the inspection type
   * @param perYear the yearly quota of one inspecting party
   * @param itemsPerInspection items one inspection examines
   * @param population N, the party's declared items in the type's population
   * @param populationSource {@code items} (its item-level inventory) or {@code escrow-commitment}
   *     (the totals of its latest escrowed declaration), whichever is more recent
   * @param asOf the date N describes
   * @param evidence log indexes of the statements N rests on, ascending
   * @param figures one line per number of hidden violations considered
   */
  public record DetectionLine(
      String party,
      String inspectionType,
      int perYear,
      int itemsPerInspection,
      long population,
      String populationSource,
      LocalDate asOf,
      List<Long> evidence,
      List<DetectionFigure> figures) {
    public DetectionLine {
      evidence = List.copyOf(evidence);
      figures = List.copyOf(figures);
    }
  }

  /**
   * The chance of catching {@code violating} hidden violations with one year's quota. Probabilities
   * are decimal strings (6 places) computed with {@link StrictMath}, so that they print identically
   * on every machine; JSON reports carry no floating-point numbers.
   *
   * @param violating k, the violating items assumed among the population
   * @param inspectedPerYear n, the distinct items the yearly quota examines (at most N)
   * @param caughtThisYear P(at least one of the k is inspected within the year), exact
   *     hypergeometric
   * @param smallestSampleFor95 the smallest n that catches one of the k with probability 0.95
   * @param iaeaSampleFor95 the IAEA attribute-sampling approximation of that n, N(1 - 0.05^(1/k))
   * @param sentence the figure in one sentence for the reader
   */
  public record DetectionFigure(
      long violating,
      long inspectedPerYear,
      String caughtThisYear,
      long smallestSampleFor95,
      String iaeaSampleFor95,
      String sentence) {}

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
