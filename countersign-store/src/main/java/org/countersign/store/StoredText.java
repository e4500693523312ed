package org.countersign.store;

import java.util.regex.Pattern;

/**
 * Preconditions on the text and keys a store persists, shared by the public value types so that
 * both drivers refuse exactly the same inputs before any I/O.
 */
final class StoredText {
  /** A note (checkpoint, cosigned checkpoint) is a few hundred bytes; this bounds a bad caller. */
  static final int MAX_NOTE_CHARS = 1 << 20;

  /** Metadata values are small (a key name, a setting), never bulk data. */
  static final int MAX_META_BYTES = 1 << 20;

  private static final Pattern META_KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

  private StoredText() {}

  /**
   * Checks that {@code note} can be stored and read back unchanged by every driver: not empty,
   * bounded, no NUL (PostgreSQL text cannot hold it) and no unpaired surrogate (which UTF-8
   * encoding would silently replace, changing signed bytes).
   */
  static String requireNote(String note, String what) {
    if (note.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (note.length() > MAX_NOTE_CHARS) {
      throw new IllegalArgumentException(
          what + " is at most " + MAX_NOTE_CHARS + " characters, got " + note.length());
    }
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if (c == '\0') {
        throw new IllegalArgumentException(what + " contains NUL at offset " + i);
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < note.length()
          && Character.isLowSurrogate(note.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(what + " contains an unpaired surrogate at offset " + i);
      }
    }
    return note;
  }

  /** Checks a metadata key: lower-case ASCII letters, digits, '.', '_' and '-', 1 to 128 long. */
  static String requireMetaKey(String key) {
    if (!META_KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "a meta key is 1-128 characters of [a-z0-9._-] starting with a letter or digit, got \""
              + abbreviate(key)
              + "\"");
    }
    return key;
  }

  /** Checks a metadata value's size. */
  static byte[] requireMetaValue(byte[] value) {
    if (value.length > MAX_META_BYTES) {
      throw new IllegalArgumentException(
          "a meta value is at most " + MAX_META_BYTES + " bytes, got " + value.length);
    }
    return value;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
