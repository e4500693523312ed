package org.countersign.treaty.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.countersign.treaty.model.DataExchangeSchedule;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.DataExchangeUpdate;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.Suspension;
import org.countersign.treaty.statement.TreatyAdoption;
import org.jspecify.annotations.Nullable;

/**
 * The published New START aggregate figures (2011-2023), as the parties' data exchanges.
 *
 * <p>The data file is {@code data/newstart-aggregates.csv} on the class path: one row per party and
 * as-of date with the three totals the treaty limits ({@code dv}: deployed ICBMs, SLBMs and heavy
 * bombers; {@code wh}: warheads counted for them; {@code l}: deployed and non-deployed launchers
 * and heavy bombers), each empty when not published (no figure is ever carried forward or
 * estimated), a quality mark, the source the row's figures were read from (a URL) and a note. Its
 * header comments describe the sources; the parser is strict and names the line of any problem.
 *
 * <p>Turning rows into statements: each row becomes a {@link DataExchangeUpdate} by that party
 * whose totals are the row's non-empty cells under the New START limit ids ({@link #LIMIT_OF}). The
 * file has no exchange dates, so a statement is dated at noon UTC on the due day of the treaty's
 * calendar entry for its as-of date (or 30 days after an as-of date outside the calendar, such as 5
 * February 2018); the timeliness of historical exchanges is therefore not a finding this data can
 * support. {@link #log} adds both parties' adoption at entry into force and Russia's declared
 * suspension of 21 February 2023.
 */
public final class NewStartHistory {
  /** The data file on the class path. */
  public static final String RESOURCE = "/data/newstart-aggregates.csv";

  /** CSV column to New START limit id. */
  public static final Map<String, String> LIMIT_OF =
      Map.of("dv", "deployed-delivery-vehicles", "wh", "deployed-warheads", "l", "launchers");

  /** The day Russia announced the suspension of its participation. */
  public static final LocalDate RUSSIAN_SUSPENSION = LocalDate.of(2023, 2, 21);

  private static final String HEADER = "date,party,dv,wh,l,quality,source,note";
  private static final Pattern SOURCE = Pattern.compile("(https?://[^\\s,\"]+)?");
  private static final Set<String> QUALITIES = Set.of("reported", "derived", "exchange-only");
  private static final Pattern COUNT = Pattern.compile("0|[1-9][0-9]{0,5}");

  /**
   * One row of the file.
   *
   * @param asOf the as-of date of the figures
   * @param party {@code US} or {@code RU}
   * @param dv deployed ICBMs, SLBMs and heavy bombers, or null if not published
   * @param wh warheads counted for them, or null
   * @param l deployed and non-deployed launchers and heavy bombers, or null
   * @param quality {@code reported}, {@code derived} or {@code exchange-only}
   * @param source where the figures were read (a URL); empty only on an exchange-only row
   * @param note the row's note, possibly empty
   */
  public record Row(
      LocalDate asOf,
      String party,
      @Nullable Long dv,
      @Nullable Long wh,
      @Nullable Long l,
      String quality,
      String source,
      String note) {

    /** Whether all three figures were published: only then can items reproduce the row. */
    public boolean complete() {
      return dv != null && wh != null && l != null;
    }

    /** The published totals by New START limit id, sorted. */
    public Map<String, Long> totals() {
      var out = new TreeMap<String, Long>();
      if (dv != null) {
        out.put(LIMIT_OF.get("dv"), dv);
      }
      if (wh != null) {
        out.put(LIMIT_OF.get("wh"), wh);
      }
      if (l != null) {
        out.put(LIMIT_OF.get("l"), l);
      }
      return out;
    }
  }

  private final List<Row> rows;

  private NewStartHistory(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /** The project's data file. */
  public static NewStartHistory load() {
    try (InputStream in = NewStartHistory.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * Parses the CSV format described above.
   *
   * @throws IllegalArgumentException naming the line and the problem
   */
  public static NewStartHistory parse(String csv) {
    var rows = new ArrayList<Row>();
    var seen = new HashMap<String, Integer>();
    boolean header = false;
    String[] lines = csv.split("\n", -1);
    for (int n = 1; n <= lines.length; n++) {
      String line = lines[n - 1];
      if (line.isEmpty() && n == lines.length) {
        break;
      }
      if (line.startsWith("#")) {
        continue;
      }
      if (!header) {
        if (!line.equals(HEADER)) {
          throw new IllegalArgumentException("line " + n + ": expected the header " + HEADER);
        }
        header = true;
        continue;
      }
      String[] f = line.split(",", 8);
      if (f.length != 8) {
        throw new IllegalArgumentException("line " + n + ": expected 8 fields, got " + f.length);
      }
      if (!SOURCE.matcher(f[6]).matches()) {
        throw new IllegalArgumentException(
            "line " + n + ": source must be an http(s) URL or empty, got " + f[6]);
      }
      LocalDate asOf;
      try {
        asOf = LocalDate.parse(f[0]);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("line " + n + ": bad date " + f[0]);
      }
      if (!f[1].equals("US") && !f[1].equals("RU")) {
        throw new IllegalArgumentException("line " + n + ": party must be US or RU, got " + f[1]);
      }
      if (!QUALITIES.contains(f[5])) {
        throw new IllegalArgumentException(
            "line " + n + ": quality must be one of " + QUALITIES + ", got " + f[5]);
      }
      Row row =
          new Row(asOf, f[1], count(f[2], n), count(f[3], n), count(f[4], n), f[5], f[6], f[7]);
      if (f[5].equals("exchange-only") != row.totals().isEmpty()) {
        throw new IllegalArgumentException(
            "line " + n + ": exchange-only rows, and only they," + " have no figures");
      }
      if (!row.totals().isEmpty() && f[6].isEmpty()) {
        // A figure no one can check is not one the demo may present as a party's.
        throw new IllegalArgumentException(
            "line " + n + ": a row with figures must cite the source they were read from");
      }
      Integer previous = seen.put(asOf + f[1], n);
      if (previous != null) {
        throw new IllegalArgumentException(
            "line " + n + ": " + f[1] + " as of " + asOf + " repeats line " + previous);
      }
      rows.add(row);
    }
    if (!header) {
      throw new IllegalArgumentException("no header line " + HEADER);
    }
    rows.sort(Comparator.comparing(Row::asOf).thenComparing(Row::party, Comparator.reverseOrder()));
    return new NewStartHistory(rows);
  }

  private static @Nullable Long count(String cell, int line) {
    if (cell.isEmpty()) {
      return null;
    }
    if (!COUNT.matcher(cell).matches()) {
      throw new IllegalArgumentException("line " + line + ": not a count: " + cell);
    }
    return Long.parseLong(cell);
  }

  /** The rows, by as-of date, US before RU. */
  public List<Row> rows() {
    return rows;
  }

  /**
   * The rows whose three figures were all published, by as-of date, US before RU: the only dates at
   * which a demonstration inventory can reproduce the published record without inventing a figure.
   */
  public List<Row> completeRows() {
    return rows.stream().filter(Row::complete).toList();
  }

  /**
   * When the data of an as-of date is taken to have been provided: noon UTC on its due day under
   * the treaty's calendar, or 30 days after a date outside the calendar.
   */
  public static Instant issuedAt(Treaty treaty, LocalDate asOf) {
    for (DataExchangeSchedule s : treaty.dataExchanges()) {
      if (s.isAsOfDate(asOf)) {
        return s.due().addTo(asOf).atTime(12, 0).toInstant(ZoneOffset.UTC);
      }
    }
    return asOf.plusDays(30).atTime(12, 0).toInstant(ZoneOffset.UTC);
  }

  /** One data-exchange statement per row, in row order. */
  public List<DataExchangeUpdate> dataExchanges(Treaty treaty) {
    return rows.stream()
        .map(
            r ->
                new DataExchangeUpdate(
                    treaty.id(), r.party(), issuedAt(treaty, r.asOf()), r.asOf(), r.totals()))
        .toList();
  }

  /** Russia's declared suspension of its participation, 21 February 2023. */
  public static Suspension russianSuspension(Treaty treaty) {
    return new Suspension(
        treaty.id(),
        "RU",
        RUSSIAN_SUSPENSION.atTime(12, 0).toInstant(ZoneOffset.UTC),
        RUSSIAN_SUSPENSION,
        "Russia announced the suspension of its participation in the Treaty");
  }

  /**
   * The history as a log: both parties adopt the treaty at entry into force, then every data
   * exchange and Russia's suspension, ordered by issue time (US before RU on ties), indexed from 0.
   */
  public List<LoggedStatement<?>> log(Treaty treaty) {
    var statements = new ArrayList<Statement>();
    Instant eif = treaty.dates().entryIntoForce().atStartOfDay().toInstant(ZoneOffset.UTC);
    statements.add(new TreatyAdoption(treaty.id(), "US", eif, treaty.digest()));
    statements.add(new TreatyAdoption(treaty.id(), "RU", eif, treaty.digest()));
    statements.addAll(dataExchanges(treaty));
    statements.add(russianSuspension(treaty));
    return inLogOrder(statements);
  }

  /** Sorts statements by issue time (stable; US before RU on ties) and numbers them from 0. */
  static List<LoggedStatement<?>> inLogOrder(List<? extends Statement> statements) {
    List<Integer> order =
        java.util.stream.IntStream.range(0, statements.size())
            .boxed()
            .sorted(
                Comparator.<Integer, Instant>comparing(i -> statements.get(i).issuedAt())
                    .thenComparingInt(i -> statements.get(i).author().equals("US") ? 0 : 1)
                    .thenComparingInt(i -> i))
            .toList();
    var out = new ArrayList<LoggedStatement<?>>(order.size());
    for (int i = 0; i < order.size(); i++) {
      out.add(new LoggedStatement<>(i, statements.get(order.get(i))));
    }
    return out;
  }
}
