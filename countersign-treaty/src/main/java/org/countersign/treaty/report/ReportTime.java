package org.countersign.treaty.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Objects;
import java.util.regex.Pattern;
import org.countersign.treaty.compliance.ComplianceEngine;
import org.countersign.treaty.compliance.ComplianceReport;

/**
 * The instant a compliance report describes, as a person asks for it: a day ({@code 2019-03-01},
 * meaning its last second, 23:59:59 UTC, as the treaty language defines "a report at a date") or an
 * instant to the second in UTC ({@code 2019-03-01T12:00:00Z}).
 *
 * <p>The server's {@code at} parameter and the command line's {@code --at} option both go through
 * {@link #parse}, so that the same text asks the same question of the same prefix wherever the
 * replay runs. Parsing is strict: no other spelling (no offset other than {@code Z}, no fractions,
 * no lenient calendar) is accepted.
 *
 * @param text the text as given, for messages and headers
 * @param instant the instant described, whole seconds, UTC
 */
public record ReportTime(String text, Instant instant) {
  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern SECOND =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

  public ReportTime {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(instant, "instant");
    if (!instant.equals(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))) {
      throw new IllegalArgumentException("a report instant is whole seconds, got " + instant);
    }
  }

  /**
   * Parses {@code YYYY-MM-DD} or {@code YYYY-MM-DDTHH:MM:SSZ}.
   *
   * @throws IllegalArgumentException naming the accepted forms and the offending text
   */
  public static ReportTime parse(String text) {
    String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    try {
      if (DAY.matcher(text).matches()) {
        LocalDate day = LocalDate.parse(text);
        return new ReportTime(text, endOf(day));
      }
      if (SECOND.matcher(text).matches()) {
        // Strict local date-time (no hour 24, no leap second 60), then UTC: one spelling per
        // instant.
        LocalDateTime local =
            LocalDateTime.parse(
                text.substring(0, text.length() - 1),
                DateTimeFormatter.ISO_LOCAL_DATE_TIME.withResolverStyle(ResolverStyle.STRICT));
        return new ReportTime(text, local.toInstant(ZoneOffset.UTC));
      }
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "at is not a real calendar date and time: \"" + shown + "\"", e);
    }
    throw new IllegalArgumentException(
        "at must be a day YYYY-MM-DD or an instant YYYY-MM-DDTHH:MM:SSZ (UTC), got \""
            + shown
            + "\"");
  }

  /** The last second of {@code day}, 23:59:59 UTC: what a report "at a date" describes. */
  public static Instant endOf(LocalDate day) {
    return day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1);
  }

  /** The engine's report at this instant. */
  public ComplianceReport reportFrom(ComplianceEngine engine) {
    return engine.reportAt(instant);
  }
}
