package org.countersign.treaty.statement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.countersign.treaty.json.RecordJson;

/**
 * Field rules for the treaty and registry statements. Each rule returns the (normalized) value or
 * throws {@link IllegalArgumentException} naming the field and quoting the value.
 *
 * <p>The alphabets match the escrow statements' rules so that an item means the same thing in a
 * clear declaration, an escrow commitment and a reveal.
 */
public final class Fields {
  /** Longest identifier (item, site, zone, launch) accepted. */
  public static final int MAX_IDENTIFIER = 128;

  /** Longest kebab-case name accepted. */
  public static final int MAX_NAME = 64;

  /** Longest free text (a reason, a launch area) accepted, in UTF-16 units. */
  public static final int MAX_TEXT = 2000;

  /** Most entries in any list or map of a statement. */
  public static final int MAX_ENTRIES = 100_000;

  // Parties, origins, identifiers and names are checked by hand-written loops equivalent to these
  // patterns (a test compares them): every item of every declaration and notification is checked,
  // and rebuilt items are checked again, millions of times in the replay of a long log.
  static final Pattern PARTY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final Pattern IDENTIFIER =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0," + (MAX_IDENTIFIER - 1) + "}");
  static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  static final Pattern ORIGIN = Pattern.compile("[\\x21-\\x2a\\x2c-\\x7e]{1,255}");
  private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern VKEY =
      Pattern.compile("([^+\\s]{1,256})\\+([0-9a-f]{8})\\+([A-Za-z0-9+/]+={0,2})");
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private Fields() {}

  /** A treaty id: lowercase kebab-case, as treaty files spell it. */
  public static String treaty(String value) {
    return name("treaty", value);
  }

  /**
   * A log origin, as a C2SP checkpoint's first line and the log key's name spell it: 1-255
   * printable ASCII characters, no space and no '+', e.g. {@code countersign.local/new-start}.
   */
  public static String origin(String field, String value) {
    present(field, value);
    if (!isOrigin(value)) {
      throw new IllegalArgumentException(
          field
              + " must be a log origin: 1-255 printable ASCII characters without spaces or '+',"
              + " got "
              + RecordJson.quote(value));
    }
    return value;
  }

  /** A participant id such as {@code US}: ASCII letters, digits, '.', '_', '-', at most 64. */
  public static String party(String field, String value) {
    present(field, value);
    if (!isParty(value)) {
      throw new IllegalArgumentException(
          field
              + " must be 1-64 characters of [A-Za-z0-9._-] starting with a letter or digit,"
              + " got "
              + RecordJson.quote(value));
    }
    return value;
  }

  /** Whether {@code value} matches {@link #ORIGIN}. */
  static boolean isOrigin(String value) {
    int n = value.length();
    if (n == 0 || n > 255) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e || c == '+') {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code value} matches {@link #PARTY}. */
  static boolean isParty(String value) {
    int n = value.length();
    if (n == 0 || n > 64 || !alphanumeric(value.charAt(0))) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = value.charAt(i);
      if (!alphanumeric(c) && c != '.' && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** An item, site, zone or launch identifier: 1-128 characters of {@code [A-Za-z0-9._:/-]}. */
  public static String identifier(String field, String value) {
    present(field, value);
    if (!isIdentifier(value)) {
      throw new IllegalArgumentException(
          field
              + " must be 1-128 characters of [A-Za-z0-9._:/-] starting with a letter or digit,"
              + " got "
              + RecordJson.quote(value));
    }
    return value;
  }

  /** Whether {@code value} matches {@link #IDENTIFIER}. */
  static boolean isIdentifier(String value) {
    int n = value.length();
    if (n == 0 || n > MAX_IDENTIFIER || !alphanumeric(value.charAt(0))) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = value.charAt(i);
      if (!alphanumeric(c) && c != '.' && c != '_' && c != ':' && c != '/' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code value} matches {@link #NAME} (any length). */
  static boolean isName(String value) {
    int n = value.length();
    if (n == 0 || value.charAt(0) == '-' || value.charAt(n - 1) == '-') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c == '-') {
        if (value.charAt(i - 1) == '-') {
          return false;
        }
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean alphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** Like {@link #identifier}, or empty for "none" / "unchanged". */
  public static String optionalIdentifier(String field, String value) {
    present(field, value);
    return value.isEmpty() ? value : identifier(field, value);
  }

  /** A lowercase kebab-case name such as {@code deployed} or {@code change-notification}. */
  public static String name(String field, String value) {
    present(field, value);
    if (value.length() > MAX_NAME || !isName(value)) {
      throw new IllegalArgumentException(
          field
              + " must be lowercase kebab-case of at most "
              + MAX_NAME
              + " characters, got "
              + RecordJson.quote(value));
    }
    return value;
  }

  /** Like {@link #name}, or empty for "none" / "unchanged". */
  public static String optionalName(String field, String value) {
    present(field, value);
    return value.isEmpty() ? value : name(field, value);
  }

  /**
   * Free text of 1 to {@link #MAX_TEXT} characters without control characters (a signed note's text
   * may hold no control character but the line feeds of its own layout) or unpaired surrogates (RFC
   * 8785 needs well-formed Unicode).
   */
  public static String text(String field, String value) {
    present(field, value);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    return optionalText(field, value);
  }

  /** Like {@link #text}, or empty. */
  public static String optionalText(String field, String value) {
    present(field, value);
    if (value.length() > MAX_TEXT) {
      throw new IllegalArgumentException(
          field + " holds " + value.length() + " characters, more than " + MAX_TEXT);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            field
                + " must not contain control character U+"
                + String.format("%04X", (int) c)
                + " (at "
                + i
                + ")");
      }
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
        if (!paired) {
          throw new IllegalArgumentException(field + " holds an unpaired surrogate at " + i);
        }
        i++;
      }
    }
    return value;
  }

  /** Longest document (a proposed treaty file's text) accepted, in UTF-16 units. */
  public static final int MAX_DOCUMENT = 40_000;

  /**
   * A multi-line document such as a treaty file's text: 1 to {@link #MAX_DOCUMENT} characters, line
   * feeds allowed (JCS escapes them inside the JSON body) but no other control character: no
   * carriage return, so one text has one spelling whatever system it was written on.
   */
  public static String document(String field, String value) {
    present(field, value);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    if (value.length() > MAX_DOCUMENT) {
      throw new IllegalArgumentException(
          field + " holds " + value.length() + " characters, more than " + MAX_DOCUMENT);
    }
    int line = 1;
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\n') {
        line++;
        start = i + 1;
        continue;
      }
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            field
                + " must not contain control character U+"
                + String.format("%04X", (int) c)
                + " (line "
                + line
                + ", column "
                + (i - start + 1)
                + ")");
      }
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
        if (!paired) {
          throw new IllegalArgumentException(field + " holds an unpaired surrogate at " + i);
        }
        i++;
      }
    }
    return value;
  }

  /** Like {@link #hex32}, or empty. */
  public static String optionalHex32(String field, String value) {
    present(field, value);
    return value.isEmpty() ? value : hex32(field, value);
  }

  /** Free-text entries, each as {@link #text}, at most 100, in the order given. */
  public static List<String> texts(String field, List<String> value) {
    List<String> copy = list(field, value);
    if (copy.size() > 100) {
      throw new IllegalArgumentException(
          field + " holds " + copy.size() + " entries, more than 100");
    }
    for (int i = 0; i < copy.size(); i++) {
      text(field + "[" + i + "]", copy.get(i));
    }
    return copy;
  }

  /** A statement time: present, whole seconds, not before 1970. */
  public static Instant instant(String field, Instant value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    if (!value.equals(value.truncatedTo(ChronoUnit.SECONDS))) {
      throw new IllegalArgumentException(field + " must be whole seconds, got " + value);
    }
    if (value.isBefore(EARLIEST)) {
      throw new IllegalArgumentException(field + " must not be before 1970, got " + value);
    }
    if (value.isAfter(LATEST)) {
      // RecordJson.formatInstant's refusal, without formatting the time to find it.
      throw new IllegalArgumentException("instant outside years 0000-9999: " + value);
    }
    return value;
  }

  /** A date that must be present and lie in years 1970 to 9999. */
  public static LocalDate date(String field, LocalDate value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    if (value.getYear() < 1970 || value.getYear() > 9999) {
      throw new IllegalArgumentException(field + " must lie in years 1970-9999, got " + value);
    }
    return value;
  }

  /** Refuses an as-of date later than the day the statement was issued (UTC). */
  public static void notAfterIssue(String field, LocalDate asOf, Instant issuedAt) {
    LocalDate issued = LocalDate.ofInstant(issuedAt, ZoneOffset.UTC);
    if (asOf.isAfter(issued)) {
      throw new IllegalArgumentException(
          field + " " + asOf + " is after the day the statement was issued, " + issued);
    }
  }

  /** A SHA-256 value as 64 lowercase hex digits. */
  public static String hex32(String field, String value) {
    present(field, value);
    if (!HEX32.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must be 64 lowercase hex digits, got " + RecordJson.quote(value));
    }
    return value;
  }

  /**
   * A C2SP signed-note verifier key, {@code <name>+<8 hex key id>+<base64 of type byte and key>}.
   * Only the shape is checked here; the server checks that the key works.
   */
  public static String verifierKey(String field, String value) {
    present(field, value);
    var m = VKEY.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          field + " must be a verifier key name+hexid+base64, got " + RecordJson.quote(value));
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(m.group(3));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          field + " key material is not base64: " + RecordJson.quote(m.group(3)));
    }
    if (key.length < 2 || !Base64.getEncoder().encodeToString(key).equals(m.group(3))) {
      throw new IllegalArgumentException(
          field
              + " key material is not canonical base64 of a"
              + " type byte and a key: "
              + RecordJson.quote(m.group(3)));
    }
    return value;
  }

  /** An immutable copy of a list, refusing nulls and more than {@link #MAX_ENTRIES} entries. */
  public static <T> List<T> list(String field, List<T> value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    if (value.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          field + " holds " + value.size() + " entries, more than " + MAX_ENTRIES);
    }
    try {
      return List.copyOf(value);
    } catch (NullPointerException e) {
      throw new IllegalArgumentException(field + " contains a null entry");
    }
  }

  /** A list of distinct identifiers, at least one. */
  public static List<String> identifiers(String field, List<String> value) {
    List<String> copy = list(field, value);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException(field + " must name at least one item");
    }
    var seen = new HashSet<String>();
    for (String id : copy) {
      if (id == null || !isIdentifier(id)) {
        identifier(field + " entry", id); // the field's name is only built for the refusal
      }
      if (!seen.add(id)) {
        throw new IllegalArgumentException(field + " names " + RecordJson.quote(id) + " twice");
      }
    }
    return copy;
  }

  /**
   * An immutable, key-sorted copy of a map of kebab-case names to non-negative integers (item
   * attributes such as {@code warheads: 4}, or totals per limit).
   */
  public static Map<String, Long> counts(String field, Map<String, Long> value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    if (value.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          field + " holds " + value.size() + " entries, more than " + MAX_ENTRIES);
    }
    var sorted = new TreeMap<String, Long>();
    for (var e : value.entrySet()) {
      String key = e.getKey();
      if (key == null || key.length() > MAX_NAME || !isName(key)) {
        name(field + " key", key); // the field's name is only built for the refusal
      }
      Long count = e.getValue();
      if (count == null || count < 0) {
        throw new IllegalArgumentException(
            field + "." + key + " must be a non-negative integer, got " + count);
      }
      sorted.put(key, count);
    }
    return java.util.Collections.unmodifiableSortedMap(sorted);
  }

  /** A positive integer no larger than {@code max}. */
  public static int positive(String field, int value, int max) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(field + " must be 1.." + max + ", got " + value);
    }
    return value;
  }

  private static void present(String field, String value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
  }
}
