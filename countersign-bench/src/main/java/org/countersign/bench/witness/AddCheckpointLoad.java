package org.countersign.bench.witness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.checkpoint.CosignatureVerifier;
import org.countersign.log.merkle.MerkleTree;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.log.note.Note;
import org.countersign.log.note.Verifiers;

/**
 * Drives one witness's {@code POST /add-checkpoint} (C2SP tlog-witness) with a chain of growing
 * checkpoints from each of many logs, and reports the requests per second it sustained and their
 * latency.
 *
 * <h2>Phases</h2>
 *
 * <ol>
 *   <li><b>Keys</b> ({@code keys}): prints the verifier keys of the {@code --logs} logs, derived
 *       from {@code --seed}, one per line, for the witness's {@code --log} options.
 *   <li><b>Prepare</b> (not timed): for each log, a chain of {@code --steps} checkpoints, each
 *       {@code --leaves} leaves larger than the last, signed with the log key, with the RFC 6962
 *       consistency proof from the previous one: the exact request bodies.
 *   <li><b>Load</b>: one virtual thread per log sends its chain in order, one request in flight per
 *       log (a log cannot send checkpoint k+1 before k is cosigned), on keep-alive connections.
 *       Closed loop: the witness sets the pace.
 *   <li><b>Measure</b>: the rate is the number of 200 answers that arrived in {@code [warmup,
 *       warmup + duration)} over the window's length; latencies are those of the requests sent in
 *       that window. Any other status is an error.
 *   <li><b>Check</b>: every 50th cosignature is verified against the witness's key.
 * </ol>
 *
 * Output: a readable summary, then {@code RESULT key=value ...} for scripts.
 */
public final class AddCheckpointLoad {
  private final URI witness;
  private final int logs;
  private final long seed;
  private final int steps;
  private final int leaves;
  private final Duration warmup;
  private final Duration duration;
  private final long witnessPid;

  private AddCheckpointLoad(
      URI witness,
      int logs,
      long seed,
      int steps,
      int leaves,
      Duration warmup,
      Duration duration,
      long witnessPid) {
    this.witnessPid = witnessPid;
    this.witness = witness;
    this.logs = logs;
    this.seed = seed;
    this.steps = steps;
    this.leaves = leaves;
    this.warmup = warmup;
    this.duration = duration;
  }

  /** The signer of log {@code i}, derived from the seed. */
  static FastSigner logSigner(long seed, int i) {
    byte[] s =
        Hash.sha256(
                ("countersign witness load " + seed + " log " + i).getBytes(StandardCharsets.UTF_8))
            .bytes();
    return new FastSigner("bench.countersign.example/witness-load-" + i, s);
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("keys") || args[0].equals("run"))) {
      System.err.println(
          """
          usage: AddCheckpointLoad keys --logs N [--seed S]
                 AddCheckpointLoad run --witness URL --logs N [--seed S] [--steps 400] [--leaves 4]
                                       [--warmup 5] [--duration 20] [--witness-pid PID]
          --witness-pid: also report the witness process's CPU time per request in the window
                         (Linux /proc), a capacity figure that depends less on other load""");
      System.exit(2);
    }
    String witness = null;
    int logs = 50;
    long seed = 1;
    int steps = 400;
    int leaves = 4;
    int warmup = 5;
    int duration = 20;
    long pid = 0;
    for (int i = 1; i < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--witness" -> witness = v;
        case "--logs" -> logs = Integer.parseInt(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--steps" -> steps = Integer.parseInt(v);
        case "--leaves" -> leaves = Integer.parseInt(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--duration" -> duration = Integer.parseInt(v);
        case "--witness-pid" -> pid = Long.parseLong(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (args[0].equals("keys")) {
      for (int i = 0; i < logs; i++) {
        System.out.println(logSigner(seed, i).verifierKey());
      }
      return;
    }
    if (witness == null) {
      throw new IllegalArgumentException("--witness URL is required");
    }
    new AddCheckpointLoad(
            URI.create(witness.endsWith("/") ? witness : witness + "/"),
            logs,
            seed,
            steps,
            leaves,
            Duration.ofSeconds(warmup),
            Duration.ofSeconds(duration),
            pid)
        .run();
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait;
    while ((wait = nanoTime - System.nanoTime()) > 0) {
      Thread.sleep(Duration.ofNanos(wait));
    }
  }

  /** utime + stime of process {@code pid} in clock ticks, or -1 if unknown. */
  private static long cpuTicks(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name (which may hold spaces) start after the last ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }

  /** One log's prepared requests: bodies and the checkpoint notes they carry. */
  private record Chain(List<byte[]> bodies, List<String> notes) {}

  private Chain prepare(int i) {
    FastSigner key = logSigner(seed, i);
    MerkleTree tree = new MerkleTree();
    List<byte[]> bodies = new ArrayList<>(steps);
    List<String> notes = new ArrayList<>(steps);
    long old = 0;
    for (int step = 0; step < steps; step++) {
      for (int l = 0; l < leaves; l++) {
        tree.append(
            Rfc6962.leafHash(
                ("log " + i + " entry " + tree.size()).getBytes(StandardCharsets.UTF_8)));
      }
      long size = tree.size();
      String note = new Checkpoint(key.name(), size, tree.root(size)).sign(key);
      StringBuilder b = new StringBuilder("old ").append(old).append('\n');
      if (old > 0) {
        tree.consistencyProof(old, size).path().forEach(h -> b.append(h.base64()).append('\n'));
      }
      b.append('\n').append(note);
      bodies.add(b.toString().getBytes(StandardCharsets.UTF_8));
      notes.add(note);
      old = size;
    }
    return new Chain(bodies, notes);
  }

  private void run() throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String info =
        http.send(
                HttpRequest.newBuilder(witness).GET().build(), HttpResponse.BodyHandlers.ofString())
            .body();
    String witnessKey = info.lines().findFirst().orElse("").replaceFirst("^witness ", "");
    Verifiers cosigner = Verifiers.of(CosignatureVerifier.parse(witnessKey));

    long prepStart = System.nanoTime();
    Chain[] chains = new Chain[logs];
    java.util.stream.IntStream.range(0, logs).parallel().forEach(i -> chains[i] = prepare(i));
    System.out.printf(
        Locale.ROOT,
        "prepared %d logs x %d checkpoints (%d leaves each step) in %.1f s%n",
        logs,
        steps,
        leaves,
        (System.nanoTime() - prepStart) / 1e9);

    URI add = witness.resolve("add-checkpoint");
    Percentiles latency = new Percentiles();
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong verified = new AtomicLong();
    AtomicLongArray sent = new AtomicLongArray(logs);
    AtomicLong firstError = new AtomicLong(-1);
    long start = System.nanoTime();
    long windowStart = start + warmup.toNanos();
    long windowEnd = windowStart + duration.toNanos();
    long[] cpuTicks = new long[2];
    Thread cpuProbe =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try {
                    sleepUntil(windowStart);
                    cpuTicks[0] = cpuTicks(witnessPid);
                    sleepUntil(windowEnd);
                    cpuTicks[1] = cpuTicks(witnessPid);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < logs; i++) {
      int log = i;
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    Chain c = chains[log];
                    for (int k = 0; k < c.bodies().size(); k++) {
                      long t0 = System.nanoTime();
                      if (t0 >= windowEnd) {
                        return;
                      }
                      HttpResponse<String> r;
                      try {
                        r =
                            http.send(
                                HttpRequest.newBuilder(add)
                                    .timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(c.bodies().get(k)))
                                    .build(),
                                HttpResponse.BodyHandlers.ofString());
                      } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(-1, 0);
                        System.err.println("log " + log + " step " + k + ": " + e);
                        return;
                      }
                      long t1 = System.nanoTime();
                      sent.incrementAndGet(log);
                      if (r.statusCode() != 200) {
                        errors.incrementAndGet();
                        if (firstError.compareAndSet(-1, r.statusCode())) {
                          System.err.println(
                              "log "
                                  + log
                                  + " step "
                                  + k
                                  + ": HTTP "
                                  + r.statusCode()
                                  + " "
                                  + r.body());
                        }
                        return;
                      }
                      if (t1 >= windowStart && t1 < windowEnd) {
                        ok.incrementAndGet();
                      }
                      if (t0 >= windowStart && t0 < windowEnd) {
                        latency.add(t1 - t0);
                      }
                      if (k % 50 == 0) {
                        try {
                          Note.open(c.notes().get(k) + r.body(), cosigner);
                          verified.incrementAndGet();
                        } catch (Exception e) {
                          errors.incrementAndGet();
                          System.err.println(
                              "log " + log + " step " + k + ": bad cosignature " + e);
                        }
                      }
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    cpuProbe.join();
    // Clock ticks are 1/100 s on Linux (USER_HZ); CPU time of all the witness's threads.
    double cpuMsPerRequest =
        witnessPid > 0 && ok.get() > 0 && cpuTicks[0] > 0
            ? (cpuTicks[1] - cpuTicks[0]) * 10.0 / ok.get()
            : Double.NaN;
    long exhausted = 0;
    for (int i = 0; i < logs; i++) {
      if (sent.get(i) == steps) {
        exhausted++;
      }
    }
    double seconds = duration.toNanos() / 1e9;
    double rate = ok.get() / seconds;
    System.out.printf(
        Locale.ROOT,
        "witness %s: %d logs, %.0f add-checkpoint/s over %.0f s after %d s warm-up; latency %s;"
            + " %d errors; %d cosignatures verified%s%n",
        witness,
        logs,
        rate,
        seconds,
        warmup.toSeconds(),
        latency.summary(),
        errors.get(),
        verified.get(),
        exhausted > 0
            ? "; WARNING: " + exhausted + " logs ran out of prepared checkpoints (raise --steps)"
            : "");
    System.out.printf(
        Locale.ROOT,
        "RESULT logs=%d rate=%.1f %s requests=%d errors=%d verified=%d exhausted=%d"
            + " witness_cpu_ms_per_request=%.2f%n",
        logs,
        rate,
        latency.summary(),
        latency.count(),
        errors.get(),
        verified.get(),
        exhausted,
        cpuMsPerRequest);
    if (errors.get() > 0) {
      System.exit(1);
    }
  }
}
