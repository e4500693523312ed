package org.countersign.treaty.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.countersign.treaty.statement.Dispute;
import org.countersign.treaty.statement.StatementCodec;
import org.countersign.treaty.statement.Suspension;
import org.junit.jupiter.api.Test;

class TemplatesTest {
  private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

  @Test
  void requireFilled_markerInFreeText_refusedNamingTheField() {
    var dispute = dispute(Map.of(), "<fill in: text>");
    assertThatThrownBy(() -> Templates.requireFilled(dispute))
        .isInstanceOfSatisfying(
            EntryRejectedException.class,
            e -> {
              assertThat(e.violation()).isEqualTo(Violation.UNFILLED_TEMPLATE);
              assertThat(e.reason()).startsWith("dispute: reason is not filled in yet");
            });
  }

  @Test
  void requireFilled_writtenStatement_passes() {
    var s = new Suspension("new-start", "RU", NOW, LocalDate.parse("2023-02-21"), "grounds");
    assertThatCode(() -> Templates.requireFilled(s)).doesNotThrowAnyException();
  }

  @Test
  void requireFilled_fromCanonicalText_decidesAsTheWalk() {
    String origin = "log.example/new-start";
    List<org.countersign.treaty.statement.Statement> statements =
        List.of(
            dispute(Map.of(), "<fill in: text>"), // a value
            dispute(Map.of("warheads", 2L), "<fill in: why>"), // a value after a map
            dispute(Map.of(), "see <fill in: x> above"), // quoted in prose: not a marker
            dispute(Map.of("warheads", 3L), "written \"<\" and \\ and \u00e9"),
            new Suspension("new-start", "RU", NOW, LocalDate.parse("2023-02-21"), "grounds"));
    List<Boolean> refused = List.of(true, true, false, false, false);
    for (int i = 0; i < statements.size(); i++) {
      var s = statements.get(i);
      String text = StatementCodec.encodeText(s, origin);
      boolean byWalk = refuses(() -> Templates.requireFilled(s));
      boolean byText = refuses(() -> Templates.requireFilled(s, text));
      assertThat(byText).as("statement %d", i).isEqualTo(byWalk).isEqualTo(refused.get(i));
    }
  }

  private static Dispute dispute(Map<String, Long> attributes, String reason) {
    return new Dispute(
        "new-start",
        "RU",
        NOW,
        "US",
        List.of("B52-0001"),
        "converted",
        "deployed",
        attributes,
        reason);
  }

  private interface Check {
    void run() throws EntryRejectedException;
  }

  private static boolean refuses(Check check) {
    try {
      check.run();
      return false;
    } catch (EntryRejectedException e) {
      assertThat(e.violation()).isEqualTo(Violation.UNFILLED_TEMPLATE);
      return true;
    }
  }

  @Test
  void firstUnfilled_namesNestedValuesAndKeys() throws Exception {
    var json = new ObjectMapper();
    assertThat(
            Templates.firstUnfilled(
                json.readTree("{\"a\":[{\"b\":\"x\"},{\"c\":\"<fill in: a>\"}]}")))
        .isEqualTo("a[1].c");
    assertThat(Templates.firstUnfilled(json.readTree("{\"t\":{\"<fill in: a name>\":1}}")))
        .isEqualTo("a name in t");
    // Only a value that starts with the marker is one: quoting it in prose is not.
    assertThat(Templates.firstUnfilled(json.readTree("{\"r\":\"see <fill in: x>\"}"))).isNull();
  }
}
