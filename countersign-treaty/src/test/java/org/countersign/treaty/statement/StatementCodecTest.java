package org.countersign.treaty.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementCodecTest {
  static List<Statement> samples() {
    return Statements.samples();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void decodeText_encodedSample_roundTrips(Statement s) throws Exception {
    String text = StatementCodec.encodeText(s, "countersign.local/new-start");
    assertThat(text).startsWith(StatementCodec.HEADER_PREFIX + s.kind() + "\n").endsWith("}\n");
    assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(2);
    Statement back = StatementCodec.decodeText(text);
    assertThat(back).isEqualTo(s);
    assertThat(StatementCodec.decode(text.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new AddressedStatement("countersign.local/new-start", s));
  }

  @Test
  void decodeAddressed_keepsTheOriginTheSignatureCovers() throws Exception {
    Statement s = Statements.samples().get(6);
    String text = StatementCodec.encodeText(s, "example.org/log-b");
    assertThat(text).contains("\"origin\":\"example.org/log-b\"");
    assertThat(StatementCodec.decodeAddressed(text))
        .isEqualTo(new AddressedStatement("example.org/log-b", s));
  }

  @Test
  void decodeText_withoutOrigin_refused() {
    String text = dataExchangeText().replace(",\"origin\":\"countersign.local/new-start\"", "");
    assertRefused(text, "no string \"origin\" member");
  }

  @Test
  void encodeAndDecode_malformedOrigin_refused() {
    Statement s = Statements.samples().get(6);
    assertThatThrownBy(() -> StatementCodec.encodeText(s, "has space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("origin");
    assertThatThrownBy(() -> StatementCodec.encodeText(s, "a+b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertRefused(
        dataExchangeText().replace("countersign.local/new-start", "a+b"), "must be a log origin");
  }

  @Test
  void encodeText_dataExchange_isExactCanonicalText() {
    var s =
        new DataExchangeUpdate(
            "new-start",
            "US",
            Instant.parse("2023-03-29T12:00:00Z"),
            LocalDate.parse("2023-03-01"),
            Map.of("deployed-warheads", 1419L));
    assertThat(StatementCodec.encodeText(s, "countersign.local/new-start"))
        .isEqualTo(
            "countersign/statement/v1 data-exchange-update\n"
                + "{\"asOf\":\"2023-03-01\",\"author\":\"US\",\"issuedAt\":\"2023-03-29T12:00:00Z\","
                + "\"kind\":\"data-exchange-update\",\"origin\":\"countersign.local/new-start\","
                + "\"totals\":{\"deployed-warheads\":1419},\"treaty\":\"new-start\"}\n");
  }

  @Test
  void kinds_discoveredFromSealedHierarchy_includeEveryTreatyAndRegistryKind() {
    assertThat(StatementCodec.kinds())
        .containsKeys(
            "party-key-registration",
            "key-rotation",
            "treaty-adoption",
            "declaration",
            "change-notification",
            "launch-notification",
            "data-exchange-update",
            "dispute",
            "suspension",
            "withdrawal");
    assertThat(StatementCodec.kindsUnder(TreatyStatement.class)).hasSize(8);
    assertThat(StatementCodec.kindsUnder(RegistryStatement.class)).hasSize(2);
    assertThat(StatementCodec.kindsUnder(NegotiationStatement.class)).hasSize(5);
    for (var e : StatementCodec.kinds().entrySet()) {
      assertThat(e.getValue().getAnnotation(StatementKind.class).value()).isEqualTo(e.getKey());
    }
  }

  private static String dataExchangeText() {
    return StatementCodec.encodeText(Statements.samples().get(6), "countersign.local/new-start");
  }

  private static void assertRefused(String text, String messagePart) {
    assertThatThrownBy(() -> StatementCodec.decodeText(text))
        .isInstanceOf(InvalidStatementException.class)
        .hasMessageContaining(messagePart);
  }

  @Test
  void decodeText_headerKindDiffersFromBody_refused() {
    String text = dataExchangeText().replaceFirst("data-exchange-update\n", "declaration\n");
    assertRefused(text, "differs from body kind");
  }

  @Test
  void decodeText_unknownKind_refused() {
    assertRefused("countersign/statement/v1 counter-offer\n{}\n", "unknown statement kind");
  }

  @Test
  void decodeText_wrongVersionHeader_refused() {
    assertRefused(dataExchangeText().replace("/v1 ", "/v2 "), "must start with");
  }

  @Test
  void decodeText_unknownField_refused() {
    String text = dataExchangeText().replace("\"new-start\"}", "\"new-start\",\"zzz\":1}");
    assertRefused(text, "zzz: unknown field");
  }

  @Test
  void decodeText_missingField_refusedNamingIt() {
    String text = dataExchangeText().replace("\"author\":\"US\",", "");
    assertRefused(text, "author: missing field");
  }

  @Test
  void decodeText_nonCanonicalWhitespace_refused() {
    assertRefused(dataExchangeText().replace("\"asOf\":", "\"asOf\": "), "canonical");
  }

  @Test
  void decodeText_membersOutOfOrder_refused() {
    String text =
        dataExchangeText()
            .replace(
                "{\"asOf\":\"2023-03-01\",\"author\":\"US\",",
                "{\"author\":\"US\",\"asOf\":\"2023-03-01\",");
    assertRefused(text, "canonical");
  }

  @Test
  void decodeText_float_refused() {
    assertRefused(dataExchangeText().replace(":1419", ":1419.0"), "only integers");
  }

  @Test
  void decodeText_stringForInteger_refused() {
    assertRefused(
        dataExchangeText().replace(":1419", ":\"1419\""),
        "totals.deployed-warheads: must be an integer, got the string");
  }

  @Test
  void decodeText_instantWithOffsetOrFraction_refused() {
    assertRefused(
        dataExchangeText().replace("2023-03-29T12:00:00Z", "2023-03-29T12:00:00+00:00"),
        "issuedAt: must be a UTC time");
    assertRefused(
        dataExchangeText().replace("2023-03-29T12:00:00Z", "2023-03-29T12:00:00.5Z"), "issuedAt");
  }

  @Test
  void decodeText_invalidDate_refused() {
    assertRefused(dataExchangeText().replace("2023-03-01", "2023-02-30"), "asOf: not a valid date");
  }

  @Test
  void decodeText_nullField_refused() {
    assertRefused(
        dataExchangeText().replace("\"author\":\"US\"", "\"author\":null"),
        "author: must not be null");
  }

  @Test
  void decodeText_fieldRuleBroken_refusedWithRecordMessage() {
    assertRefused(dataExchangeText().replace(":1419", ":-3"), "must be a non-negative integer");
    assertRefused(
        dataExchangeText().replace("\"asOf\":\"2023-03-01\"", "\"asOf\":\"2023-04-01\""),
        "after the day the statement was issued");
  }

  @Test
  void decodeText_missingFinalNewlineOrExtraLine_refused() {
    String text = dataExchangeText();
    assertRefused(text.substring(0, text.length() - 1), "exactly two lines");
    assertRefused(text + "\n", "exactly two lines");
  }

  @Test
  void decodeText_duplicateMember_refused() {
    assertRefused(
        dataExchangeText().replace("\"author\":\"US\",", "\"author\":\"US\",\"author\":\"US\","),
        "Duplicate");
  }

  @Test
  void decodeText_overSizeCap_refusedBeforeParsing() {
    String big =
        StatementCodec.HEADER_PREFIX
            + "declaration\n"
            + "x".repeat(StatementCodec.MAX_TEXT_BYTES)
            + "\n";
    assertRefused(big, "more than the cap");
  }

  @Test
  void decode_invalidUtf8_refused() {
    byte[] bytes = dataExchangeText().getBytes(StandardCharsets.UTF_8);
    bytes[bytes.length - 5] = (byte) 0xff;
    assertThatThrownBy(() -> StatementCodec.decode(bytes)).hasMessageContaining("UTF-8");
  }

  @Test
  void encodeText_declarationOverCap_throws() {
    var items = new ArrayList<DeclaredItem>();
    for (int i = 0; i < 1500; i++) {
      items.add(Statements.item(String.format("MM3-%05d", i), "deployed", 1));
    }
    var d =
        new Declaration(
            "new-start", "US", Statements.T, LocalDate.parse("2023-03-01"), 1, 1, items);
    assertThatThrownBy(() -> StatementCodec.encodeText(d, "countersign.local/new-start"))
        .hasMessageContaining("more than the cap");
  }

  @Test
  void constructor_controlCharacterInText_refused() {
    assertThatThrownBy(() -> new Withdrawal("new-start", "RU", Statements.T, "a\u007fb"))
        .hasMessageContaining("control character U+007F");
  }

  @Test
  void constructor_disputeAgainstSelf_refused() {
    assertThatThrownBy(
            () ->
                new Dispute(
                    "new-start",
                    "US",
                    Statements.T,
                    "US",
                    List.of("a"),
                    "converted",
                    "deployed",
                    Map.of(),
                    "x"))
        .hasMessageContaining("another party");
  }

  @Test
  void constructor_subSecondInstant_refused() {
    assertThatThrownBy(
            () -> new Withdrawal("new-start", "RU", Instant.parse("2023-01-01T00:00:00.1Z"), "x"))
        .hasMessageContaining("whole seconds");
  }

  @Test
  void decodeText_unicodeReason_roundTripsLiterally() throws Exception {
    var s =
        new Withdrawal("new-start", "RU", Statements.T, "Чрезвычайные события \u20ac \ud83d\ude00");
    String text = StatementCodec.encodeText(s, "countersign.local/new-start");
    assertThat(text).contains("Чрезвычайные");
    assertThat(StatementCodec.decodeText(text)).isEqualTo(s);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
  void decodeText_singleCharacterMutation_refusedOrDecodesToOtherStatement(long seed)
      throws Exception {
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    for (Statement s : Statements.samples()) {
      String text = StatementCodec.encodeText(s, "countersign.local/new-start");
      for (int trial = 0; trial < 40; trial++) {
        int at = random.nextInt(text.length());
        char replacement = "aZ09\"{}:,-\n \\".charAt(random.nextInt(13));
        if (text.charAt(at) == replacement) {
          continue;
        }
        String mutated = text.substring(0, at) + replacement + text.substring(at + 1);
        try {
          AddressedStatement other = StatementCodec.decodeAddressed(mutated);
          // Accepted only if it is the canonical text of a different statement or address.
          assertThat(other).isNotEqualTo(new AddressedStatement("countersign.local/new-start", s));
          assertThat(StatementCodec.encodeText(other.statement(), other.origin()))
              .isEqualTo(mutated);
        } catch (InvalidStatementException expected) {
          assertThat(expected.getMessage()).isNotBlank();
        }
      }
    }
  }
}
