package org.countersign.treaty.json;

import org.jspecify.annotations.Nullable;

/**
 * The lexical rules of canonical JSON text, shared by the two readers of it: {@link
 * CanonicalReader}, which builds a tree, and {@link CanonicalBinder}, which binds records. Both
 * read strings, integers, literals and nesting through this one cursor, so a spelling one accepts
 * the other accepts too; the differential tests hold them to it.
 *
 * <p>A cursor reads {@code text} from {@code start} to {@code end}; positions in refusals count
 * from {@code start}. One instance per text, used by one thread.
 */
final class CanonicalCursor {
  private final String text;
  private final int start;
  private final int end;
  int pos;
  private int depth;
  private final StringBuilder scratch = new StringBuilder(32);

  CanonicalCursor(String text, int start, int end) {
    this.text = text;
    this.start = start;
    this.end = end;
    this.pos = start;
  }

  boolean atEnd() {
    return pos >= end;
  }

  /** The character at the cursor, refusing the end of the text. */
  char peek() {
    if (pos >= end) {
      throw refuse("the text ends early");
    }
    return text.charAt(pos);
  }

  void expect(char c) {
    if (peek() != c) {
      throw refuse("expected '" + c + "'");
    }
    pos++;
  }

  /** One level deeper (an object or array opens), within {@link CanonicalJson#MAX_DEPTH}. */
  void enter() {
    if (++depth > CanonicalJson.MAX_DEPTH) {
      throw refuse("nesting deeper than " + CanonicalJson.MAX_DEPTH);
    }
  }

  void leave() {
    depth--;
  }

  /**
   * After a member or element: true at the closing {@code close} (consumed, one level up), false at
   * a comma (consumed); anything else is refused.
   */
  boolean closes(char close) {
    char c = peek();
    pos++;
    if (c == close) {
      depth--;
      return true;
    }
    if (c != ',') {
      pos--;
      throw refuse("expected ',' or '" + close + "'");
    }
    return false;
  }

  /** Reads a string literal at {@code pos} (its opening quote), leaving pos after its close. */
  String string() {
    int from = ++pos;
    // The common case: no escape, no surrogate; the literal is a substring of the text.
    while (pos < end) {
      char c = text.charAt(pos);
      if (c == '"') {
        return text.substring(from, pos++);
      }
      if (c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
        break;
      }
      pos++;
    }
    StringBuilder out = scratch;
    out.setLength(0);
    out.append(text, from, pos);
    while (true) {
      if (pos >= end) {
        throw refuse("unterminated string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return out.toString();
      }
      if (c < 0x20) {
        throw refuse("control character not escaped");
      }
      if (Character.isHighSurrogate(c)) {
        if (pos + 1 < end && Character.isLowSurrogate(text.charAt(pos + 1))) {
          out.append(c).append(text.charAt(pos + 1));
          pos += 2;
          continue;
        }
        throw refuse("unpaired UTF-16 surrogate");
      }
      if (Character.isLowSurrogate(c)) {
        throw refuse("unpaired UTF-16 surrogate");
      }
      if (c != '\\') {
        out.append(c);
        pos++;
        continue;
      }
      if (pos + 1 >= end) {
        throw refuse("unterminated escape");
      }
      char e = text.charAt(pos + 1);
      switch (e) {
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        case 'b' -> out.append('\b');
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'f' -> out.append('\f');
        case 'r' -> out.append('\r');
        case 'u' -> {
          // Canonical form escapes with \\u only the controls that have no short escape.
          if (pos + 5 >= end
              || text.charAt(pos + 2) != '0'
              || text.charAt(pos + 3) != '0'
              || (text.charAt(pos + 4) != '0' && text.charAt(pos + 4) != '1')) {
            throw refuse("escape that canonical form does not write");
          }
          int low = hex(text.charAt(pos + 5));
          char decoded = (char) ((text.charAt(pos + 4) - '0') * 16 + low);
          if (low < 0
              || decoded == '\b'
              || decoded == '\t'
              || decoded == '\n'
              || decoded == '\f'
              || decoded == '\r') {
            throw refuse("escape that canonical form does not write");
          }
          out.append(decoded);
          pos += 4;
        }
        default -> throw refuse("escape that canonical form does not write");
      }
      pos += 2;
    }
  }

  /**
   * Reads a member name and checks it against the one before it in the same object (null for the
   * first): names are bounded and strictly increasing, so no name comes twice.
   */
  String memberName(@Nullable String previous) {
    if (peek() != '"') {
      throw refuse("expected a member name");
    }
    int at = pos;
    String name = string();
    if (name.length() > CanonicalReader.MAX_NAME_LENGTH) {
      pos = at;
      throw refuse("member name longer than " + CanonicalReader.MAX_NAME_LENGTH + " characters");
    }
    if (previous != null && previous.compareTo(name) >= 0) {
      pos = at;
      throw refuse("member names not in strictly increasing order");
    }
    expect(':');
    return name;
  }

  /** A lowercase hex digit's value, or -1. */
  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  /** Whether the cursor is at the first character of an integer. */
  boolean atInteger() {
    char c = peek();
    return c == '-' || (c >= '0' && c <= '9');
  }

  long integer() {
    int from = pos;
    boolean negative = text.charAt(pos) == '-';
    if (negative) {
      pos++;
    }
    if (pos >= end || text.charAt(pos) < '0' || text.charAt(pos) > '9') {
      throw refuse("a number needs digits");
    }
    long value = 0;
    if (text.charAt(pos) == '0') {
      pos++;
      if (negative) {
        pos = from;
        throw refuse("-0 is written 0");
      }
    } else {
      while (pos < end && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
        value = value * 10 + (text.charAt(pos) - '0');
        pos++;
        if (value > CanonicalJson.MAX_SAFE_INTEGER) {
          pos = from;
          throw refuse("integer beyond +/-(2^53-1)");
        }
      }
    }
    if (pos < end) {
      char c = text.charAt(pos);
      if (c == '.' || c == 'e' || c == 'E' || (c >= '0' && c <= '9')) {
        pos = from;
        throw refuse("only integers in their shortest spelling are allowed");
      }
    }
    return negative ? -value : value;
  }

  void literal(String word) {
    if (end - pos < word.length() || !text.startsWith(word, pos)) {
      throw refuse("not the start of a JSON value");
    }
    pos += word.length();
  }

  IllegalArgumentException refuse(String what) {
    return new IllegalArgumentException(
        "not canonical JSON: " + what + " at character " + (pos - start));
  }
}
