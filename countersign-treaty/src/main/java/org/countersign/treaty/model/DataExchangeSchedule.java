package org.countersign.treaty.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;

/**
 * A data-exchange calendar: the dates data is given "as of", and how long after each it is due. New
 * START, for example, has an initial exchange as of entry into force (due within 45 days) and
 * semiannual updates as of 1 March and 1 September (due within 30 days).
 *
 * <p>A due date is a whole UTC day: data as of 1 March due within P30D is on time if issued by 31
 * March 23:59:59 UTC.
 *
 * @param id kebab-case id
 * @param name a human name
 * @param article the treaty reference, or {@code ""}
 * @param recurring month-days repeated every year while the treaty is in force (never 29 Feb)
 * @param dates one-off as-of dates
 * @param firstAsOf the first as-of date of the calendar
 * @param due how long after the as-of date the data is due (whole days, months or years)
 * @param totals limits whose totals each exchange must state (empty: none required)
 */
public record DataExchangeSchedule(
    String id,
    String name,
    String article,
    List<MonthDay> recurring,
    List<LocalDate> dates,
    LocalDate firstAsOf,
    TreatyDuration due,
    List<String> totals) {
  public DataExchangeSchedule {
    Checks.name("data exchange id", id);
    Checks.text("data exchange name", name);
    Checks.present("article", article);
    recurring = Checks.list("recurring", recurring);
    dates = Checks.list("dates", dates);
    if (recurring.isEmpty() && dates.isEmpty()) {
      throw new IllegalArgumentException("data exchange " + id + " has no as-of date");
    }
    if (recurring.contains(MonthDay.of(2, 29))) {
      throw new IllegalArgumentException("data exchange " + id + " recurs on 29 February");
    }
    Checks.present("firstAsOf", firstAsOf);
    Checks.present("due", due);
    if (due.hasTimePart()) {
      throw new IllegalArgumentException(
          "data exchange " + id + " due " + due + " is not whole days");
    }
    totals = Checks.list("totals", totals);
  }

  /** The as-of dates in {@code [from, toExclusive)}, on or after {@link #firstAsOf}, sorted. */
  public List<LocalDate> asOfDates(LocalDate from, LocalDate toExclusive) {
    LocalDate start = from.isBefore(firstAsOf) ? firstAsOf : from;
    var out = new TreeSet<LocalDate>();
    if (start.isBefore(toExclusive)) {
      for (int year = start.getYear(); year <= toExclusive.getYear(); year++) {
        for (MonthDay md : recurring) {
          LocalDate d = md.atYear(year);
          if (!d.isBefore(start) && d.isBefore(toExclusive)) {
            out.add(d);
          }
        }
      }
      for (LocalDate d : dates) {
        if (!d.isBefore(start) && d.isBefore(toExclusive)) {
          out.add(d);
        }
      }
    }
    return List.copyOf(out);
  }

  /** Whether {@code date} is one of this calendar's as-of dates (ignoring the treaty's term). */
  public boolean isAsOfDate(LocalDate date) {
    return !date.isBefore(firstAsOf)
        && (dates.contains(date) || recurring.contains(MonthDay.from(date)));
  }

  /** The last second at which data as of {@code asOf} is on time: the end of its due day. */
  public Instant deadlineFor(LocalDate asOf) {
    return due.addTo(asOf).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1);
  }
}
