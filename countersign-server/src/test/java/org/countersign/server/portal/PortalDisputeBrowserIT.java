package org.countersign.server.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overview's charts under a dispute, in the machine's Chromium: Russia reads two of the United
 * States' non-deployed ICBMs as deployed, and the deployed-warheads chart draws the United States'
 * total under Russia's reading beside its own, says so in its text alternative, and its table holds
 * both figures as the compliance report of the day gives them. The demo logs no dispute, so this
 * test builds one.
 */
class PortalDisputeBrowserIT extends PortalPageSession {
  static final String LIMIT = "deployed-warheads";

  @TempDir static Path dataDir;
  static PortalLog log;

  @BeforeAll
  static void start() throws Exception {
    log = served(PortalLog.startWithDispute(dataDir));
  }

  @Test
  void overview_dispute_drawsEachReadingAndTablesTheReportsFigures() throws Exception {
    page.navigate(log.url().resolve("/").toString());
    Locator chart = page.locator("#chart-" + LIMIT);
    assertThat(chart.locator(".party[data-party='US'] .reading[data-by='RU']")).hasCount(1);
    assertThat(chart.locator(".party[data-party='US'] .reading[data-by='RU'] text"))
        .hasText("US as RU reads it");
    assertThat(chart.locator(".legend")).containsText("another party's reading of disputed items");

    Locator cells = chart.locator("td[data-party='US'][data-readings]");
    assertThat(cells.first()).isAttached();
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < cells.count(); i++) {
      Locator cell = cells.nth(i);
      String day = cell.getAttribute("data-date");
      var answer = log.get("/api/v1/compliance?at=" + day + "&party=US&format=json");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode line = null;
      for (JsonNode l : json.readTree(answer.body()).get("parties").get(0).get("limits")) {
        if (l.get("limit").asText().equals(LIMIT)) {
          line = l;
        }
      }
      assertThat(line).as("the report's line for " + LIMIT).isNotNull();
      assertThat(cell.getAttribute("data-total")).isEqualTo(line.get("total").asText());
      List<String> readings = new ArrayList<>();
      for (JsonNode r : line.get("readings")) {
        readings.add(r.get("by").asText() + "=" + r.get("total").asText());
      }
      assertThat(readings).isNotEmpty();
      assertThat(cell.getAttribute("data-readings")).isEqualTo(String.join(";", readings));
      // Three deployed, and two more as Russia reads it.
      assertThat(cell.getAttribute("data-total")).isEqualTo("3");
      assertThat(readings).containsExactly("RU=5");
      assertThat(cell).containsText("5 as RU reads it");
    }
    assertThat(chart.locator("figcaption")).containsText("under a dispute, RU reads 5");
    screenshot("overview-dispute.png");
  }
}
