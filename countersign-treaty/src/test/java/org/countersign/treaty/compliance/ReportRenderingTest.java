package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.treaty.compliance.TestLog.d;
import static org.countersign.treaty.compliance.TestLog.missile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.json.CanonicalJson;
import org.countersign.treaty.model.Treaty;
import org.junit.jupiter.api.Test;

class ReportRenderingTest {
  private final Treaty treaty = TestTreaties.testTreaty();

  private ComplianceEngine engine() {
    var log = new TestLog();
    log.adopt("A", treaty, "2020-01-01T00:00:00Z");
    var items = new org.countersign.treaty.statement.DeclaredItem[11];
    for (int i = 0; i < 11; i++) {
      items[i] = missile("M-" + i, "deployed", 1);
    }
    log.declare("A", "2024-01-01", "2024-01-02T00:00:00Z", items);
    log.exchange(
        "B", "2024-03-01", "2024-03-02T00:00:00Z", Map.of("delivery-vehicles", 4L, "warheads", 9L));
    return log.replay(treaty);
  }

  @Test
  void canonicalJson_hasEveryNumberWithItsEvidence_andNullsForAbsentValues() {
    String json = engine().reportAt(d("2024-03-15")).canonicalJson();
    JsonNode root = CanonicalJson.parse(json);
    assertThat(root.get("format").asText()).isEqualTo("countersign-compliance-report/v1");
    assertThat(root.get("treaty").asText()).isEqualTo("test-treaty");
    assertThat(root.get("at").asText()).isEqualTo("2024-03-15T23:59:59Z");
    assertThat(root.get("treatyDigest").asText()).isEqualTo(treaty.digest());
    JsonNode a = root.get("parties").get(0);
    assertThat(a.get("party").asText()).isEqualTo("A");
    assertThat(a.get("adoption").asLong()).isZero();
    JsonNode dv = a.get("limits").get(0);
    assertThat(dv.get("limit").asText()).isEqualTo("delivery-vehicles");
    assertThat(dv.get("total").asLong()).isEqualTo(11);
    assertThat(dv.get("margin").asLong()).isEqualTo(-1);
    assertThat(dv.get("breach").asBoolean()).isTrue();
    assertThat(dv.get("evidence").get(0).asLong()).isEqualTo(1);
    JsonNode c = root.get("parties").get(2);
    assertThat(c.get("party").asText()).isEqualTo("C");
    assertThat(c.get("limits").get(0).get("total").isNull()).isTrue();
    assertThat(c.get("suspendedSince").isNull()).isTrue();
    assertThat(CanonicalJson.canonicalize(root)).isEqualTo(json);
  }

  @Test
  void toText_readableLines() {
    var e = engine();
    String during = e.reportAt(d("2024-03-15")).toText();
    assertThat(during)
        .contains("Compliance report for test-treaty at 2024-03-15T23:59:59Z")
        .contains(
            "delivery-vehicles: 11 / 10, margin -1, in force, EXCEEDED WHILE IN FORCE; items as of 2024-01-01 [entry 1]")
        .contains(
            "delivery-vehicles: 4 / 10, margin 6, in force; data-exchange as of 2024-03-01 [entry 2]")
        .contains("adopted this treaty text [entry 0]");
    String before = e.reportAt(d("2024-02-01")).toText();
    assertThat(before).contains("exceeded (lawful: not in force)");
  }
}
