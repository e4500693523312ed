package org.countersign.treaty.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written identifier and name checks accept exactly what their patterns match. */
class FieldsTest {
  private static final String ALPHABET = "aZz09-._:/ -\u00e9A\u0000\n+";

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void isIdentifierAndIsName_randomStrings_agreeWithThePatterns(long seed) {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    int accepted = 0;
    for (int k = 0; k < 20_000; k++) {
      int length = r.nextInt(10) == 0 ? 120 + r.nextInt(20) : r.nextInt(8);
      var b = new StringBuilder();
      for (int i = 0; i < length; i++) {
        b.append(ALPHABET.charAt(r.nextInt(r.nextBoolean() ? 5 : ALPHABET.length())));
      }
      String s = b.toString();
      assertThat(Fields.isIdentifier(s))
          .as("identifier %s", s)
          .isEqualTo(Fields.IDENTIFIER.matcher(s).matches());
      assertThat(Fields.isName(s)).as("name %s", s).isEqualTo(Fields.NAME.matcher(s).matches());
      accepted += Fields.isName(s) ? 1 : 0;
    }
    assertThat(accepted).isGreaterThan(100);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-",
        "a-",
        "-a",
        "a--b",
        "A",
        "a_b",
        "a b",
        "deployed",
        "non-deployed",
        "x1-2-3"
      })
  void isName_edgeCases_agreeWithThePattern(String s) {
    assertThat(Fields.isName(s)).isEqualTo(Fields.NAME.matcher(s).matches());
    for (String id : List.of(s, "a" + s, s + "a")) {
      assertThat(Fields.isIdentifier(id)).isEqualTo(Fields.IDENTIFIER.matcher(id).matches());
    }
  }
}
