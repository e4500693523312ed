package org.countersign.treaty.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.countersign.treaty.json.RecordJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written identifier, name, party and origin checks accept exactly what their patterns
 * match.
 */
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

  /** The edges of both alphabets: '+' (0x2b), space, DEL, '!' (0x21), '~' (0x7e), '*', ','. */
  private static final String EDGES = "aZ09._-+ \u007f!~*,/:\u00e9\u0000";

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void isPartyAndIsOrigin_randomStrings_agreeWithThePatterns(long seed) {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    int parties = 0;
    int origins = 0;
    for (int k = 0; k < 20_000; k++) {
      int length =
          switch (r.nextInt(4)) {
            case 0 -> 60 + r.nextInt(8);
            case 1 -> 250 + r.nextInt(10);
            default -> r.nextInt(6);
          };
      // A third of the strings only of characters both accept, so the length limits are met.
      boolean clean = r.nextInt(3) == 0;
      var b = new StringBuilder();
      for (int i = 0; i < length; i++) {
        b.append(EDGES.charAt(r.nextInt(clean || r.nextInt(8) != 0 ? 4 : EDGES.length())));
      }
      String s = b.toString();
      assertThat(Fields.isParty(s)).as("party %s", s).isEqualTo(Fields.PARTY.matcher(s).matches());
      assertThat(Fields.isOrigin(s))
          .as("origin %s", s)
          .isEqualTo(Fields.ORIGIN.matcher(s).matches());
      parties += Fields.isParty(s) ? 1 : 0;
      origins += Fields.isOrigin(s) ? 1 : 0;
    }
    assertThat(parties).isGreaterThan(100);
    assertThat(origins).isGreaterThan(100);
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

  @Test
  void instant_lastSecondOfYear9999_acceptedAndTheNextRefusedAsTheEncodingRefusesIt() {
    Instant last = Instant.parse("9999-12-31T23:59:59Z");
    assertThat(Fields.instant("at", last)).isEqualTo(last);
    Instant next = last.plusSeconds(1);
    String encodingRefusal =
        catchThrowableOfType(IllegalArgumentException.class, () -> RecordJson.formatInstant(next))
            .getMessage();
    assertThatThrownBy(() -> Fields.instant("at", next))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(encodingRefusal)
        .hasMessage("instant outside years 0000-9999: +10000-01-01T00:00:00Z");
  }
}
