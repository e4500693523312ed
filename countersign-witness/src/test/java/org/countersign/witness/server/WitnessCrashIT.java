package org.countersign.witness.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.testing.TestLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 safety: a witness in a child JVM takes concurrent add-checkpoint requests for a log and
 * for a fork of it, is killed with SIGKILL mid-stream, and restarted on the same folder, three
 * times. Every cosignature any client received must belong to one history, and the restarted
 * witness's state must be at least the largest cosigned checkpoint and on that history.
 */
class WitnessCrashIT {
  private static final int ROUNDS = 2;

  @TempDir Path dir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final TestLog log = TestLog.main().growTo(400);
  private final TestLog fork = TestLog.forkAfter(5).growTo(400);

  @Test
  void witness_killedDuringConcurrentRequests_neverCosignsTwoHistories() throws Exception {
    ConcurrentLinkedQueue<Checkpoint> cosigned = new ConcurrentLinkedQueue<>();
    Process child = start();
    try {
      URI url = url(child);
      assertThat(post(url, 0, List.of(), log.signedCheckpoint(5)).statusCode()).isEqualTo(200);
      for (int round = 0; round < ROUNDS; round++) {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
          RandomGenerator random =
              RandomGeneratorFactory.of("L64X128MixRandom").create(round * 100L + t);
          URI target = url;
          clients.add(Thread.ofVirtual().start(() -> hammer(target, random, stop, cosigned)));
        }
        long before = cosigned.size();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        // Kill while requests are in flight, after this round got some cosignatures.
        while (cosigned.size() < before + 8 + 8L * round && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL on Unix
        stop.set(true);
        for (Thread c : clients) {
          c.join(Duration.ofSeconds(10));
        }
        child = start();
        url = url(child);
        assertConsistent(url, cosigned);
      }
      assertThat(cosigned).as("the clients got cosignatures at all").hasSizeGreaterThan(15);
    } finally {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void assertConsistent(URI url, ConcurrentLinkedQueue<Checkpoint> cosigned)
      throws Exception {
    boolean anyMain = cosigned.stream().anyMatch(c -> c.size() > 5 && isOn(log, c));
    boolean anyFork = cosigned.stream().anyMatch(c -> c.size() > 5 && isOn(fork, c));
    assertThat(anyMain && anyFork).as("cosigned two histories: %s", cosigned).isFalse();
    String hash = Hash.sha256(log.origin().getBytes(StandardCharsets.UTF_8)).hex();
    HttpResponse<String> latest =
        http.send(
            HttpRequest.newBuilder(url.resolve("/" + hash + "/checkpoint")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(latest.statusCode()).isEqualTo(200);
    String[] lines = latest.body().lines().toArray(String[]::new);
    long storedSize = Long.parseLong(lines[1]);
    Hash storedRoot = Hash.fromBase64(lines[2]);
    long maxCosigned = cosigned.stream().mapToLong(Checkpoint::size).max().orElse(5);
    assertThat(storedSize).as("state survived the crash").isGreaterThanOrEqualTo(maxCosigned);
    TestLog history = anyFork ? fork : log;
    assertThat(storedRoot).isEqualTo(history.root(storedSize));
  }

  private static boolean isOn(TestLog l, Checkpoint c) {
    return l.root(c.size()).equals(c.root());
  }

  /** Advances the witness with checkpoints from either history until told to stop. */
  private void hammer(
      URI url,
      RandomGenerator random,
      AtomicBoolean stop,
      ConcurrentLinkedQueue<Checkpoint> cosigned) {
    long known = 5;
    while (!stop.get()) {
      TestLog which = random.nextBoolean() ? log : fork;
      long size = Math.min(399, known + 1 + random.nextLong(3));
      try {
        List<Hash> proof = known == size ? List.of() : which.proof(known, size);
        HttpResponse<String> r = post(url, known, proof, which.signedCheckpoint(size));
        if (r.statusCode() == 200) {
          cosigned.add(which.checkpoint(size));
          known = size;
        } else if (r.statusCode() == 409 && r.body().matches("\\d+\n")) {
          known = Long.parseLong(r.body().strip());
        }
      } catch (IOException e) {
        return; // the witness was killed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private HttpResponse<String> post(URI url, long old, List<Hash> proof, String note)
      throws IOException, InterruptedException {
    StringBuilder b = new StringBuilder("old ").append(old).append('\n');
    proof.forEach(h -> b.append(h.base64()).append('\n'));
    b.append('\n').append(note);
    return http.send(
        HttpRequest.newBuilder(url.resolve("/add-checkpoint"))
            .timeout(Duration.ofSeconds(5))
            .POST(HttpRequest.BodyPublishers.ofString(b.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Process start() throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new ProcessBuilder(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx128m",
            "-cp",
            System.getProperty("java.class.path"),
            ChildWitness.class.getName(),
            dir.toString(),
            log.verifierKey().encode())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static URI url(Process child) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("PORT ")) {
        return URI.create("http://127.0.0.1:" + line.substring(5).strip());
      }
    }
    throw new IOException("child witness exited before listening");
  }
}
