package org.countersign.treaty.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a JSON text that is already in the canonical form {@link CanonicalJson#canonicalize}
 * writes, in one pass over its characters, and refuses any other spelling: the check that a body is
 * canonical and its parse are one loop, with no second tree and no re-encoding.
 *
 * <p>What it accepts, character by character, is exactly what {@link CanonicalJson#canonicalize}
 * can emit: no whitespace; object members in strictly increasing order of their names compared as
 * UTF-16 code units (so no name twice); strings with only the escapes JCS writes ({@code \"},
 * {@code \\}, {@code \b \t \n \f \r}, and {@code \}{@code u00xx} in lowercase hex for the other
 * controls below U+0020), no literal control character and no unpaired surrogate; integers as
 * {@code -?(0|[1-9][0-9]*)} without {@code -0}, of magnitude at most {@link
 * CanonicalJson#MAX_SAFE_INTEGER}; {@code true}, {@code false}, {@code null}; nesting at most
 * {@link CanonicalJson#MAX_DEPTH} deep, as {@link CanonicalJson#parse} allows. Member names longer
 * than {@link #MAX_NAME_LENGTH} are refused, as the strict parser's limits refuse them.
 *
 * <p>{@code CanonicalReaderDifferentialTest} holds it to the definition it replaces: a text is
 * accepted if and only if {@link CanonicalJson#parse} accepts it and {@link
 * CanonicalJson#canonicalize} gives it back unchanged, with the same tree. Not thread-confined
 * state: one instance per text.
 */
final class CanonicalReader {
  /** The strict parser's limit on member names (Jackson's default {@code maxNameLength}). */
  static final int MAX_NAME_LENGTH = 50_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String text;
  private int pos;
  private int depth;
  private final StringBuilder scratch = new StringBuilder(32);

  private CanonicalReader(String text) {
    this.text = text;
  }

  /**
   * The tree of {@code text}, which must be canonical JSON.
   *
   * @throws IllegalArgumentException naming the first character that is not the canonical spelling
   */
  static JsonNode read(String text) {
    CanonicalReader r = new CanonicalReader(text);
    JsonNode node = r.value();
    if (r.pos != text.length()) {
      throw r.refuse("content after the value");
    }
    return node;
  }

  private JsonNode value() {
    if (pos >= text.length()) {
      throw refuse("the text ends where a value should start");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> NODES.textNode(string());
      case 't' -> {
        literal("true");
        yield NODES.booleanNode(true);
      }
      case 'f' -> {
        literal("false");
        yield NODES.booleanNode(false);
      }
      case 'n' -> {
        literal("null");
        yield NODES.nullNode();
      }
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield NODES.numberNode(integer());
        }
        throw refuse("not the start of a JSON value");
      }
    };
  }

  private ObjectNode object() {
    enter();
    pos++; // '{'
    ObjectNode obj = NODES.objectNode();
    if (peek() == '}') {
      pos++;
      depth--;
      return obj;
    }
    String previous = null;
    while (true) {
      if (peek() != '"') {
        throw refuse("expected a member name");
      }
      int at = pos;
      String name = string();
      if (name.length() > MAX_NAME_LENGTH) {
        pos = at;
        throw refuse("member name longer than " + MAX_NAME_LENGTH + " characters");
      }
      if (previous != null && previous.compareTo(name) >= 0) {
        pos = at;
        throw refuse("member names not in strictly increasing order");
      }
      previous = name;
      expect(':');
      obj.set(name, value());
      char c = peek();
      pos++;
      if (c == '}') {
        depth--;
        return obj;
      }
      if (c != ',') {
        pos--;
        throw refuse("expected ',' or '}'");
      }
    }
  }

  private ArrayNode array() {
    enter();
    pos++; // '['
    ArrayNode arr = NODES.arrayNode();
    if (peek() == ']') {
      pos++;
      depth--;
      return arr;
    }
    while (true) {
      arr.add(value());
      char c = peek();
      pos++;
      if (c == ']') {
        depth--;
        return arr;
      }
      if (c != ',') {
        pos--;
        throw refuse("expected ',' or ']'");
      }
    }
  }

  private void enter() {
    if (++depth > CanonicalJson.MAX_DEPTH) {
      throw refuse("nesting deeper than " + CanonicalJson.MAX_DEPTH);
    }
  }

  /** Reads a string literal at {@code pos} (its opening quote), leaving pos after its close. */
  private String string() {
    int start = ++pos;
    // The common case: no escape, no surrogate; the literal is a substring of the text.
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        return text.substring(start, pos++);
      }
      if (c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
        break;
      }
      pos++;
    }
    StringBuilder out = scratch;
    out.setLength(0);
    out.append(text, start, pos);
    while (true) {
      if (pos >= text.length()) {
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
        if (pos + 1 < text.length() && Character.isLowSurrogate(text.charAt(pos + 1))) {
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
      if (pos + 1 >= text.length()) {
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
          if (pos + 5 >= text.length()
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

  private long integer() {
    int start = pos;
    boolean negative = text.charAt(pos) == '-';
    if (negative) {
      pos++;
    }
    if (pos >= text.length() || text.charAt(pos) < '0' || text.charAt(pos) > '9') {
      throw refuse("a number needs digits");
    }
    long value = 0;
    if (text.charAt(pos) == '0') {
      pos++;
      if (negative) {
        pos = start;
        throw refuse("-0 is written 0");
      }
    } else {
      while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
        value = value * 10 + (text.charAt(pos) - '0');
        pos++;
        if (value > CanonicalJson.MAX_SAFE_INTEGER) {
          pos = start;
          throw refuse("integer beyond +/-(2^53-1)");
        }
      }
    }
    if (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '.' || c == 'e' || c == 'E' || (c >= '0' && c <= '9')) {
        pos = start;
        throw refuse("only integers in their shortest spelling are allowed");
      }
    }
    return negative ? -value : value;
  }

  private void literal(String word) {
    if (!text.startsWith(word, pos)) {
      throw refuse("not the start of a JSON value");
    }
    pos += word.length();
  }

  private void expect(char c) {
    if (peek() != c) {
      throw refuse("expected '" + c + "'");
    }
    pos++;
  }

  private char peek() {
    if (pos >= text.length()) {
      throw refuse("the text ends early");
    }
    return text.charAt(pos);
  }

  private IllegalArgumentException refuse(String what) {
    return new IllegalArgumentException("not canonical JSON: " + what + " at character " + pos);
  }
}
