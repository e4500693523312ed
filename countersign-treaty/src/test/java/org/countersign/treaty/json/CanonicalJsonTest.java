package org.countersign.treaty.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Test
  void canonicalize_rfc8785StringAndLiteralExample_matchesSection322() {
    // RFC 8785 section 3.2.2, without its "numbers" member (fractions are refused here).
    String input =
        "{\n  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
            + "  \"literals\": [null, true, false]\n}";
    String expected =
        "{\"literals\":[null,true,false],\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
    assertThat(CanonicalJson.canonicalize(CanonicalJson.parse(input))).isEqualTo(expected);
  }

  @Test
  void canonicalize_rfc8785SortingExample_ordersByUtf16CodeUnits() {
    // RFC 8785 section 3.2.3: the property names and the order the RFC gives for them.
    String input =
        "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\","
            + "\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\",\"1\":\"One\","
            + "\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
            + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
    String out = CanonicalJson.canonicalize(CanonicalJson.parse(input));
    assertThat(out)
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void canonicalize_integers_printPlainDecimal() {
    ArrayNode a =
        F.arrayNode()
            .add(0)
            .add(-1)
            .add(1550)
            .add(CanonicalJson.MAX_SAFE_INTEGER)
            .add(-CanonicalJson.MAX_SAFE_INTEGER);
    assertThat(CanonicalJson.canonicalize(a))
        .isEqualTo("[0,-1,1550,9007199254740991,-9007199254740991]");
  }

  @Test
  void canonicalize_parsedNegativeZeroAndExponent_refusedOrNormalized() {
    assertThat(CanonicalJson.canonicalize(CanonicalJson.parse("-0"))).isEqualTo("0");
    assertThatThrownBy(() -> CanonicalJson.canonicalize(CanonicalJson.parse("[1e3]")))
        .hasMessageContaining("/0")
        .hasMessageContaining("only integers");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "1.0", "{\"a\":{\"b\":[2.25]}}"})
  void canonicalize_fraction_refusedWithPointer(String json) {
    assertThatThrownBy(() -> CanonicalJson.canonicalize(CanonicalJson.parse(json)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only integers");
  }

  @Test
  void canonicalize_integerBeyondSafeRange_refused() {
    assertThatThrownBy(
            () -> CanonicalJson.canonicalize(CanonicalJson.parse("{\"n\":9007199254740992}")))
        .hasMessageContaining("/n")
        .hasMessageContaining("2^53");
  }

  @Test
  void canonicalize_controlCharacters_useShortOrLowercaseEscapes() {
    String s = "\b\t\n\f\r\u0000\u001f\u007f/\u2028";
    assertThat(CanonicalJson.canonicalize(F.textNode(s)))
        .isEqualTo("\"\\b\\t\\n\\f\\r\\u0000\\u001f\u007f/\u2028\"");
  }

  @Test
  void canonicalize_unpairedSurrogate_refused() {
    ObjectNode o = F.objectNode();
    o.put("k", "a\ud800b");
    assertThatThrownBy(() -> CanonicalJson.canonicalize(o))
        .hasMessageContaining("/k")
        .hasMessageContaining("surrogate");
    ObjectNode key = F.objectNode();
    key.put("\udc00", 1);
    assertThatThrownBy(() -> CanonicalJson.canonicalize(key)).hasMessageContaining("surrogate");
  }

  @Test
  void parse_duplicateMember_refused() {
    assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1,\"a\":2}"))
        .hasMessageContaining("Duplicate");
  }

  @Test
  void parse_trailingContentOrComment_refused() {
    assertThatThrownBy(() -> CanonicalJson.parse("{} {}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.parse("{/*x*/}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.parse("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_tooDeep_refused() {
    String deep = "[".repeat(CanonicalJson.MAX_DEPTH + 2) + "]".repeat(CanonicalJson.MAX_DEPTH + 2);
    assertThatThrownBy(() -> CanonicalJson.parse(deep))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void canonicalize_randomTree_isAFixedPointOfParseThenCanonicalize(long seed) {
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    JsonNode tree = randomTree(random, 4);
    String once = CanonicalJson.canonicalize(tree);
    String twice = CanonicalJson.canonicalize(CanonicalJson.parse(once));
    assertThat(twice).isEqualTo(once);
    assertThat(CanonicalJson.parse(once)).isEqualTo(CanonicalJson.parse(twice));
  }

  private static JsonNode randomTree(RandomGenerator r, int depth) {
    int pick = depth == 0 ? r.nextInt(4) : r.nextInt(6);
    return switch (pick) {
      case 0 ->
          F.numberNode(r.nextLong(-CanonicalJson.MAX_SAFE_INTEGER, CanonicalJson.MAX_SAFE_INTEGER));
      case 1 -> F.textNode(randomString(r));
      case 2 -> F.booleanNode(r.nextBoolean());
      case 3 -> F.nullNode();
      case 4 -> {
        ArrayNode a = F.arrayNode();
        for (int i = r.nextInt(4); i > 0; i--) {
          a.add(randomTree(r, depth - 1));
        }
        yield a;
      }
      default -> {
        ObjectNode o = F.objectNode();
        for (int i = r.nextInt(5); i > 0; i--) {
          o.set(randomString(r), randomTree(r, depth - 1));
        }
        yield o;
      }
    };
  }

  private static String randomString(RandomGenerator r) {
    StringBuilder b = new StringBuilder();
    int[] pool = {'a', 'Z', '0', '"', '\\', '/', 0x01, '\n', 0x7f, 0xe9, 0x20ac, 0x1f600, 0xfb33};
    for (int i = r.nextInt(6); i > 0; i--) {
      b.appendCodePoint(pool[r.nextInt(pool.length)]);
    }
    return b.toString();
  }
}
