package org.countersign.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.countersign.server.ops.ServerMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/inspections/plan}: the plan figures as JSON, bad parameters as 400. */
class InspectionRoutesTest {
  private static Javalin app;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    app =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.startupWatcherEnabled = false;
            });
    ErrorMapping.register(app, new ServerMetrics(), 1L << 16);
    new InspectionRoutes(ComputePool.forMachine(java.time.Duration.ofSeconds(10))).register(app);
    app.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  private static HttpResponse<String> get(String query) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + "/api/v1/inspections/plan" + query))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void plan_sampleGoalAndYears_exactFiguresWithTheIaeaApproximation() throws Exception {
    HttpResponse<String> r = get("?N=500&k=20&n=10&goal=0.95&years=5");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    JsonNode b = Json.MAPPER.readTree(r.body());
    assertThat(b.get("N").asLong()).isEqualTo(500);
    assertThat(b.get("caught").asDouble()).isBetween(0.3376875, 0.3376885);
    assertThat(b.get("smallestSample").asLong()).isEqualTo(69);
    assertThat(b.get("iaeaSampleSize").asDouble()).isBetween(69.54, 69.56);
    assertThat(b.get("caughtOverYears").get("independentYears").asDouble())
        .isBetween(0.872557, 0.872559);
    assertThat(b.get("caughtOverYears").get("withoutReplacement").asDouble())
        .isBetween(0.883588, 0.883590);
    assertThat(b.get("text").asText()).contains("goal 0.95: the smallest sample is n = 69");
  }

  @Test
  void plan_caughtCount_cumulativeDistributionOfFishersTeaTasting() throws Exception {
    // Fisher (1935): 8 cups, 4 of one kind, 4 picked; P(at least 3 right) = 17/70.
    JsonNode b = Json.MAPPER.readTree(get("?N=8&k=4&n=4&x=3").body());
    assertThat(b.get("caughtCount").get("x").asLong()).isEqualTo(3);
    assertThat(b.get("caughtCount").get("atLeast").asDouble()).isBetween(0.24285714, 0.24285715);
    assertThat(b.get("caughtCount").get("atMost").asDouble()).isBetween(0.98571428, 0.98571429);
    assertThat(b.get("caughtCount").get("atLeastExact").asText()).isEqualTo("17/70");
    assertThat(b.get("caughtCount").get("atMostExact").asText()).isEqualTo("69/70");
    assertThat(b.get("caughtExact").asText()).isEqualTo("69/70");
    // beyond the exact bound the fractions are null, the doubles still given
    JsonNode big = Json.MAPPER.readTree(get("?N=1000000&k=1000&n=50000&x=40").body());
    assertThat(big.get("caughtCount").get("atMostExact").isNull()).isTrue();
    assertThat(big.get("caughtCount").get("atMost").isNumber()).isTrue();
    assertThat(get("?N=8&k=4&n=4&x=5").statusCode()).isEqualTo(400);
  }

  @Test
  void plan_goalOnly_sampleFiguresAreNull() throws Exception {
    JsonNode b = Json.MAPPER.readTree(get("?N=500&k=5&goal=0.9").body());
    assertThat(b.get("n").isNull()).isTrue();
    assertThat(b.get("caught").isNull()).isTrue();
    assertThat(b.get("smallestSample").asLong()).isEqualTo(184);
  }

  @Test
  void plan_badParameters_400NamingTheProblem() throws Exception {
    assertThat(get("?k=5&n=3").body()).contains("query parameter N is required");
    HttpResponse<String> tooMany = get("?N=500&k=600&n=10");
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(tooMany.body())
        .contains("\"error\":\"bad-request\"")
        .contains("k (violating items) must be 0..N = 500, got 600");
    assertThat(get("?N=500&k=5&goal=95%25").body())
        .contains("goal must be a decimal in (0, 1] such as 0.95, got \\\"95%\\\"");
    assertThat(get("?N=500&k=5").body()).contains("give a sample size n or a detection goal");
    assertThat(get("?N=-1&k=5&n=1").statusCode()).isEqualTo(400);
    assertThat(get("?N=500&k=5&n=1&years=101").body()).contains("years must be 1..100, got 101");
  }
}
