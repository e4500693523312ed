package org.countersign.treaty.compliance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.countersign.treaty.compliance.ComplianceReport.DataExchangeFinding;
import org.countersign.treaty.compliance.ComplianceReport.Reading;
import org.countersign.treaty.json.CanonicalJson;
import org.jspecify.annotations.Nullable;

/**
 * Each party's counted totals against each limit over time: the output of {@link
 * ComplianceEngine#seriesAt}, what a chart of the treaty's history is drawn from.
 *
 * <h2>Contract</h2>
 *
 * <p>A point on day {@code D} is exactly what the compliance report at the last second of {@code D}
 * ({@link ComplianceEngine#reportAt(LocalDate)}) says about that party and limit over the same log
 * prefix: the same total, source, as-of date, margin, evidence and readings, and the party's
 * standing that day. A chart drawn from the series therefore shows the report's figures, and a
 * reader checks any point by asking for the report of its day. The series is a pure function of the
 * treaty, the log prefix and {@code at}, ordered throughout, so its {@link #canonicalJson()} is
 * byte-identical wherever it is computed.
 *
 * <p>The series is the default, retrospective view ({@link ReportView#DEFAULT}): each point uses
 * the whole applied prefix, as the default report of its day does.
 *
 * <p>The days are those on which a chart's reader expects a point: every as-of date of the treaty's
 * data exchange calendar from entry into force (or the party's joining) to {@code at}, every as-of
 * date of the party's own declarations and data exchanges, the day each limit starts to bind, the
 * first day of each suspension, and the day of {@code at} itself (today's standing). Days after
 * {@code at} and before the treaty was signed are left out. Change notifications move item totals
 * between these days; the report of any day shows those.
 *
 * <p>The scheduled exchange of a point's day, if there is one, is given as the report at {@code at}
 * judges it (on time, late, missing, pending), not as the report of that day would (where it is
 * still pending): a missing exchange is a gap in the record now, whatever was known then. A point
 * whose {@link Point#asOf} is before its day carries an older figure forward; a chart that draws
 * only what was declared for a day leaves a gap there.
 *
 * @param treaty the treaty id
 * @param treatyDigest the digest of the treaty file the replay used
 * @param at the instant the series is computed at (UTC, whole seconds): the last point's day and
 *     the knowledge the exchange statuses rest on
 * @param entries how many log entries were applied
 * @param lastIndex the index of the last entry applied, or -1
 * @param limits one series per limit of the treaty, in treaty order
 */
public record ComplianceSeries(
    String treaty,
    String treatyDigest,
    Instant at,
    long entries,
    long lastIndex,
    List<LimitSeries> limits) {

  /** The format id written into the JSON form. */
  public static final String FORMAT = "countersign-compliance-series/v1";

  public ComplianceSeries {
    limits = List.copyOf(limits);
  }

  /**
   * One limit, every party it applies to.
   *
   * @param limit the limit id
   * @param name its name
   * @param value the ceiling
   * @param bindsFrom the first day it binds
   * @param zone the zone of a regional limit, or empty
   * @param parties one line per party the limit applies to, sorted by party id
   */
  public record LimitSeries(
      String limit,
      String name,
      long value,
      LocalDate bindsFrom,
      String zone,
      List<PartySeries> parties) {
    public LimitSeries {
      parties = List.copyOf(parties);
    }
  }

  /**
   * One party's points against one limit.
   *
   * @param party the party id
   * @param name its name
   * @param points ascending by day
   */
  public record PartySeries(String party, String name, List<Point> points) {
    public PartySeries {
      points = List.copyOf(points);
    }
  }

  /**
   * What the report at the last second of {@code date} says about one party and one limit (on the
   * day of the series' instant: the report at that instant).
   *
   * @param date the day
   * @param standing the party's standing that day ({@code bound}, {@code suspended}, ...)
   * @param inForce whether the limit binds the party that day
   * @param total the counted total, or null if nothing is declared yet
   * @param source {@code items}, {@code data-exchange} or {@code none}
   * @param asOf the as-of date of the evidence the total rests on, or null
   * @param margin {@code value - total}, or null
   * @param exceeded whether the total is above the ceiling
   * @param breach whether it is above the ceiling while the limit binds
   * @param evidence log indexes of the entries the total rests on, ascending
   * @param readings the total under each other party's reading of disputed items, where it differs
   * @param exchange the scheduled data exchange as of this day, as judged at the series' instant,
   *     or null if the calendar has none that day
   */
  public record Point(
      LocalDate date,
      String standing,
      boolean inForce,
      @Nullable Long total,
      String source,
      @Nullable LocalDate asOf,
      @Nullable Long margin,
      boolean exceeded,
      boolean breach,
      List<Long> evidence,
      List<Reading> readings,
      @Nullable DataExchangeFinding exchange) {
    public Point {
      evidence = List.copyOf(evidence);
      readings = List.copyOf(readings);
    }
  }

  /** The series as a JSON tree: one member per record component, absent values as null. */
  public ObjectNode toJson() {
    ObjectNode root = (ObjectNode) ReportJson.write(this);
    root.put("format", FORMAT);
    return root;
  }

  /** The series as RFC 8785 canonical JSON. */
  public String canonicalJson() {
    return CanonicalJson.canonicalize(toJson());
  }
}
