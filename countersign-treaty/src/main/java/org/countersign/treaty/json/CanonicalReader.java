package org.countersign.treaty.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

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
 * CanonicalJson#canonicalize} gives it back unchanged, with the same tree. The lexical rules
 * (strings, integers, literals, member names and their order, nesting) are {@link
 * CanonicalCursor}'s, which {@link CanonicalBinder} shares. One instance per text.
 */
final class CanonicalReader {
  /** The strict parser's limit on member names (Jackson's default {@code maxNameLength}). */
  static final int MAX_NAME_LENGTH = 50_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final CanonicalCursor in;

  private CanonicalReader(String text) {
    this.in = new CanonicalCursor(text, 0, text.length());
  }

  /**
   * The tree of {@code text}, which must be canonical JSON.
   *
   * @throws IllegalArgumentException naming the first character that is not the canonical spelling
   */
  static JsonNode read(String text) {
    CanonicalReader r = new CanonicalReader(text);
    JsonNode node = r.value();
    if (!r.in.atEnd()) {
      throw r.in.refuse("content after the value");
    }
    return node;
  }

  private JsonNode value() {
    if (in.atEnd()) {
      throw in.refuse("the text ends where a value should start");
    }
    char c = in.peek();
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> NODES.textNode(in.string());
      case 't' -> {
        in.literal("true");
        yield NODES.booleanNode(true);
      }
      case 'f' -> {
        in.literal("false");
        yield NODES.booleanNode(false);
      }
      case 'n' -> {
        in.literal("null");
        yield NODES.nullNode();
      }
      default -> {
        if (in.atInteger()) {
          yield NODES.numberNode(in.integer());
        }
        throw in.refuse("not the start of a JSON value");
      }
    };
  }

  private ObjectNode object() {
    in.enter();
    in.pos++; // '{'
    ObjectNode obj = NODES.objectNode();
    if (in.peek() == '}') {
      in.pos++;
      in.leave();
      return obj;
    }
    @Nullable String previous = null;
    do {
      String name = in.memberName(previous);
      previous = name;
      obj.set(name, value());
    } while (!in.closes('}'));
    return obj;
  }

  private ArrayNode array() {
    in.enter();
    in.pos++; // '['
    ArrayNode arr = NODES.arrayNode();
    if (in.peek() == ']') {
      in.pos++;
      in.leave();
      return arr;
    }
    do {
      arr.add(value());
    } while (!in.closes(']'));
    return arr;
  }
}
