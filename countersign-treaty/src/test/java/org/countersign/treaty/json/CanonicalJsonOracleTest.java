package org.countersign.treaty.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our RFC 8785 canonical JSON against an independent implementation (Anders Rundgren and Samuel
 * Erdtman's {@code java-json-canonicalization}, test scope only), over seeded random JSON texts
 * written the non-canonical ways a sender might: members in any order, random whitespace, escaped
 * and literal characters, {@code \/}, {@code \}{@code uXXXX} for any character and surrogate pairs.
 * Both must give the same bytes for every text our restricted profile accepts.
 */
class CanonicalJsonOracleTest {
  private static final int TEXTS = 1_000;

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 8);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void canonicalize_randomTexts_equalsIndependentRfc8785Implementation(long seed)
      throws IOException {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    for (int i = 0; i < TEXTS; i++) {
      // The oracle accepts only an object or an array at the top level (RFC 8785 allows any
      // value), so every random value is wrapped in a one-element array.
      StringBuilder text = new StringBuilder("[");
      writeValue(r, text, 4);
      text.append(']');
      String json = text.toString();
      String ours = CanonicalJson.canonicalize(CanonicalJson.parse(json));
      String oracle = new JsonCanonicalizer(json).getEncodedString();
      assertThat(ours).as("seed %d text %d: %s", seed, i, json).isEqualTo(oracle);
    }
  }

  static void writeValue(RandomGenerator r, StringBuilder out, int depth) {
    space(r, out);
    int pick = depth == 0 ? r.nextInt(4) : r.nextInt(6);
    switch (pick) {
      case 0 -> out.append(integer(r));
      case 1 -> writeString(r, out, randomString(r));
      case 2 -> out.append(r.nextBoolean() ? "true" : "false");
      case 3 -> out.append("null");
      case 4 -> {
        out.append('[');
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            out.append(',');
          }
          writeValue(r, out, depth - 1);
        }
        space(r, out);
        out.append(']');
      }
      default -> {
        // Distinct names (duplicates are refused by both), written in a random order.
        Set<String> names = new LinkedHashSet<>();
        for (int i = r.nextInt(6); i > 0; i--) {
          names.add(randomString(r));
        }
        List<String> order = new ArrayList<>(names);
        Collections.shuffle(order, new java.util.Random(r.nextLong()));
        out.append('{');
        for (int i = 0; i < order.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          space(r, out);
          writeString(r, out, order.get(i));
          space(r, out);
          out.append(':');
          writeValue(r, out, depth - 1);
        }
        space(r, out);
        out.append('}');
      }
    }
    space(r, out);
  }

  /** Integers across the profile's range, small ones and the edges more often. */
  private static String integer(RandomGenerator r) {
    long max = CanonicalJson.MAX_SAFE_INTEGER;
    return switch (r.nextInt(5)) {
      case 0 -> Long.toString(r.nextLong(-10, 11));
      case 1 -> Long.toString(r.nextBoolean() ? max : -max);
      case 2 -> Long.toString(r.nextLong(-1_000_000, 1_000_001));
      default -> Long.toString(r.nextLong(-max, max + 1));
    };
  }

  // Characters that RFC 8785 treats differently: quotes, backslash, controls (short escapes and
  // a six-character escape), DEL and U+2028 (literal), non-ASCII BMP, a character above the BMP,
  // and ones whose
  // UTF-16 order differs from their code point order (U+FB33 sorts after U+1F600's surrogates).
  private static final int[] POOL = {
    'a', 'b', 'Z', '0', ' ', '"', '\\', '/', 0x00, 0x01, 0x08, '\t', '\n', 0x0c, '\r', 0x1f, 0x7f,
    0xe9, 0x20ac, 0x2028, 0xfb33, 0xffff, 0x1f600, 0x10000, 0x10ffff
  };

  private static String randomString(RandomGenerator r) {
    StringBuilder b = new StringBuilder();
    for (int i = r.nextInt(7); i > 0; i--) {
      b.appendCodePoint(POOL[r.nextInt(POOL.length)]);
    }
    return b.toString();
  }

  /** Writes {@code s} as a JSON string, choosing at random among the valid spellings. */
  private static void writeString(RandomGenerator r, StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
        // A pair is escaped whole or not at all: half-escaped pairs are not valid JSON text.
        char low = s.charAt(++i);
        if (r.nextBoolean()) {
          out.append(String.format(Locale.ROOT, "\\u%04x\\u%04x", (int) c, (int) low));
        } else {
          out.append(c).append(low);
        }
        continue;
      }
      boolean mustEscape = c == '"' || c == '\\' || c < 0x20;
      if (r.nextInt(4) == 0) {
        out.append(String.format(Locale.ROOT, r.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
      } else if (c == '/' && r.nextBoolean()) {
        out.append("\\/");
      } else if (mustEscape) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\t' -> out.append("\\t");
          case '\r' -> out.append("\\r");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          default -> out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        }
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  private static void space(RandomGenerator r, StringBuilder out) {
    for (int i = r.nextInt(3) == 0 ? r.nextInt(3) : 0; i > 0; i--) {
      out.append(" \t\n\r".charAt(r.nextInt(4)));
    }
  }
}
