package org.countersign.witness.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.countersign.fixtures.FakeClock;
import org.countersign.log.note.VerifierKey;
import org.countersign.testing.GoInterop;
import org.countersign.witness.server.WitnessOptions;
import org.countersign.witness.server.WitnessServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our witness cosigns a log we did not write: checkpoints signed by Go's {@code sumdb/note}, tree
 * hashes and consistency proofs from Go's {@code sumdb/tlog}; and Go's note package, with a
 * cosignature/v1 verifier, accepts our cosignatures. Skips where Go is not installed.
 */
class GoWitnessInteropIT {
  private static final String ORIGIN = "example.org/go-log";
  private static final String SEED = "5eed".repeat(16);

  @TempDir Path dir;

  @Test
  void witness_goSignedCheckpointsAndGoProofs_cosignsAndGoVerifiesTheCosignatures()
      throws Exception {
    GoInterop go = GoInterop.require();
    String[] keys = go.runOk("", "keygen", ORIGIN, SEED).lines().toArray(String[]::new);
    String skey = keys[0];
    String vkey = keys[1];
    HttpClient http = HttpClient.newHttpClient();
    try (WitnessServer witness =
        WitnessServer.start(
            WitnessOptions.builder()
                .dataDir(dir)
                .log(VerifierKey.parse(vkey))
                .name("witness.example/interop")
                .clock(FakeClock.atDefaultStart())
                .build())) {
      long old = 0;
      for (long size : new long[] {5, 13, 64, 300}) {
        String note = goCheckpoint(go, skey, size);
        String proof =
            old == 0 ? "" : go.runOk("", "consistency", Long.toString(size), Long.toString(old));
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(witness.url().resolve("/add-checkpoint"))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "old " + old + "\n" + proof + "\n" + note))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("size %d: %s", size, r.body()).isEqualTo(200);

        String text = go.runOk(note + r.body(), "verify", vkey, witness.verifierKey());
        assertThat(text).startsWith(ORIGIN + "\n" + size + "\n");
        old = size;
      }
    }
  }

  @Test
  void witness_goProofForAnotherTree_isRefused() throws Exception {
    GoInterop go = GoInterop.require();
    String[] keys = go.runOk("", "keygen", ORIGIN, SEED).lines().toArray(String[]::new);
    HttpClient http = HttpClient.newHttpClient();
    try (WitnessServer witness =
        WitnessServer.start(
            WitnessOptions.builder()
                .dataDir(dir)
                .log(VerifierKey.parse(keys[1]))
                .name("witness.example/interop")
                .build())) {
      String first = "old 0\n\n" + goCheckpoint(go, keys[0], 5);
      assertThat(post(http, witness, first).statusCode()).isEqualTo(200);
      // Go's proof from 6 to 13 offered as a proof from 5: must not verify.
      String wrong =
          "old 5\n" + go.runOk("", "consistency", "13", "6") + "\n" + goCheckpoint(go, keys[0], 13);
      assertThat(post(http, witness, wrong).statusCode()).isEqualTo(422);
    }
  }

  private static HttpResponse<String> post(HttpClient http, WitnessServer w, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(w.url().resolve("/add-checkpoint"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A C2SP checkpoint for Go's tree of {@code size} leaves, signed by Go's note package. */
  private static String goCheckpoint(GoInterop go, String skey, long size) {
    String[] tree = go.runOk("", "tree", Long.toString(size)).lines().toArray(String[]::new);
    String body = ORIGIN + "\n" + tree[1] + "\n" + tree[2] + "\n";
    return go.runOk(body, "sign", skey);
  }
}
