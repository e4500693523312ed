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
import org.countersign.treaty.statement.Suspension;
import org.junit.jupiter.api.Test;

class TemplatesTest {
  private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

  @Test
  void requireFilled_markerInFreeText_refusedNamingTheField() {
    var dispute =
        new Dispute(
            "new-start",
            "RU",
            NOW,
            "US",
            List.of("B52-0001"),
            "converted",
            "deployed",
            Map.of(),
            "<fill in: text>");
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
