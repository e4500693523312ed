package org.countersign.treaty.model;

import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Invariant checks shared by the model records; each throws IllegalArgumentException. */
final class Checks {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private Checks() {}

  static String id(String field, String value) {
    present(field, value);
    if (!ID.matcher(value).matches()) {
      throw new IllegalArgumentException(field + " is not a valid id: " + value);
    }
    return value;
  }

  static String name(String field, String value) {
    present(field, value);
    if (value.length() > 64 || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(field + " must be lowercase kebab-case: " + value);
    }
    return value;
  }

  static String text(String field, String value) {
    present(field, value);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  static <T> T present(String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    return value;
  }

  static <T> List<T> list(String field, List<T> value) {
    present(field, value);
    return List.copyOf(value);
  }

  static <T> List<T> uniqueBy(String field, List<T> value, Function<T, String> key) {
    List<T> copy = list(field, value);
    var seen = new HashSet<String>();
    for (T t : copy) {
      if (!seen.add(key.apply(t))) {
        throw new IllegalArgumentException(field + " lists " + key.apply(t) + " twice");
      }
    }
    return copy;
  }
}
