package org.countersign.treaty.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO 8601 duration as treaties write deadlines: {@code P5D}, {@code PT24H}, {@code P3M}, {@code
 * P45D}, {@code P1Y2M3DT4H}. Integers only, no negative or fractional parts.
 *
 * <p>Arithmetic is on the UTC calendar, largest unit first: years, then months, then days (a week
 * is seven days), then hours, minutes and seconds as exact seconds. A month or year added to a day
 * that the target month lacks is clamped to the month's last day (31 Jan + P1M = 28 or 29 Feb; 29
 * Feb 2012 + P1Y = 28 Feb 2013), as {@link java.time.LocalDate#plusMonths} does. UTC days have
 * exactly 86,400 seconds here (leap seconds are ignored, as in {@link Instant}).
 *
 * @param text the duration as written, e.g. {@code P5D}
 * @param years years part
 * @param months months part
 * @param days days part (weeks already multiplied by 7)
 * @param seconds the time part in seconds
 */
public record TreatyDuration(String text, long years, long months, long days, long seconds) {
  private static final Pattern ISO =
      Pattern.compile(
          "P(?:(\\d{1,4})Y)?(?:(\\d{1,5})M)?(?:(\\d{1,5})W)?(?:(\\d{1,6})D)?"
              + "(?:T(?:(\\d{1,7})H)?(?:(\\d{1,9})M)?(?:(\\d{1,10})S)?)?");

  public TreatyDuration {
    Checks.present("text", text);
    if (years < 0 || months < 0 || days < 0 || seconds < 0) {
      throw new IllegalArgumentException("durations are not negative: " + text);
    }
  }

  /**
   * Parses an ISO 8601 duration with integer parts.
   *
   * @throws IllegalArgumentException for anything else ({@code P}, {@code PT}, {@code P1.5D},
   *     {@code -P1D}, {@code P1DT} ...), naming the text
   */
  public static TreatyDuration parse(String text) {
    Matcher m = ISO.matcher(text);
    if (!m.matches() || text.equals("P") || text.endsWith("T")) {
      throw new IllegalArgumentException(
          "not an ISO 8601 duration with whole-number parts (like P5D, PT24H, P3M): \""
              + text
              + "\"");
    }
    long years = part(m, 1);
    long months = part(m, 2);
    long days = Math.addExact(Math.multiplyExact(part(m, 3), 7), part(m, 4));
    long seconds =
        Math.addExact(
            Math.addExact(Math.multiplyExact(part(m, 5), 3600), Math.multiplyExact(part(m, 6), 60)),
            part(m, 7));
    return new TreatyDuration(text, years, months, days, seconds);
  }

  private static long part(Matcher m, int group) {
    String g = m.group(group);
    return g == null ? 0 : Long.parseLong(g);
  }

  /** Whether the duration has an hours/minutes/seconds part (and so cannot be added to a date). */
  public boolean hasTimePart() {
    return seconds != 0;
  }

  /** {@code t} plus this duration on the UTC calendar. */
  public Instant addTo(Instant t) {
    ZonedDateTime z = t.atZone(ZoneOffset.UTC).plusYears(years).plusMonths(months).plusDays(days);
    return z.toInstant().plusSeconds(seconds);
  }

  /** {@code t} minus this duration: seconds first, then days, months, years. */
  public Instant subtractFrom(Instant t) {
    ZonedDateTime z = t.minusSeconds(seconds).atZone(ZoneOffset.UTC);
    return z.minusDays(days).minusMonths(months).minusYears(years).toInstant();
  }

  /**
   * {@code d} plus this duration.
   *
   * @throws IllegalStateException if the duration has a time part
   */
  public LocalDate addTo(LocalDate d) {
    if (hasTimePart()) {
      throw new IllegalStateException("cannot add " + text + " to a date");
    }
    return d.plusYears(years).plusMonths(months).plusDays(days);
  }

  @Override
  public String toString() {
    return text;
  }
}
