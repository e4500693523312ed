package org.countersign.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.countersign.bench.FirstKeysFile;
import org.countersign.log.Hash;
import org.countersign.log.LogException;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.merkle.InclusionProof;
import org.countersign.log.merkle.ProofVerifier;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.log.note.Note;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;
import org.countersign.treaty.statement.LaunchNotification;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;

/**
 * Drives a running log server's submission path and reports what it sustained.
 *
 * <h2>Phases</h2>
 *
 * <ol>
 *   <li><b>Setup</b> (not timed): reads {@code /api/v1/log}; registers a fresh key for each author
 *       ({@code party-key-registration}, waiting for integration); signs the whole pool of
 *       statements ({@code launch-notification}, each unique) on all cores with BouncyCastle, whose
 *       signatures are byte-identical to the JDK's; builds each request's bytes.
 *   <li><b>Load</b>: {@code connections} virtual threads, each with its own keep-alive connection,
 *       send {@code POST /api/v1/statements} (the default {@code wait}: the answer comes once the
 *       entry is integrated under a signed checkpoint, with its receipt). Closed loop by default;
 *       with {@code --rate} each request has a scheduled send time and its latency counts from that
 *       time, so a stalled server cannot hide its stall (no coordinated omission).
 *   <li><b>Measure</b>: the rate is the number of integrated answers ({@code 201}) that arrived in
 *       the window {@code [warmup, warmup + duration)}, divided by its length; latencies are those
 *       of requests sent in that window, from send (or schedule) to the receipt.
 *   <li><b>Check</b> (not timed): every {@code --sample}-th receipt is verified: the checkpoint's
 *       signature against the log's key, the inclusion proof against its root, the leaf hash
 *       against the entry sent; all indexes answered must be distinct.
 * </ol>
 *
 * <p>Output: a readable table, then one line {@code RESULT key=value ...} for scripts.
 */
public final class SubmitLoad {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUBMIT = "/api/v1/statements";

  private final LoadOptions options;

  private SubmitLoad(LoadOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("first-keys")) {
      // The server admits only first keys agreed beforehand (--first-keys): the same seed gives
      // the same party keys here and in the load run.
      firstKeysFile(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      if (message != null && !message.isEmpty()) {
        System.err.println("SubmitLoad: " + message);
      }
      System.err.print(LoadOptions.USAGE);
      System.exit(2);
      return;
    }
    System.exit(new SubmitLoad(options).run() ? 0 : 1);
  }

  /**
   * {@code first-keys --seed N [--authors US,RU] FILE}: writes the first-keys file naming the keys
   * a load run with the same seed and authors registers, for {@code serve --first-keys FILE}.
   */
  private static void firstKeysFile(String[] args) throws IOException {
    if (args.length < 3 || args.length % 2 == 0 || !args[0].equals("--seed")) {
      System.err.println("usage: SubmitLoad first-keys --seed N [--authors US,RU] FILE");
      System.exit(2);
    }
    String[] options = java.util.Arrays.copyOf(args, args.length - 1);
    options = java.util.Arrays.copyOf(options, options.length + 2);
    options[options.length - 2] = "--server";
    options[options.length - 1] = "http://127.0.0.1:1/";
    LoadOptions o = LoadOptions.parse(options);
    if (o.seed() == 0) {
      System.err.println("SubmitLoad first-keys: --seed must not be 0");
      System.exit(2);
    }
    List<BcNoteSigner> signers = signers(o.authors(), new SplittableRandom(o.seed()));
    Map<String, String> keys = new java.util.LinkedHashMap<>();
    for (int i = 0; i < signers.size(); i++) {
      keys.put(o.authors().get(i), signers.get(i).verifierKey());
    }
    FirstKeysFile.write(java.nio.file.Path.of(args[args.length - 1]), keys);
  }

  /** One signer per author, keys drawn from {@code random} in the authors' order. */
  private static List<BcNoteSigner> signers(List<String> authors, SplittableRandom random) {
    List<BcNoteSigner> signers = new ArrayList<>();
    for (String author : authors) {
      byte[] s = new byte[32];
      random.nextBytes(s);
      signers.add(
          new BcNoteSigner("bench.countersign.example/" + author.toLowerCase(Locale.ROOT), s));
    }
    return signers;
  }

  /** Log identity as the server reports it. */
  private record LogInfo(String origin, String verifierKey, String treaty) {}

  private boolean run() throws Exception {
    LogInfo log = logInfo();
    long seed = options.seed() != 0 ? options.seed() : new SecureRandom().nextLong();
    SplittableRandom random = new SplittableRandom(seed);
    List<BcNoteSigner> signers = signers(options.authors(), random);
    register(log, signers);

    int n = options.poolSize();
    String run = Long.toHexString(seed & 0xFFFFFFFFL);
    long signStart = System.nanoTime();
    byte[][] entries = presign(log.origin(), log.treaty(), signers, n, run);
    double signSeconds = (System.nanoTime() - signStart) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "setup: %d statements signed in %.1f s (%.0f B each on average), authors %s%n",
        n,
        signSeconds,
        averageLength(entries),
        options.authors());

    Outcomes outcomes = load(entries);
    return report(log, entries, outcomes);
  }

  /**
   * CPU time of another process on this machine, from {@code /proc}, as {@link ServerCpu} (all -1
   * if it cannot be read). The fields count USER_HZ ticks, which Linux fixes at 100 per second for
   * user space whatever the kernel's own tick rate.
   */
  static ServerCpu otherProcessCpu(long pid) {
    try {
      long[] total = userSystemTicks(java.nio.file.Path.of("/proc/" + pid + "/stat"));
      long jit = 0;
      long gc = 0;
      try (var tasks =
          java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/" + pid + "/task"))) {
        for (java.nio.file.Path task : tasks) {
          String name;
          long[] ticks;
          try {
            name = java.nio.file.Files.readString(task.resolve("comm")).strip();
            ticks = userSystemTicks(task.resolve("stat"));
          } catch (IOException | RuntimeException gone) {
            continue; // the thread ended meanwhile
          }
          // HotSpot's thread names: "C2 CompilerThread0", "GC Thread#0", "G1 Refine#0", ...
          if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            jit += ticks[0] + ticks[1];
          } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            gc += ticks[0] + ticks[1];
          }
        }
      }
      long tick = 10_000_000L;
      return new ServerCpu((total[0] + total[1]) * tick, total[1] * tick, jit * tick, gc * tick);
    } catch (IOException | RuntimeException e) {
      return ServerCpu.UNKNOWN;
    }
  }

  private static long[] userSystemTicks(java.nio.file.Path stat) throws IOException {
    String s = java.nio.file.Files.readString(stat);
    // Fields after the command name, which is in parentheses and may contain spaces.
    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ", -1);
    return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])}; // utime, stime (14, 15)
  }

  /**
   * A process's CPU in nanoseconds: all of it, the part spent in the kernel, and the parts of the
   * JIT compiler's and the garbage collector's threads (which a Java profiler does not see).
   */
  record ServerCpu(long total, long system, long jit, long gc) {
    static final ServerCpu UNKNOWN = new ServerCpu(-1, -1, -1, -1);

    ServerCpu minus(ServerCpu before) {
      if (total < 0 || before.total < 0) {
        return UNKNOWN;
      }
      return new ServerCpu(
          total - before.total, system - before.system, jit - before.jit, gc - before.gc);
    }
  }

  /** CPU time this process has used, all threads, or 0 where the JVM cannot tell. */
  private static long processCpuNanos() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }

  private LogInfo logInfo() throws IOException {
    try (HttpConnection c = new HttpConnection(options.server())) {
      HttpConnection.Response r = c.exchange(c.get("/api/v1/log"), new byte[0]);
      if (r.status() != 200) {
        throw new IOException("GET /api/v1/log answered " + r.status());
      }
      JsonNode j = JSON.readTree(r.body());
      return new LogInfo(
          j.path("origin").asText(), j.path("verifierKey").asText(), j.path("treaty").asText());
    }
  }

  /** Registers each author's key, signed by that key, and waits for integration. */
  private void register(LogInfo log, List<BcNoteSigner> signers) throws IOException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (HttpConnection c = new HttpConnection(options.server())) {
      for (int i = 0; i < signers.size(); i++) {
        BcNoteSigner s = signers.get(i);
        String author = options.authors().get(i);
        byte[] note =
            sign(
                log.origin(),
                new PartyKeyRegistration(log.treaty(), author, now, s.verifierKey()),
                s);
        HttpConnection.Response r = c.exchange(c.postHead(SUBMIT, note.length), note);
        if (r.status() != 201) {
          throw new IOException(
              "registering "
                  + author
                  + "'s key answered "
                  + r.status()
                  + ": "
                  + new String(r.body(), StandardCharsets.UTF_8));
        }
      }
    }
  }

  /** Signs {@code n} distinct launch notifications, round-robin over the authors, on all cores. */
  private byte[][] presign(
      String origin, String treaty, List<BcNoteSigner> signers, int n, String run) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant launchAt = now.plus(30, ChronoUnit.DAYS);
    byte[][] out = new byte[n][];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              int a = i % signers.size();
              Statement s =
                  new LaunchNotification(
                      treaty,
                      options.authors().get(a),
                      now,
                      "bench-" + run + "-" + i,
                      "icbm",
                      "",
                      launchAt,
                      "Plesetsk test range",
                      "Kura test range, Kamchatka");
              out[i] = sign(origin, s, signers.get(a));
            });
    return out;
  }

  private static byte[] sign(String origin, Statement s, BcNoteSigner signer) {
    return Note.sign(StatementCodec.encodeText(s, origin), signer).getBytes(StandardCharsets.UTF_8);
  }

  private static double averageLength(byte[][] entries) {
    long sum = 0;
    for (byte[] e : entries) {
      sum += e.length;
    }
    return entries.length == 0 ? 0 : (double) sum / entries.length;
  }

  /**
   * Per-request records, indexed by statement; each slot is written by the one worker that took the
   * statement and read only after every worker has been joined.
   */
  private static final class Outcomes {
    final long[] sentAt;
    final long[] doneAt;
    final int[] status;
    final byte[][] sampled;
    final AtomicInteger errors = new AtomicInteger();
    volatile String firstError = "";
    long start;
    int used;
    // CPU used during the measured window: this process, and the server if its pid was given.
    long clientCpuNanos;
    ServerCpu serverCpu = ServerCpu.UNKNOWN;

    Outcomes(int n) {
      sentAt = new long[n];
      doneAt = new long[n];
      status = new int[n];
      sampled = new byte[n][];
    }
  }

  private Outcomes load(byte[][] entries) throws InterruptedException {
    int n = entries.length;
    Outcomes o = new Outcomes(n);
    AtomicInteger next = new AtomicInteger();
    long warmupNanos = options.warmup().toNanos();
    long end = warmupNanos + options.duration().toNanos();
    double nanosPerRequest = options.rate() > 0 ? 1e9 / options.rate() : 0;
    int sampleEvery = options.sampleEvery();
    List<HttpConnection> connections = new ArrayList<>(options.connections());
    for (int i = 0; i < options.connections(); i++) {
      try {
        connections.add(new HttpConnection(options.server()));
      } catch (IOException e) {
        throw new IllegalStateException("cannot open connection " + i + ": " + e, e);
      }
    }
    // Heads are built now, not in the timed phase.
    byte[][] heads = new byte[n][];
    for (int i = 0; i < n; i++) {
      heads[i] = connections.get(0).postHead(SUBMIT, entries[i].length);
    }
    System.out.printf(
        Locale.ROOT,
        "load: %d connections, %s, warmup %d s, measured %d s%n",
        options.connections(),
        options.rate() > 0 ? "open loop at " + options.rate() + "/s" : "closed loop",
        options.warmup().toSeconds(),
        options.duration().toSeconds());
    o.start = System.nanoTime();
    List<Thread> workers = new ArrayList<>();
    for (HttpConnection c : connections) {
      workers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (true) {
                      int i = next.getAndIncrement();
                      if (i >= n) {
                        return;
                      }
                      long scheduled =
                          nanosPerRequest > 0 ? o.start + (long) (i * nanosPerRequest) : 0;
                      if (scheduled > 0) {
                        long wait;
                        while ((wait = scheduled - System.nanoTime()) > 0) {
                          LockSupport.parkNanos(wait);
                        }
                      }
                      long sent = System.nanoTime();
                      if (sent - o.start >= end) {
                        return;
                      }
                      o.sentAt[i] = scheduled > 0 ? scheduled : sent;
                      try {
                        HttpConnection.Response r = c.exchange(heads[i], entries[i]);
                        o.doneAt[i] = System.nanoTime();
                        o.status[i] = r.status();
                        if ((sampleEvery > 0 && i % sampleEvery == 0) || r.status() >= 400) {
                          o.sampled[i] = r.body();
                        }
                      } catch (IOException | RuntimeException e) {
                        o.doneAt[i] = System.nanoTime();
                        o.status[i] = -1;
                        if (o.errors.getAndIncrement() == 0) {
                          o.firstError = e.toString();
                        }
                      }
                    }
                  }));
    }
    // Samples CPU use at the edges of the measured window, from a thread of its own.
    Thread window =
        Thread.ofVirtual()
            .start(
                () -> {
                  long[] at = {o.start + warmupNanos, o.start + end};
                  long[] client = new long[2];
                  ServerCpu[] server = {ServerCpu.UNKNOWN, ServerCpu.UNKNOWN};
                  for (int k = 0; k < 2; k++) {
                    long wait;
                    // Interrupted when the workers are done early (the pool ran out): sample now.
                    while ((wait = at[k] - System.nanoTime()) > 0
                        && !Thread.currentThread().isInterrupted()) {
                      LockSupport.parkNanos(wait);
                    }
                    client[k] = processCpuNanos();
                    server[k] =
                        options.serverPid() > 0
                            ? otherProcessCpu(options.serverPid())
                            : ServerCpu.UNKNOWN;
                  }
                  o.clientCpuNanos = client[1] - client[0];
                  o.serverCpu = server[1].minus(server[0]);
                });
    for (Thread t : workers) {
      t.join();
    }
    window.interrupt();
    window.join();
    connections.forEach(HttpConnection::close);
    o.used = Math.min(next.get(), n);
    return o;
  }

  private boolean report(LogInfo log, byte[][] entries, Outcomes o) throws IOException {
    long from = o.start + options.warmup().toNanos();
    long to = from + options.duration().toNanos();
    int sent = 0;
    int integratedInWindow = 0;
    int[] byStatus = new int[600];
    int other = 0;
    long[] latencies = new long[o.used];
    int nLat = 0;
    long lastSend = 0;
    for (int i = 0; i < o.used; i++) {
      if (o.sentAt[i] == 0) {
        continue; // taken after the end of the window, never sent
      }
      sent++;
      lastSend = Math.max(lastSend, o.sentAt[i]);
      int s = o.status[i];
      if (s >= 0 && s < byStatus.length) {
        byStatus[s]++;
      } else {
        other++;
      }
      if (s == 201 && o.doneAt[i] >= from && o.doneAt[i] < to) {
        integratedInWindow++;
      }
      if (s == 201 && o.sentAt[i] >= from && o.sentAt[i] < to) {
        latencies[nLat++] = o.doneAt[i] - o.sentAt[i];
      }
    }
    boolean exhausted = o.used >= entries.length && lastSend < to - 1_000_000_000L;
    double seconds = options.duration().toNanos() / 1e9;
    double rate = integratedInWindow / seconds;
    Latencies lat = new Latencies(latencies, nLat);
    String verification = verifySample(log, entries, o);

    System.out.println();
    System.out.println("| measure | value |");
    System.out.println("|---|---|");
    row("submissions sent", Integer.toString(sent));
    row(
        "answers",
        String.format(
            Locale.ROOT,
            "201: %d, 200: %d, 202: %d, 4xx: %d, 503: %d, errors: %d",
            byStatus[201],
            byStatus[200],
            byStatus[202],
            count4xx(byStatus),
            byStatus[503],
            other));
    row("integrated/s in the measured window", String.format(Locale.ROOT, "%.0f", rate));
    row(
        "submit -> receipt p50 / p90 / p99 / max (ms)",
        String.format(
            Locale.ROOT,
            "%.0f / %.0f / %.0f / %.0f",
            lat.percentileMillis(50),
            lat.percentileMillis(90),
            lat.percentileMillis(99),
            lat.maxMillis()));
    row("receipts verified", verification);
    double clientUs = integratedInWindow == 0 ? 0 : o.clientCpuNanos / 1e3 / integratedInWindow;
    ServerCpu cpu = o.serverCpu;
    boolean known = integratedInWindow > 0 && cpu.total() >= 0;
    double serverUs = known ? cpu.total() / 1e3 / integratedInWindow : -1;
    double jitUs = known ? cpu.jit() / 1e3 / integratedInWindow : -1;
    double gcUs = known ? cpu.gc() / 1e3 / integratedInWindow : -1;
    double systemUs = known ? cpu.system() / 1e3 / integratedInWindow : -1;
    row(
        "CPU per integrated statement in the window (us)",
        String.format(
            Locale.ROOT,
            "server %s, load generator %.0f",
            serverUs < 0
                ? "n/a (no --server-pid)"
                : String.format(
                    Locale.ROOT,
                    "%.0f (JIT compiler threads %.0f, GC threads %.0f; in the kernel %.0f)",
                    serverUs,
                    jitUs,
                    gcUs,
                    systemUs),
            clientUs));
    if (known && cpu.jit() * 20 > cpu.total()) {
      row(
          "WARNING",
          String.format(
              Locale.ROOT,
              "the JIT compiler used %.0f %% of the server's CPU in the window: not yet a steady"
                  + " state, lengthen --warmup",
              100.0 * cpu.jit() / cpu.total()));
    }
    if (exhausted) {
      row("WARNING", "the statement pool ran out before the window ended: raise --statements");
    }
    if (o.errors.get() > 0) {
      row("first error", o.firstError);
    }
    for (int i = 0; i < o.used; i++) {
      if (o.status[i] >= 400 && o.sampled[i] != null) {
        row(
            "first refusal",
            o.status[i] + " " + new String(o.sampled[i], StandardCharsets.UTF_8).strip());
        break;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT rate=%.0f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f mean_ms=%.1f"
            + " sent=%d ok201=%d dup200=%d pending202=%d refused4xx=%d pushback503=%d errors=%d"
            + " connections=%d target_rate=%.0f exhausted=%b verified=%s client_cpu_us=%.0f"
            + " server_cpu_us=%.0f server_jit_us=%.0f server_gc_us=%.0f server_sys_us=%.0f%n",
        rate,
        lat.percentileMillis(50),
        lat.percentileMillis(90),
        lat.percentileMillis(99),
        lat.maxMillis(),
        lat.meanMillis(),
        sent,
        byStatus[201],
        byStatus[200],
        byStatus[202],
        count4xx(byStatus),
        byStatus[503],
        other,
        options.connections(),
        options.rate(),
        exhausted,
        verification.startsWith("FAILED") ? "no" : "yes",
        clientUs,
        serverUs,
        jitUs,
        gcUs,
        systemUs);
    return !verification.startsWith("FAILED") && other == 0 && count4xx(byStatus) == 0;
  }

  private static int count4xx(int[] byStatus) {
    int c = 0;
    for (int s = 400; s < 500; s++) {
      c += byStatus[s];
    }
    return c;
  }

  private static void row(String k, String v) {
    System.out.println("| " + k + " | " + v + " |");
  }

  /**
   * Verifies the sampled receipts with the JDK's Ed25519 and the log core's proof code, and that no
   * two sampled answers share an index.
   */
  private String verifySample(LogInfo log, byte[][] entries, Outcomes o) {
    Verifiers logKey;
    try {
      logKey = Verifiers.of(VerifierKey.parse(log.verifierKey()).verifier());
    } catch (LogException e) {
      return "FAILED: the log's verifier key does not parse: " + e.getMessage();
    }
    Set<Long> indexes = new HashSet<>();
    int checked = 0;
    for (int i = 0; i < o.used; i++) {
      byte[] body = o.sampled[i];
      if (body == null || o.status[i] != 201) {
        continue;
      }
      try {
        JsonNode j = JSON.readTree(body);
        long index = j.path("index").asLong(-1);
        Checkpoint c =
            Checkpoint.fromNote(
                Note.open(j.path("checkpoint").asText().getBytes(StandardCharsets.UTF_8), logKey));
        if (!c.origin().equals(log.origin())) {
          return "FAILED: a checkpoint names origin " + c.origin();
        }
        List<Hash> path = new ArrayList<>();
        for (JsonNode h : j.path("inclusionProof")) {
          path.add(Hash.fromBase64(h.asText()));
        }
        Hash leaf = Rfc6962.leafHash(entries[i]);
        if (!leaf.base64().equals(j.path("leafHash").asText())) {
          return "FAILED: the leaf hash answered for statement " + i + " is not the entry's";
        }
        ProofVerifier.verifyInclusion(new InclusionProof(index, c.size(), path), leaf, c.root());
        if (!indexes.add(index)) {
          return "FAILED: index " + index + " answered twice";
        }
        checked++;
      } catch (IOException | LogException | RuntimeException e) {
        return "FAILED: receipt for statement " + i + ": " + e;
      }
    }
    return checked + " sampled receipts OK (checkpoint signature, inclusion proof, leaf hash)";
  }
}
