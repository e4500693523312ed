package org.countersign.treaty.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RecordJson#parseInstant} and {@link RecordJson#parseDate}, read by hand, against the
 * reading they replace (kept here as the reference): a full-match pattern, then java.time's strict
 * ISO parser. On texts near the one spelling (every field at and past its limits, leap days,
 * non-ASCII digits, other separators, other lengths) both must accept with the same value or refuse
 * with the same message.
 */
class RecordJsonInstantTest {
  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** The reading before this one: what it returned, or the message it refused with. */
  private static Object referenceInstant(String text) {
    if (!INSTANT.matcher(text).matches()) {
      return "must be a UTC time like 2023-02-21T00:00:00Z (seconds, 'Z'), got "
          + RecordJson.quote(text);
    }
    try {
      return LocalDateTime.parse(text.substring(0, 19)).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return "not a valid time: " + RecordJson.quote(text);
    }
  }

  private static Object referenceDate(String text) {
    if (!DATE.matcher(text).matches()) {
      return "must be a date like 2023-02-21, got " + RecordJson.quote(text);
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException e) {
      return "not a valid date: " + RecordJson.quote(text);
    }
  }

  private static Object instant(String text) {
    try {
      return RecordJson.parseInstant(text);
    } catch (IllegalArgumentException e) {
      return String.valueOf(e.getMessage());
    }
  }

  private static Object date(String text) {
    try {
      return RecordJson.parseDate(text);
    } catch (IllegalArgumentException e) {
      return String.valueOf(e.getMessage());
    }
  }

  // Years either side of the leap-year rules' edges, and the ends of the four-digit range.
  private static final List<String> YEARS =
      List.of(
          "0000", "0001", "0004", "0100", "0400", "1900", "1970", "2000", "2023", "2024", "2100",
          "9996", "9999");
  private static final String DIGITS = "0123456789";
  // Characters a careless reading might take for a digit or a separator.
  private static final String STRAY = "-:TZtz /+.\u0660\u0663\uff11\u00b2 ";

  private static String twoDigits(RandomGenerator r, int limit) {
    int v = r.nextInt(4) == 0 ? r.nextInt(100) : Math.max(0, limit - 2 + r.nextInt(4));
    return v < 10 ? "0" + v : Integer.toString(v);
  }

  /** A text of the instant's shape with fields at and around their limits, sometimes mutated. */
  private static String nearInstant(RandomGenerator r) {
    String text =
        YEARS.get(r.nextInt(YEARS.size()))
            + "-"
            + twoDigits(r, r.nextBoolean() ? 12 : 1)
            + "-"
            + twoDigits(r, List.of(1, 28, 29, 30, 31).get(r.nextInt(5)))
            + "T"
            + twoDigits(r, r.nextBoolean() ? 23 : 0)
            + ":"
            + twoDigits(r, 59)
            + ":"
            + twoDigits(r, r.nextBoolean() ? 59 : 60)
            + "Z";
    return mutate(r, text);
  }

  private static String mutate(RandomGenerator r, String text) {
    var b = new StringBuilder(text);
    switch (r.nextInt(6)) {
      case 0 -> b.setCharAt(r.nextInt(b.length()), STRAY.charAt(r.nextInt(STRAY.length())));
      case 1 -> b.setCharAt(r.nextInt(b.length()), DIGITS.charAt(r.nextInt(10)));
      case 2 -> b.deleteCharAt(r.nextInt(b.length()));
      case 3 -> b.insert(r.nextInt(b.length() + 1), DIGITS.charAt(r.nextInt(10)));
      default -> {} // unchanged: most texts keep their shape
    }
    return b.toString();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void parseInstant_nearTheOneSpelling_sameAnswerAsTheReference(long seed) {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    int accepted = 0;
    int invalid = 0;
    for (int k = 0; k < 20_000; k++) {
      String text = nearInstant(r);
      Object expected = referenceInstant(text);
      assertThat(instant(text)).as("%s", text).isEqualTo(expected);
      accepted += expected instanceof Instant ? 1 : 0;
      invalid += expected instanceof String s && s.startsWith("not a valid") ? 1 : 0;
    }
    // Both answers and both refusals are reached, or the comparison proves little.
    assertThat(accepted).isGreaterThan(500);
    assertThat(invalid).isGreaterThan(1_000);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void parseDate_nearTheOneSpelling_sameAnswerAsTheReference(long seed) {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    int accepted = 0;
    int invalid = 0;
    for (int k = 0; k < 20_000; k++) {
      String text = mutate(r, nearInstant(r).substring(0, 10));
      Object expected = referenceDate(text);
      assertThat(date(text)).as("%s", text).isEqualTo(expected);
      accepted += expected instanceof LocalDate ? 1 : 0;
      invalid += expected instanceof String s && s.startsWith("not a valid") ? 1 : 0;
    }
    assertThat(accepted).isGreaterThan(1_000);
    assertThat(invalid).isGreaterThan(1_000);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-02-21T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "2024-02-29T12:00:00Z",
        "2023-02-29T12:00:00Z",
        "2000-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2023-04-31T00:00:00Z",
        "2023-12-31T24:00:00Z",
        "2023-12-31T23:59:60Z",
        "2023-12-31T23:60:00Z",
        "2023-00-10T00:00:00Z",
        "2023-13-10T00:00:00Z",
        "2023-01-00T00:00:00Z",
        "2023-02-21T00:00:00z",
        "2023-02-21t00:00:00Z",
        "2023-02-21T00:00:00.0Z",
        "2023-02-21T00:00:00+00:00",
        "+2023-02-21T00:00:00Z",
        "2023-02-21T00:00Z",
        "2023-02-21 00:00:00Z",
        "2023-\u06602-21T00:00:00Z",
        ""
      })
  void parseInstantAndParseDate_edgeCases_sameAnswerAsTheReference(String text) {
    assertThat(instant(text)).isEqualTo(referenceInstant(text));
    for (String d : List.of(text, text.length() >= 10 ? text.substring(0, 10) : text)) {
      assertThat(date(d)).as("%s", d).isEqualTo(referenceDate(d));
    }
  }
}
