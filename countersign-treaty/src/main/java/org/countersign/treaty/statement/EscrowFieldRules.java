package org.countersign.treaty.statement;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The field rules shared by the escrow and inspection statements, and by the escrow's item model.
 *
 * <p>Every rule throws {@link IllegalArgumentException} with a message that names the field and
 * quotes the offending value (abbreviated), so that a refused statement says exactly why. The rules
 * are deliberately narrow: identifiers are ASCII, kinds are lowercase kebab-case, binary values are
 * lowercase hex. A narrow alphabet keeps the canonical byte encodings of the escrow unambiguous and
 * keeps JSON canonicalization (RFC 8785) free of Unicode normalization questions.
 */
public final class EscrowFieldRules {
  /** Longest identifier (item, site, zone, request) accepted. */
  public static final int MAX_IDENTIFIER = 128;

  /** Longest kebab-case name (category, status, attribute, inspection type) accepted. */
  public static final int MAX_NAME = 64;

  /** Most entries in any list or map of a statement (items of a reveal, findings, attributes). */
  public static final int MAX_ENTRIES = 100_000;

  /**
   * Largest integer a statement holds: 2^53 - 1, the largest that every JSON reader keeps exact.
   */
  public static final long MAX_INTEGER = (1L << 53) - 1;

  private static final Pattern IDENTIFIER =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0," + (MAX_IDENTIFIER - 1) + "}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{64}");

  private EscrowFieldRules() {}

  /**
   * An item, site, zone or request identifier: 1 to 128 ASCII characters from {@code
   * [A-Za-z0-9._:/-]}, starting with a letter or digit.
   */
  public static String identifier(String field, String value) {
    requireNonNull(field, value);
    if (!IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field
              + " must be 1-128 characters of [A-Za-z0-9._:/-] starting with a letter or digit, got "
              + quote(value));
    }
    return value;
  }

  /** Like {@link #identifier} but also accepts the empty string, which means "none". */
  public static String optionalIdentifier(String field, String value) {
    requireNonNull(field, value);
    return value.isEmpty() ? value : identifier(field, value);
  }

  /** A lowercase kebab-case name such as {@code deployed} or {@code reentry-vehicles}. */
  public static String name(String field, String value) {
    requireNonNull(field, value);
    if (value.length() > MAX_NAME || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field
              + " must be lowercase kebab-case of at most "
              + MAX_NAME
              + " characters, got "
              + quote(value));
    }
    return value;
  }

  /** Like {@link #name} but also accepts the empty string, which means "not stated". */
  public static String optionalName(String field, String value) {
    requireNonNull(field, value);
    return value.isEmpty() ? value : name(field, value);
  }

  /** A party or treaty id: 1 to 128 characters, none of them a control character or a space. */
  public static String party(String field, String value) {
    requireNonNull(field, value);
    if (value.isEmpty()
        || value.length() > MAX_IDENTIFIER
        || value.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException(
          field
              + " must be 1-128 characters without spaces or control characters, got "
              + quote(value));
    }
    return value;
  }

  /** A 32-byte value (hash, salt, random value) as exactly 64 lowercase hex digits. */
  public static String hex32(String field, String value) {
    requireNonNull(field, value);
    if (!HEX32.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field
              + " must be 32 bytes as 64 lowercase hex digits, got "
              + value.length()
              + " characters: "
              + quote(value));
    }
    return value;
  }

  /** Like {@link #hex32} but also accepts the empty string, which means "none". */
  public static String optionalHex32(String field, String value) {
    requireNonNull(field, value);
    return value.isEmpty() ? value : hex32(field, value);
  }

  /** A statement time: UTC, whole seconds (statements are issued "to the second"). */
  public static Instant issuedAt(Instant value) {
    if (value == null) {
      throw new IllegalArgumentException("issuedAt is missing");
    }
    if (!value.equals(value.truncatedTo(ChronoUnit.SECONDS))) {
      throw new IllegalArgumentException("issuedAt must be whole seconds, got " + value);
    }
    return value;
  }

  /** A count or index: 0 to 2^53 - 1. */
  public static long nonNegative(String field, long value) {
    if (value < 0 || value > MAX_INTEGER) {
      throw new IllegalArgumentException(field + " must be 0.." + MAX_INTEGER + ", got " + value);
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
          field + " holds " + value.size() + " entries, more than the limit of " + MAX_ENTRIES);
    }
    try {
      return List.copyOf(value);
    } catch (NullPointerException e) {
      throw new IllegalArgumentException(field + " contains a null entry");
    }
  }

  /**
   * An immutable, key-sorted copy of a map of kebab-case names to non-negative counts (attributes
   * such as {@code reentry-vehicles: 4}). Sorted so that iteration order is canonical.
   */
  public static Map<String, Long> counts(String field, Map<String, Long> value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    if (value.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          field + " holds " + value.size() + " entries, more than the limit of " + MAX_ENTRIES);
    }
    var sorted = new java.util.TreeMap<String, Long>();
    for (var e : value.entrySet()) {
      String key = name(field + " key", e.getKey());
      Long count = e.getValue();
      if (count == null || count < 0 || count > MAX_INTEGER) {
        throw new IllegalArgumentException(
            field + "." + key + " must be an integer in 0.." + MAX_INTEGER + ", got " + count);
      }
      sorted.put(key, count);
    }
    return java.util.Collections.unmodifiableSortedMap(sorted);
  }

  private static void requireNonNull(String field, String value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
  }

  /** Quotes a value for an error message, abbreviating long input so messages stay bounded. */
  public static String quote(String value) {
    String shown = value.length() <= 80 ? value : value.substring(0, 77) + "...";
    return "\"" + shown.replace("\n", "\\n") + "\"";
  }
}
