package org.countersign.witness.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.countersign.fixtures.FakeClock;
import org.countersign.testing.TestLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends every request of the committed corpus to a real witness over HTTP and checks the status the
 * spec names, the 409 size body, and that the stored state did not change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AddCheckpointCorpusTest {
  private static final Path CORPUS = corpusRoot();

  private final HttpClient http = HttpClient.newHttpClient();
  private final TestLog log = TestLog.main();
  private WitnessServer after5;
  private WitnessServer fresh;

  @BeforeAll
  void startWitnesses(@TempDir Path tmp) throws Exception {
    after5 = start(tmp.resolve("after-5"));
    fresh = start(tmp.resolve("fresh"));
    HttpResponse<String> r =
        post(after5, ("old 0\n\n" + log.signedCheckpoint(5)).getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @AfterAll
  void stop() throws IOException {
    after5.close();
    fresh.close();
  }

  private WitnessServer start(Path dir) throws IOException {
    return WitnessServer.start(
        WitnessOptions.builder()
            .dataDir(dir)
            .log(log.verifierKey())
            .name("witness.example/corpus")
            .clock(FakeClock.atDefaultStart())
            .build());
  }

  static Stream<String> corpus() throws IOException {
    try (Stream<Path> files = Files.walk(CORPUS)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> CORPUS.relativize(p).toString().replace('\\', '/'))
          .filter(n -> n.endsWith(".txt"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void addCheckpoint_corpusRequest_getsSpecStatusAndChangesNothing(String name) throws Exception {
    WitnessServer witness = name.startsWith("fresh/") ? fresh : after5;
    long stateSize = witness == fresh ? 0 : 5;
    Optional<StoredCheckpoint> before = witness.witness().latest(log.origin());
    int expected = Integer.parseInt(name.substring(name.indexOf('/') + 1, name.indexOf('/') + 4));

    HttpResponse<String> r = post(witness, Files.readAllBytes(CORPUS.resolve(name)));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
    assertThat(r.body()).doesNotContain("—");
    if (name.contains("-stale-")) {
      assertThat(r.headers().firstValue("Content-Type")).hasValue("text/x.tlog.size");
      assertThat(r.body()).isEqualTo(stateSize + "\n");
    }
    assertThat(witness.witness().latest(log.origin())).isEqualTo(before);
  }

  @Test
  void corpus_isWhatTheGeneratorWrites() throws IOException {
    Map<String, byte[]> generated = AddCheckpointCorpus.generate();
    assertThat(corpus().toList()).containsExactlyElementsOf(generated.keySet());
    for (Map.Entry<String, byte[]> e : generated.entrySet()) {
      assertThat(Files.readAllBytes(CORPUS.resolve(e.getKey())))
          .as("%s differs from the generator; rerun AddCheckpointCorpus.main", e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  @Test
  void corpus_conflictingCheckpoints_leaveEvidence() throws Exception {
    // Runs after or before the parameterized cases; post the two conflict cases again (idempotent).
    for (String name :
        List.of(
            "after-5/409-same-size-different-root.txt", "after-5/422-wrong-proof-forked-log.txt")) {
      post(after5, Files.readAllBytes(CORPUS.resolve(name)));
    }
    HttpResponse<String> list =
        http.send(
            HttpRequest.newBuilder(after5.url().resolve("/evidence")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(list.body().lines().filter(n -> n.startsWith("split-view-")).count())
        .isGreaterThanOrEqualTo(2);
  }

  /**
   * A client still sending a body over the cap gets its 413, declared length or not: the log
   * server's routes lost about one such refusal in fifty to a reset connection until they drained
   * refused bodies. The witness needs no drain (1,500 refusals in a row all arrived); this keeps it
   * so.
   */
  @Test
  void oversizedBody_theRefusalAlwaysArrives() throws Exception {
    byte[] big = new byte[5_000_000];
    java.util.Arrays.fill(big, (byte) 'x');
    for (int i = 0; i < 250; i++) {
      HttpRequest.BodyPublisher body =
          i % 5 == 4 // every fifth without a declared length (chunked)
              ? HttpRequest.BodyPublishers.ofInputStream(
                  () -> new java.io.ByteArrayInputStream(big))
              : HttpRequest.BodyPublishers.ofByteArray(big);
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(after5.url().resolve("/add-checkpoint")).POST(body).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("refusal %d: %s", i, r.body()).isEqualTo(413);
      assertThat(r.body()).contains("over the cap");
    }
  }

  private HttpResponse<String> post(WitnessServer w, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(w.url().resolve("/add-checkpoint"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Path corpusRoot() {
    try {
      URI u = AddCheckpointCorpusTest.class.getResource("/add-checkpoint").toURI();
      return Path.of(u);
    } catch (URISyntaxException | NullPointerException e) {
      return Path.of("src/test/resources/add-checkpoint");
    }
  }
}
