package org.countersign.treaty.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), restricted to the values Countersign signs: objects,
 * arrays, strings, {@code true}, {@code false}, {@code null} and integers of magnitude at most
 * 2<sup>53</sup>-1.
 *
 * <p>Why a restriction: JCS serializes numbers the way ECMAScript does, which for fractions needs
 * the shortest round-trip double formatting; statements and reports never need fractions, so
 * floating-point values are refused outright instead of being formatted with a subtle algorithm.
 * Integers inside the IEEE-754 exact range print as plain decimals, which is what JCS prescribes
 * for them. Larger integers are refused because a JCS consumer would round them.
 *
 * <p>Contract of {@link #canonicalize}: object members are sorted by their names compared as
 * sequences of UTF-16 code units (RFC 8785 section 3.2.3; {@link String#compareTo} is exactly that
 * order); strings are escaped as RFC 8785 section 3.2.2.2 says ({@code \"}, {@code \\}, the five
 * short escapes {@code \b \t \n \f \r}, other controls below U+0020 as {@code \}{@code u00xx} in
 * lowercase hex, everything else literal); no whitespace is emitted. Strings holding an unpaired
 * surrogate are refused (RFC 8785 requires I-JSON, RFC 7493, which forbids them).
 *
 * <p>All methods are pure and thread-safe.
 */
public final class CanonicalJson {
  /** The largest integer magnitude accepted: 2^53 - 1, the end of IEEE-754 double's exact range. */
  public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  /** Deepest nesting accepted by {@link #parse}: statements and reports are shallow. */
  public static final int MAX_DEPTH = 32;

  private static final BigInteger MAX_BIG = BigInteger.valueOf(MAX_SAFE_INTEGER);

  private static final JsonMapper STRICT =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxNumberLength(32)
                          .build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .disable(JsonParser.Feature.ALLOW_COMMENTS)
          .build();

  private CanonicalJson() {}

  /**
   * Parses one JSON value strictly: duplicate member names, trailing content, comments and nesting
   * deeper than {@link #MAX_DEPTH} are refused. Numbers are kept exact (integers as {@link
   * BigInteger} nodes) so that {@link #canonicalize} can refuse out-of-range values instead of
   * silently rounding them.
   *
   * @throws IllegalArgumentException naming the problem and its position
   */
  public static JsonNode parse(String json) {
    try {
      JsonNode node = STRICT.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("empty JSON text");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "malformed JSON: " + e.getOriginalMessage() + locationOf(e), e);
    }
  }

  /**
   * Parses {@code json} if, and only if, it is already in canonical form: the text {@link
   * #canonicalize} would write for the tree it holds. One pass over the characters, no second tree
   * and no re-encoding; integers come back as long nodes. This is the canonical-form rule for
   * reading: a text it accepts is exactly one that {@link #parse} accepts and {@link #canonicalize}
   * gives back unchanged.
   *
   * @throws IllegalArgumentException naming the first character that differs from the canonical
   *     spelling (which may also be malformed JSON)
   */
  public static JsonNode parseCanonical(String json) {
    return CanonicalReader.read(json);
  }

  private static String locationOf(JsonProcessingException e) {
    var loc = e.getLocation();
    return loc == null ? "" : " (at column " + loc.getColumnNr() + ")";
  }

  /**
   * The canonical form of {@code node} as a string.
   *
   * @throws IllegalArgumentException if the tree holds a non-integer number, an integer beyond
   *     {@link #MAX_SAFE_INTEGER}, or a string with an unpaired surrogate; the message names the
   *     JSON Pointer of the offending value
   */
  public static String canonicalize(JsonNode node) {
    StringBuilder out = new StringBuilder(256);
    write(node, out, new ArrayList<>());
    return out.toString();
  }

  /** {@link #canonicalize} as UTF-8 bytes: the exact bytes that are hashed or signed. */
  public static byte[] canonicalBytes(JsonNode node) {
    return canonicalize(node).getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonNode node, StringBuilder out, List<String> path) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(node, out, path);
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          path.add(Integer.toString(i));
          write(node.get(i), out, path);
          path.remove(path.size() - 1);
        }
        out.append(']');
      }
      case STRING -> writeString(node.textValue(), out, path);
      case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
      case NULL -> out.append("null");
      case NUMBER -> writeInteger(node, out, path);
      default ->
          throw new IllegalArgumentException(
              "at " + pointer(path) + ": " + node.getNodeType() + " values have no JSON form");
    }
  }

  private static void writeObject(JsonNode node, StringBuilder out, List<String> path) {
    // Sorting by String.compareTo is sorting by UTF-16 code units, as RFC 8785 3.2.3 requires.
    var members = new java.util.TreeMap<String, JsonNode>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      members.put(e.getKey(), e.getValue());
    }
    out.append('{');
    boolean first = true;
    for (var e : members.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      path.add(e.getKey());
      writeString(e.getKey(), out, path);
      out.append(':');
      write(e.getValue(), out, path);
      path.remove(path.size() - 1);
    }
    out.append('}');
  }

  private static void writeInteger(JsonNode node, StringBuilder out, List<String> path) {
    if (!node.isIntegralNumber()) {
      throw new IllegalArgumentException(
          "at " + pointer(path) + ": only integers are allowed, got the number " + node.asText());
    }
    if (node.canConvertToLong()) {
      // The common case (every number of a report is a long): no BigInteger per number.
      long v = node.longValue();
      if (v >= -MAX_SAFE_INTEGER && v <= MAX_SAFE_INTEGER) {
        out.append(v);
        return;
      }
    }
    BigInteger value = node.bigIntegerValue();
    if (value.abs().compareTo(MAX_BIG) > 0) {
      throw new IllegalArgumentException(
          "at " + pointer(path) + ": integer " + value + " is beyond +/-(2^53-1)");
    }
    out.append(value.toString());
  }

  /** Appends {@code s} as a JCS string literal. */
  static void writeString(String s, StringBuilder out, List<String> path) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          out.append(c).append(s.charAt(++i));
          continue;
        }
        throw unpaired(path, i);
      }
      if (Character.isLowSurrogate(c)) {
        throw unpaired(path, i);
      }
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static IllegalArgumentException unpaired(List<String> path, int index) {
    return new IllegalArgumentException(
        "at " + pointer(path) + ": unpaired UTF-16 surrogate at character " + index);
  }

  /** RFC 6901 JSON Pointer of a path, for messages. */
  static String pointer(List<String> path) {
    if (path.isEmpty()) {
      return "/";
    }
    StringBuilder b = new StringBuilder();
    for (String p : path) {
      b.append('/').append(p.replace("~", "~0").replace("/", "~1"));
    }
    return b.toString();
  }
}
