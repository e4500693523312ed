package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.countersign.fixtures.FakeClock;
import org.countersign.treaty.statement.DataExchangeUpdate;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.junit.jupiter.api.Test;

class StatementCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void kinds_listsEveryCodecKind() {
    CliRun r = CliRun.run("", "statement", "kinds");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip().split("\n"))
        .containsExactlyElementsOf(StatementCodec.kinds().keySet());
  }

  @Test
  void new_everyKind_templateNamesExactlyTheRecordFieldsButIssuedAt() throws Exception {
    for (var kind : StatementCodec.kinds().entrySet()) {
      CliRun r = CliRun.run("", "statement", "new", kind.getKey(), "--author", "US");
      assertThat(r.exitCode()).as(kind.getKey() + ": " + r.err()).isZero();
      JsonNode t = JSON.readTree(r.out());
      List<String> names = new ArrayList<>();
      t.fieldNames().forEachRemaining(names::add);
      List<String> expected = new ArrayList<>(List.of("kind"));
      for (var c : kind.getValue().getRecordComponents()) {
        if (!c.getName().equals("issuedAt")) {
          expected.add(c.getName());
        }
      }
      assertThat(names).as(kind.getKey()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(t.get("kind").asText()).isEqualTo(kind.getKey());
      assertThat(t.get("treaty").asText()).isEqualTo("new-start");
    }
  }

  @Test
  void new_everyKindsUneditedTemplate_isRefusedUntilFilledIn() throws Exception {
    for (String kind : StatementCodec.kinds().keySet()) {
      for (String[] author : new String[][] {{"--author", "US"}, {}}) {
        List<String> args = new ArrayList<>(List.of("statement", "new", kind));
        args.addAll(List.of(author));
        CliRun r = CliRun.run("", args.toArray(String[]::new));
        assertThat(r.exitCode()).as(kind).isZero();
        assertThatThrownBy(
                () ->
                    StatementJson.parse(
                        r.out().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        InstantSource.system()))
            .as(kind)
            .isInstanceOf(CommandFailure.class)
            .hasMessageContaining("is not filled in yet");
      }
    }
  }

  @Test
  void new_filledDataExchangeTemplate_parsesWithIssuedAtNow() throws Exception {
    CliRun r = CliRun.run("", "statement", "new", "data-exchange-update", "--author", "RU");
    ObjectNode t = (ObjectNode) JSON.readTree(r.out());
    t.put("asOf", "2022-09-01");
    t.putObject("totals").put("deployed-warheads", 1549);
    FakeClock clock = new FakeClock(Instant.parse("2026-11-26T10:15:30.250Z"));
    Statement s = StatementJson.parse(JSON.writeValueAsBytes(t), clock);
    assertThat(s)
        .isEqualTo(
            new DataExchangeUpdate(
                "new-start",
                "RU",
                Instant.parse("2026-11-26T10:15:30Z"),
                java.time.LocalDate.of(2022, 9, 1),
                Map.of("deployed-warheads", 1549L)));
  }

  @Test
  void new_unknownKind_isUsageError() {
    CliRun r = CliRun.run("", "statement", "new", "treaty-violation");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("unknown statement kind \"treaty-violation\"");
  }

  @Test
  void statementJson_badFiles_areUsageErrorsNamingTheProblem() {
    FakeClock clock = new FakeClock(Instant.parse("2026-11-26T10:15:30Z"));
    Map<String, String> cases =
        Map.of(
            "[1]", "must hold one JSON object",
            "{\"treaty\":\"new-start\"}", "no string \"kind\"",
            "{\"kind\":\"nope\"}", "unknown statement kind \"nope\"",
            "{\"kind\":\"suspension\",\"kind\":\"suspension\"}", "statement file: malformed JSON",
            "{\"kind\":\"suspension\",\"treaty\":\"new-start\",\"author\":\"US\",\"effective\":\"2023-02-21\"}",
                "suspension: ");
    cases.forEach(
        (json, message) -> {
          try {
            StatementJson.parse(json.getBytes(StandardCharsets.UTF_8), clock);
            throw new AssertionError("accepted " + json);
          } catch (CommandFailure e) {
            assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(e.getMessage()).as(json).contains(message);
          }
        });
  }
}
