package org.countersign.bench.witness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.countersign.bench.FirstKeysFile;
import org.countersign.log.checkpoint.CosignatureVerifier;
import org.countersign.log.note.Note;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;
import org.countersign.treaty.statement.LaunchNotification;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.jspecify.annotations.Nullable;

/**
 * Times a log server that publishes through witnesses, from a statement's submission to the answer
 * that carries its receipt, which the server gives only once a checkpoint covering the entry was
 * cosigned by the witness quorum and published.
 *
 * <h2>Phases</h2>
 *
 * <ol>
 *   <li><b>Setup</b> (not timed): reads {@code /api/v1/log}; registers a fresh key for each author
 *       and waits for it to be published.
 *   <li><b>Load</b>: {@code --connections} virtual threads, closed loop: each signs a new launch
 *       notification, then times {@code POST /api/v1/statements} (the default: wait for the
 *       receipt). With one connection this is the latency a lone submitter sees; with more, the
 *       submissions share batches and witness rounds. With {@code --rate N}: open loop, one
 *       submission due every 1/N s, sent by the first free of the {@code --connections} workers and
 *       timed from when it was due (a wait for a free connection counts). The open loop signs its
 *       statements before the clock starts: signing is the submitters' work on their own machines,
 *       and here it would take the log's CPU.
 *   <li><b>Start-up</b> (open loop): the rate ramps linearly from 0 to {@code --rate} over the
 *       first {@code --ramp} seconds (0: full rate at once), then holds. After {@code --warmup}
 *       seconds the load goes on at the full rate, and the measured window opens at the first check
 *       (every due submission) at which every submission due in the warm-up has been answered and
 *       none waits for a free connection: a backlog built while the JVMs were cold is not carried
 *       into the window, and no submission is ever dropped to get there. If that does not happen
 *       within {@code --drain-max} seconds after the warm-up, the window opens anyway and the run
 *       says {@code drained=false}; {@code --drain-max 0} opens it at the end of the warm-up, as
 *       before. Every submission due before the window opened is timed too and reported on its own
 *       ({@code STARTUP}): the start-up is shown, never hidden.
 *   <li><b>Measure</b>: latencies of the submissions due (open loop) or sent (closed loop) in the
 *       {@code duration} seconds from the window's opening. A {@code 202} (not published within the
 *       server's timeout) counts as a miss, never as a latency.
 *   <li><b>Check</b>: every receipt's checkpoint must carry valid cosignatures by at least {@code
 *       --quorum} of the witness keys given, and the log's signature (each distinct checkpoint note
 *       is verified once: the receipts of one batch share it).
 * </ol>
 *
 * Output: a readable summary, then {@code RESULT key=value ...} for scripts; {@code TIMELINE} lines
 * once a second (due, waiting for a connection, on the wire, answered) and {@code STAGES} (the
 * timed figure split into waiting for a free connection and sent-to-answered), so that a queue in
 * the harness shows as such and is not taken for the server's.
 */
public final class CosignLatency {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * {@code first-keys --key-seed S [--authors US,RU] FILE}: writes the first-keys file naming the
   * keys a run with the same {@code --key-seed} and authors registers.
   */
  private static void firstKeysFile(String[] args) throws java.io.IOException {
    String keySeed = null;
    List<String> authors = List.of("US", "RU");
    int i = 0;
    for (; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--key-seed" -> keySeed = args[i + 1];
        case "--authors" -> authors = List.of(args[i + 1].split(","));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (keySeed == null || i != args.length - 1) {
      System.err.println("usage: CosignLatency first-keys --key-seed S [--authors US,RU] FILE");
      System.exit(2);
      return; // not reached; tells the null checker that keySeed is set below
    }
    Map<String, String> keys = new java.util.LinkedHashMap<>();
    for (String author : authors) {
      keys.put(author, signer(author, seedOf(keySeed, author)).verifierKey());
    }
    FirstKeysFile.write(java.nio.file.Path.of(args[args.length - 1]), keys);
  }

  /** The same keys on every run with one {@code --key-seed}: the first run registers them. */
  private static byte[] seedOf(String keySeed, String author) {
    return org.countersign.log.Hash.sha256(
            ("cosign latency " + keySeed + " " + author).getBytes(StandardCharsets.UTF_8))
        .bytes();
  }

  private static FastSigner signer(String author, byte[] seed) {
    return new FastSigner("bench.countersign.example/" + author.toLowerCase(Locale.ROOT), seed);
  }

  private CosignLatency() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("first-keys")) {
      // The server admits only first keys agreed beforehand (serve --first-keys): a run with
      // this --key-seed registers exactly the keys this writes.
      firstKeysFile(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    String server = null;
    List<String> witnessKeys = new ArrayList<>();
    int quorum = 0;
    int connections = 1;
    int rate = 0;
    int warmup = 5;
    int duration = 20;
    int ramp = 0;
    int drainMax = 60;
    List<String> authors = List.of("US", "RU");
    String keySeed = null;
    for (int i = 0; i < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--server" -> server = v;
        case "--witness-vkey" -> witnessKeys.add(v);
        case "--quorum" -> quorum = Integer.parseInt(v);
        case "--connections" -> connections = Integer.parseInt(v);
        case "--rate" -> rate = Integer.parseInt(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--duration" -> duration = Integer.parseInt(v);
        case "--ramp" -> ramp = Integer.parseInt(v);
        case "--drain-max" -> drainMax = Integer.parseInt(v);
        case "--authors" -> authors = List.of(v.split(","));
        case "--key-seed" -> keySeed = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (server == null
        || witnessKeys.isEmpty()
        || quorum < 1
        || ramp < 0
        || ramp > warmup
        || drainMax < 0) {
      System.err.println(
          "usage: CosignLatency --server URL --witness-vkey VKEY... --quorum K"
              + " [--connections 1 | --rate N [--ramp S<=warmup] [--drain-max 60]] [--warmup 5]"
              + " [--duration 20] [--authors US,RU] [--key-seed S]");
      System.exit(2);
      return; // not reached; tells the null checker that server is set below
    }
    URI base = URI.create(server.endsWith("/") ? server : server + "/");
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    JsonNode log = JSON.readTree(get(http, base.resolve("api/v1/log")));
    String treaty = log.path("treaty").asText();
    List<NoteVerifier> keys = new ArrayList<>();
    keys.add(VerifierKey.parse(log.path("verifierKey").asText()).verifier());
    for (String w : witnessKeys) {
      keys.add(CosignatureVerifier.parse(w));
    }
    Verifiers verifiers = Verifiers.of(keys);
    String logKeyName = keys.getFirst().name();

    SecureRandom random = new SecureRandom();
    List<FastSigner> signers = new ArrayList<>();
    for (String author : authors) {
      byte[] seed = new byte[32];
      if (keySeed == null) {
        random.nextBytes(seed);
      } else {
        seed = seedOf(keySeed, author);
      }
      FastSigner s = signer(author, seed);
      HttpResponse<String> r =
          post(
              http,
              base.resolve("api/v1/statements"),
              sign(
                  logKeyName, new PartyKeyRegistration(treaty, author, now(), s.verifierKey()), s));
      if (r.statusCode() == 409 && keySeed != null) {
        System.err.println(author + ": a key is already registered; assuming this --key-seed's");
      } else if (r.statusCode() != 201) {
        throw new IllegalStateException(
            "registering " + author + ": HTTP " + r.statusCode() + " " + r.body());
      }
      signers.add(s);
    }

    Percentiles latency = new Percentiles();
    AtomicLong misses = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong cosignatures = new AtomicLong();
    AtomicLong receipts = new AtomicLong();
    AtomicLong counter = new AtomicLong();
    String run = Long.toHexString(random.nextLong());
    Stages stages = new Stages();
    Phases phases = new Phases();
    Submitter submitter =
        new Submitter(
            http,
            base,
            logKeyName,
            treaty,
            authors,
            signers,
            verifiers,
            quorum,
            run,
            latency,
            misses,
            errors,
            cosignatures,
            receipts,
            new ConcurrentHashMap<>(),
            stages);
    // Open loop: signed before the clock starts (issuedAt stays well inside the server's clock
    // window). Signing is the submitters' own machines' work, not the log's; here it would take
    // CPU from the server being timed. The due times are unchanged.
    Schedule schedule = new Schedule(rate, ramp);
    long lastDue = TimeUnit.SECONDS.toNanos(warmup + (long) drainMax + duration);
    byte[][] presigned =
        new byte[rate > 0 ? Math.toIntExact(schedule.dueBefore(lastDue) + 2) : 0][];
    java.util.stream.IntStream.range(1, presigned.length)
        .parallel()
        .forEach(k -> presigned[k] = submitter.entry(k));
    long start = System.nanoTime();
    long warmupEnd = start + TimeUnit.SECONDS.toNanos(warmup);
    long durationNanos = TimeUnit.SECONDS.toNanos(duration);
    // The closed loop's window is fixed; the open loop's opens once the warm-up has drained.
    phases.warmupEnd = warmupEnd;
    if (rate == 0) {
      phases.windowStart = warmupEnd;
    }
    long closedWindowEnd = warmupEnd + durationNanos;
    List<Thread> threads = new ArrayList<>();
    LinkedBlockingQueue<long[]> due = new LinkedBlockingQueue<>();
    AtomicLong offered = new AtomicLong();
    Thread timeline = stages.timeline(start, due::size, offered::get, phases);
    boolean drained = true;
    long warmupDue = -1;
    if (rate > 0) {
      // Open loop: submissions due on the schedule whatever the answers do, sent by the first
      // free one of --connections workers (keep-alive connections, as real clients hold) and timed
      // from when they were due, so a slow answer cannot hold back (and hide) the next: time spent
      // waiting for a free connection counts.
      threads.addAll(
          workers(
              connections,
              () -> {
                long[] next;
                try {
                  next = due.take();
                } catch (InterruptedException e) {
                  return false;
                }
                if (next[0] < 0) {
                  return false;
                }
                int k = (int) next[0];
                submitter.once(k, next[1], phases, k < presigned.length ? presigned[k] : null);
                return true;
              }));
      long windowEnd = Long.MAX_VALUE;
      long drainDeadline = warmupEnd + TimeUnit.SECONDS.toNanos(drainMax);
      for (long n = 1; ; n++) {
        long at = start + schedule.offsetOf(n);
        if (at >= windowEnd) {
          break;
        }
        if (phases.windowStart == Long.MAX_VALUE && at >= warmupEnd) {
          if (warmupDue < 0) {
            warmupDue = n - 1;
          }
          // Open the window once the warm-up's submissions are all answered and nothing waits
          // for a connection (or, failing that, at the drain deadline, and say so).
          boolean settled = phases.warmupAnswered.get() >= warmupDue && due.isEmpty();
          if (settled || drainMax == 0 || at >= drainDeadline) {
            drained = settled || drainMax == 0;
            phases.windowStart = at;
            windowEnd = at + durationNanos;
          }
        }
        long sleep = at - System.nanoTime();
        if (sleep > 0) {
          LockSupport.parkNanos(sleep);
        }
        due.add(new long[] {n, at});
        offered.incrementAndGet();
      }
      for (int c = 0; c < connections; c++) {
        due.add(new long[] {-1, 0});
      }
    } else {
      threads.addAll(
          workers(
              connections,
              () ->
                  System.nanoTime() < closedWindowEnd
                      && submitter.once(counter.incrementAndGet(), -1, phases, null)));
    }
    for (Thread t : threads) {
      t.join();
    }
    timeline.interrupt();
    timeline.join();
    int n = latency.count();
    double openedAt = (phases.windowStart - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%s: %s, %d submissions timed to a cosigned receipt over %d s from the window's opening at"
            + " %.1f s (warm-up %d s%s%s); %s; %d not published in time (202); %d errors; %.2f"
            + " cosignatures per receipt%n",
        base,
        rate > 0
            ? "open loop at " + rate + "/s over " + connections + " connections"
            : connections + " connection(s)",
        n,
        duration,
        openedAt,
        warmup,
        ramp > 0 ? ", ramped over " + ramp + " s" : "",
        rate == 0 || drainMax == 0
            ? ""
            : drained
                ? ", then until its " + warmupDue + " submissions were answered"
                : "; NOT DRAINED: opened at the " + drainMax + " s limit with a backlog",
        latency.summary(),
        misses.get(),
        errors.get(),
        receipts.get() == 0 ? 0.0 : (double) cosignatures.get() / receipts.get());
    System.out.printf(
        Locale.ROOT,
        "RESULT connections=%d offered=%d submissions=%d rate=%.1f %s misses=%d errors=%d"
            + " window_open_s=%.1f drained=%b%n",
        connections,
        rate,
        n,
        n / (double) duration,
        latency.summary(),
        misses.get(),
        errors.get(),
        openedAt,
        drained);
    // The start-up on its own: everything due (or sent) before the window opened, timed the same
    // way. It is what a log and its witnesses just started give; reported, not hidden.
    System.out.printf(
        Locale.ROOT,
        "STARTUP submissions=%d ramp_s=%d warmup_s=%d window_open_s=%.1f drained=%b %s misses=%d%n",
        phases.startup.count(),
        ramp,
        warmup,
        openedAt,
        drained,
        phases.startup.summary(),
        phases.startupMisses.get());
    if (errors.get() > 0 || misses.get() > 0) {
      System.exit(1);
    }
  }

  /**
   * Starts {@code n} virtual threads (one per connection), each running {@code step} until false.
   */
  private static List<Thread> workers(int n, java.util.function.BooleanSupplier step) {
    List<Thread> started = new ArrayList<>(n);
    for (int c = 0; c < n; c++) {
      started.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (step.getAsBoolean()) {
                      // the step did the work
                    }
                  }));
    }
    return started;
  }

  /**
   * Where each timed submission's time went on the generator's side, and a once-a-second timeline
   * (wall clock, so that it lines up with the server's log): how many submissions were due, how
   * many wait for a free connection, how many are on the wire, how many were answered. The open
   * loop's figure is from due to answer; these split it, so a queue in the harness shows as such.
   */
  private static final class Stages {
    final Percentiles queued = new Percentiles();
    final Percentiles signing = new Percentiles();
    final Percentiles answer = new Percentiles();
    final java.util.concurrent.atomic.AtomicInteger inFlight =
        new java.util.concurrent.atomic.AtomicInteger();
    final AtomicLong answered = new AtomicLong();

    Thread timeline(
        long start,
        java.util.function.IntSupplier backlog,
        java.util.function.LongSupplier due,
        Phases phases) {
      return Thread.ofPlatform()
          .daemon()
          .name("timeline")
          .start(
              () -> {
                long next = start;
                long before = 0;
                while (!Thread.currentThread().isInterrupted()) {
                  next += TimeUnit.SECONDS.toNanos(1);
                  long sleep = next - System.nanoTime();
                  if (sleep > 0) {
                    LockSupport.parkNanos(sleep);
                  }
                  if (Thread.currentThread().isInterrupted()) {
                    return;
                  }
                  long done = answered.get();
                  System.out.printf(
                      Locale.ROOT,
                      "TIMELINE epoch_ms=%d t_s=%d due=%d waiting_for_connection=%d in_flight=%d"
                          + " answered=%d answered_last_s=%d phase=%s%n",
                      System.currentTimeMillis(),
                      TimeUnit.NANOSECONDS.toSeconds(next - start),
                      due.getAsLong(),
                      backlog.getAsInt(),
                      inFlight.get(),
                      done,
                      done - before,
                      System.nanoTime() >= phases.windowStart ? "window" : "startup");
                  before = done;
                }
              });
    }
  }

  /**
   * Where the measured window lies. The closed loop's opens at the end of the warm-up; the open
   * loop's once the warm-up has drained. Submissions due (or sent) before it are start-up.
   */
  private static final class Phases {
    volatile long warmupEnd = Long.MAX_VALUE;
    volatile long windowStart = Long.MAX_VALUE;
    // Answers (of any kind) to submissions due in the warm-up: the window waits for all of them.
    final AtomicLong warmupAnswered = new AtomicLong();
    final Percentiles startup = new Percentiles();
    final AtomicLong startupMisses = new AtomicLong();
  }

  /**
   * When the open loop's {@code n}-th submission is due: a linear ramp from 0 to {@code rate} per
   * second over the first {@code ramp} seconds ({@code rate * ramp / 2} submissions), then {@code
   * rate} per second. With no ramp, {@code n / rate} seconds, as before.
   */
  record Schedule(int rate, int ramp) {
    long offsetOf(long n) {
      double inRamp = rate * (double) ramp / 2;
      double seconds = n <= inRamp ? Math.sqrt(2.0 * ramp * n / rate) : ramp + (n - inRamp) / rate;
      return Math.round(seconds * 1e9);
    }

    /** How many submissions are due in the first {@code nanos}. */
    long dueBefore(long nanos) {
      double t = nanos / 1e9;
      double due =
          t <= ramp ? rate * t * t / (2.0 * ramp) : rate * (double) ramp / 2 + rate * (t - ramp);
      return (long) Math.ceil(due);
    }
  }

  /** One submission, timed from {@code t0} to its cosigned receipt; the counters it adds to. */
  private record Submitter(
      HttpClient http,
      URI base,
      String logKeyName,
      String treaty,
      List<String> authors,
      List<FastSigner> signers,
      Verifiers verifiers,
      int quorum,
      String run,
      Percentiles latency,
      AtomicLong misses,
      AtomicLong errors,
      AtomicLong cosignatures,
      AtomicLong receipts,
      Map<String, CompletableFuture<Long>> checked,
      Stages stages) {

    /** Launch notification {@code n}, signed by one of the authors in turn. */
    byte[] entry(long n) {
      int a = (int) (n % authors.size());
      Instant at = now();
      return sign(
          logKeyName,
          new LaunchNotification(
              treaty,
              authors.get(a),
              at,
              "cosign-" + run + "-" + n,
              "icbm",
              "",
              at.plus(30, ChronoUnit.DAYS),
              "Plesetsk test range",
              "Kura test range, Kamchatka"),
          signers.get(a));
    }

    /**
     * Submits launch notification {@code n} (signed now unless {@code signed} is given) and checks
     * the receipt's cosignatures.
     *
     * @param due when the submission was due (open loop), or -1 to time it from its sending
     * @param phases submissions due or sent before the window opens are start-up, timed apart
     * @return false after an error (the closed loop stops that connection)
     */
    boolean once(long n, long due, Phases phases, byte @Nullable [] signed) {
      long picked = System.nanoTime();
      byte[] entry = signed != null ? signed : entry(n);
      long sent = System.nanoTime();
      long t0 = due >= 0 ? due : sent;
      HttpResponse<String> r;
      stages.inFlight.incrementAndGet();
      try {
        r = post(http, base.resolve("api/v1/statements"), entry);
      } catch (Exception e) {
        errors.incrementAndGet();
        System.err.println("submission failed: " + e);
        return false;
      } finally {
        stages.inFlight.decrementAndGet();
        if (due >= 0 && due < phases.warmupEnd) {
          phases.warmupAnswered.incrementAndGet();
        }
      }
      long t1 = System.nanoTime();
      stages.answered.incrementAndGet();
      // Read after the answer: the window's start is set before anything due in it is sent.
      boolean counted = t0 >= phases.windowStart;
      if (r.statusCode() == 202) {
        (counted ? misses : phases.startupMisses).incrementAndGet();
        return true;
      }
      if (r.statusCode() != 201) {
        errors.incrementAndGet();
        System.err.println("HTTP " + r.statusCode() + ": " + r.body());
        return false;
      }
      try {
        String note = JSON.readTree(r.body()).path("checkpoint").asText();
        // Every receipt of a batch carries the same checkpoint: its signatures are checked once
        // (the same bytes verify the same way), so that checking does not become the load.
        // Every receipt of a round arrives at once: the first verifies, the others wait for it
        // (a plain get-then-put let each of them verify the same five signatures).
        CompletableFuture<Long> mine = new CompletableFuture<>();
        CompletableFuture<Long> first = checked.putIfAbsent(note, mine);
        if (first == null) {
          first = mine;
          try {
            mine.complete(cosigners(note));
          } catch (Exception e) {
            mine.completeExceptionally(e);
          }
        }
        long by = first.join();
        cosignatures.addAndGet(by);
        receipts.incrementAndGet();
      } catch (Exception e) {
        errors.incrementAndGet();
        System.err.println("receipt checkpoint not witnessed: " + e);
        return false;
      }
      if (!counted) {
        phases.startup.add(t1 - t0);
      } else {
        latency.add(t1 - t0);
        if (due >= 0) {
          stages.queued.add(picked - due);
        }
        stages.signing.add(sent - picked);
        stages.answer.add(t1 - sent);
      }
      return true;
    }

    /** How many witnesses cosigned {@code note}, which must also carry the log's signature. */
    private long cosigners(String note) throws Exception {
      VerifiedNote v = Note.open(note, verifiers);
      long by = v.verifiedSignatures().stream().filter(s -> !s.name().equals(logKeyName)).count();
      if (by < quorum || v.verifiedSignatures().size() == by) {
        throw new IllegalStateException(
            by + " cosignatures (need " + quorum + ") or no log signature");
      }
      return by;
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  /** Signs {@code s} addressed to the log whose origin (and key name) is {@code origin}. */
  private static byte[] sign(String origin, Statement s, FastSigner signer) {
    return Note.sign(StatementCodec.encodeText(s, origin), signer).getBytes(StandardCharsets.UTF_8);
  }

  private static String get(HttpClient http, URI uri) throws Exception {
    return http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static HttpResponse<String> post(HttpClient http, URI uri, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
