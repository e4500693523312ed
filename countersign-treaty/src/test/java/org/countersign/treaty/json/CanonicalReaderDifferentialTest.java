package org.countersign.treaty.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-pass canonical reader ({@link CanonicalJson#parseCanonical}) against the definition it
 * replaces on the read path: a text is canonical when the strict parser accepts it and {@link
 * CanonicalJson#canonicalize} gives it back unchanged. Over seeded random texts in every spelling a
 * sender might use, their canonical forms, and single-character mutations of those canonical forms
 * (whitespace, escapes, digits, signs, quotes, surrogates, reordered members), both must agree on
 * every text, and on what an accepted text holds.
 */
class CanonicalReaderDifferentialTest {
  private static final int TEXTS = 600;
  private static final int MUTATIONS = 12;

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 6);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void parseCanonical_randomAndMutatedTexts_agreesWithParseThenCanonicalize(long seed) {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < TEXTS; i++) {
      StringBuilder text = new StringBuilder();
      CanonicalJsonOracleTest.writeValue(r, text, 4);
      List<String> cases = new ArrayList<>();
      cases.add(text.toString());
      String canonical = byDefinition(text.toString());
      if (canonical != null) {
        cases.add(canonical);
        for (int m = 0; m < MUTATIONS; m++) {
          cases.add(TextMutations.mutate(r, canonical));
        }
      }
      for (String t : cases) {
        if (agree(seed, t)) {
          accepted++;
        } else {
          refused++;
        }
      }
    }
    // The cases must exercise both answers, or the comparison proves little.
    assertThat(accepted).isGreaterThan(TEXTS / 2);
    assertThat(refused).isGreaterThan(TEXTS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "0",
        "-1",
        "9007199254740991",
        "-9007199254740991",
        "\"\\u001f\\u0000\\b\\t\\n\\f\\r\\\"\\\\\u007f\u2028\"",
        "{\"a\":1,\"b\":[true,false,null]}",
        "{\"\":0,\"a\":{}}",
        "{\"\uFB33\":1,\"\uD83D\uDE00\":2}",
        // refused by both
        "",
        " {}",
        "{} ",
        "{ }",
        "-0",
        "01",
        "1.0",
        "1e3",
        "9007199254740992",
        "-9007199254740992",
        "\"\\u001F\"",
        "\"\\u0008\"",
        "\"\\u0041\"",
        "\"\\/\"",
        "\"\u0001\"",
        "\"\uD83D\"",
        "\"\uDE00\uD83D\"",
        "{\"b\":1,\"a\":2}",
        "{\"a\":1,\"a\":1}",
        "{\"\uD83D\uDE00\":1,\"\uFB33\":2}",
        "[1,]",
        "{\"a\":1,}",
        "tru",
        "nul",
        "[1]]",
        "\"abc",
        "\"\\u00",
        "-",
        "[-]",
      })
  void parseCanonical_edgeCases_agreeWithTheDefinition(String text) {
    agree(0, text);
  }

  @Test
  void parseCanonical_nesting_sameLimitAsTheStrictParser() {
    for (int depth = CanonicalJson.MAX_DEPTH - 1; depth <= CanonicalJson.MAX_DEPTH + 1; depth++) {
      agree(0, "[".repeat(depth) + "]".repeat(depth));
      agree(0, "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1));
    }
    assertThatThrownBy(
            () ->
                CanonicalJson.parseCanonical(
                    "[".repeat(CanonicalJson.MAX_DEPTH + 1)
                        + "]".repeat(CanonicalJson.MAX_DEPTH + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nesting");
  }

  @Test
  void parseCanonical_refusal_namesTheCharacter() {
    assertThatThrownBy(() -> CanonicalJson.parseCanonical("{\"b\":1,\"a\":2}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("increasing order")
        .hasMessageContaining("character 7");
  }

  /** Asserts both definitions agree on {@code text}; returns whether it is canonical. */
  private static boolean agree(long seed, String text) {
    String canonical = byDefinition(text);
    boolean expected = text.equals(canonical);
    JsonNode read;
    try {
      read = CanonicalJson.parseCanonical(text);
    } catch (IllegalArgumentException e) {
      assertThat(expected)
          .as("seed %d: refused %s (%s), but it is canonical", seed, text, e.getMessage())
          .isFalse();
      return false;
    }
    assertThat(expected).as("seed %d: accepted %s, which is not canonical", seed, text).isTrue();
    assertThat(CanonicalJson.canonicalize(read))
        .as("seed %d: tree of %s", seed, text)
        .isEqualTo(text);
    return true;
  }

  /** The canonical form of {@code text} by parse-then-canonicalize, or null if it has none. */
  private static @Nullable String byDefinition(String text) {
    try {
      return CanonicalJson.canonicalize(CanonicalJson.parse(text));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
