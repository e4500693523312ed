package org.countersign.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.countersign.server.ops.ServerMetrics;
import org.countersign.stability.Assessor;
import org.countersign.stability.ModelParameters;
import org.countersign.stability.StabilityReport;
import org.countersign.treaty.forces.ForcePostureLoader;
import org.countersign.treaty.loader.TreatyLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/stability/assess}: the library's JSON exactly, bounded, bad input as 400. */
class StabilityRoutesTest {
  private static Javalin app;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    app =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.startupWatcherEnabled = false;
              c.http.maxRequestSize = 1L << 16;
            });
    ErrorMapping.register(app, new ServerMetrics(), 1L << 16);
    new StabilityRoutes(ComputePool.forMachine(java.time.Duration.ofSeconds(10))).register(app);
    app.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  private static URI uri(String query) {
    return URI.create("http://127.0.0.1:" + app.port() + "/api/v1/stability/assess" + query);
  }

  private static HttpResponse<String> get(String query) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(query)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(""))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void get_jsonIsTheLibrarysBytes_withProposal() throws Exception {
    HttpResponse<String> r = get("?parties=US,RU&runs=200&seed=42&proposal=integrated-framework");
    assertThat(r.statusCode()).isEqualTo(200);
    String expected =
        StabilityReport.json(
            Assessor.assess(
                new Assessor.Request(
                    ForcePostureLoader.builtIn(),
                    List.of("US", "RU"),
                    ModelParameters.defaults(),
                    200,
                    42,
                    true,
                    Optional.of(TreatyLoader.builtIn("integrated-framework")))));
    assertThat(r.body())
        .isEqualTo(expected)
        .contains("\"proposal\":{\"id\":\"integrated-framework\"");
  }

  @Test
  void post_ownForcesFile_andTextFormat() throws Exception {
    // Read as a stream: under verify the treaty module is a jar, not a folder.
    String yaml;
    try (var in = StabilityRoutesTest.class.getResourceAsStream(ForcePostureLoader.RESOURCE)) {
      yaml = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
    }
    String body =
        Json.MAPPER
            .createObjectNode()
            .put("forces", yaml)
            .put("parties", "US,CN")
            .put("format", "text")
            .put("sensitivity", false)
            .toString();
    HttpResponse<String> r = post(body);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("US and CN").contains("Assumptions used");
  }

  @Test
  void badInput_400WithReason() throws Exception {
    assertThat(get("?runs=10001").body()).contains("runs must be at most 10000, got 10001");
    assertThat(get("?runs=10001").statusCode()).isEqualTo(400);
    assertThat(get("?parties=US,XX").body()).contains("no forces for party XX");
    assertThat(get("?format=pdf").body()).contains("format must be text, json or html");
    assertThat(get("?proposal=../../etc/passwd").body()).contains("must name a shipped treaty");
    assertThat(get("?seed=abc").body()).contains("seed must be a 64-bit integer");
    HttpResponse<String> badForces = post("{\"forces\": \"format: nope\"}");
    assertThat(badForces.statusCode()).isEqualTo(400);
    assertThat(badForces.body()).contains("force-posture file refused");
    assertThat(post("{\"colour\": 1}").body()).contains("unknown member 'colour'");
    assertThat(post("[1]").body()).contains("body must be a JSON object");
  }
}
