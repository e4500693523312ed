package org.countersign.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one load run does, parsed from the command line and checked once.
 *
 * @param server base URL of the log server, loopback only (the generator refuses anything else so
 *     that a benchmark can never load someone else's server)
 * @param authors the treaty participants that sign statements (each registers a fresh key first)
 * @param connections concurrent keep-alive connections, one submission in flight on each
 * @param rate target submissions per second (open loop, latency measured from the scheduled send
 *     time), or 0 for closed loop (each connection sends as soon as its last answer came)
 * @param warmup time from the first request before measurement starts
 * @param duration length of the measured window; sending stops at its end
 * @param statements how many statements to sign beforehand; 0 derives it from the rate or from
 *     {@code maxRate} times the run length
 * @param sampleEvery verify every n-th receipt after the run (0: none)
 * @param seed seed of the party keys and statement ids (0: a random one)
 * @param serverPid the server's process id on this machine, to measure its CPU use in the window
 *     (0: not measured)
 */
record LoadOptions(
    URI server,
    List<String> authors,
    int connections,
    double rate,
    Duration warmup,
    Duration duration,
    int statements,
    int sampleEvery,
    long seed,
    long serverPid) {

  /** The most statements per second a closed-loop run is expected to reach, to size the pool. */
  static final int MAX_RATE = 6_000;

  static final String USAGE =
      """
      usage: SubmitLoad --server URL [--authors US,RU] [--connections 512] [--rate R]
                        [--warmup S] [--duration S] [--statements N] [--sample N] [--seed N]
                        [--server-pid PID]
        --server       base URL of the log server (loopback only), e.g. http://127.0.0.1:8080/
        --authors      treaty participants that sign statements (default US,RU)
        --connections  keep-alive connections, one submission in flight each (default 512)
        --rate         open loop at R submissions/s (default 0: closed loop)
        --warmup       seconds before measuring (default 10)
        --duration     measured seconds (default 30)
        --statements   statements signed beforehand (default: enough for the run)
        --sample       verify every N-th receipt after the run (default 200; 0: none)
        --seed         seed of keys and ids (default: random)
        --server-pid   the server's pid, to report its CPU per statement (default: not reported)
      """;

  LoadOptions {
    Objects.requireNonNull(server, "server");
    authors = List.copyOf(authors);
    String host = server.getHost();
    if (!"http".equals(server.getScheme()) || host == null) {
      throw new IllegalArgumentException("--server must be an http:// URL, got " + server);
    }
    if (!(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"))) {
      throw new IllegalArgumentException("--server must be on loopback, got host " + host);
    }
    if (authors.isEmpty()) {
      throw new IllegalArgumentException("--authors must name at least one participant");
    }
    if (connections < 1 || connections > 20_000) {
      throw new IllegalArgumentException("--connections must be 1..20000, got " + connections);
    }
    if (rate < 0 || rate > 1_000_000) {
      throw new IllegalArgumentException("--rate must be 0..1000000, got " + rate);
    }
    if (warmup.isNegative() || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("--warmup must be >= 0 and --duration > 0");
    }
    if (serverPid < 0) {
      throw new IllegalArgumentException("--server-pid must be a process id, got " + serverPid);
    }
    if (statements < 0 || sampleEvery < 0) {
      throw new IllegalArgumentException("--statements and --sample must be >= 0");
    }
  }

  /** Statements to sign: as asked, or the run's length times the rate plus 10 %. */
  int poolSize() {
    if (statements > 0) {
      return statements;
    }
    double seconds = (warmup.toMillis() + duration.toMillis()) / 1000.0;
    double perSecond = rate > 0 ? rate : MAX_RATE;
    return (int) Math.ceil(seconds * perSecond * 1.1) + connections;
  }

  static LoadOptions parse(String[] args) {
    URI server = null;
    List<String> authors = List.of("US", "RU");
    int connections = 512;
    double rate = 0;
    Duration warmup = Duration.ofSeconds(10);
    Duration duration = Duration.ofSeconds(30);
    int statements = 0;
    int sample = 200;
    long seed = 0;
    long serverPid = 0;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        throw new IllegalArgumentException("");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--server" -> server = URI.create(v.endsWith("/") ? v : v + "/");
        case "--authors" -> {
          List<String> list = new ArrayList<>();
          for (String s : v.split(",", -1)) {
            if (!s.isBlank()) {
              list.add(s.trim());
            }
          }
          authors = list;
        }
        case "--connections" -> connections = Integer.parseInt(v);
        case "--rate" -> rate = Double.parseDouble(v);
        case "--warmup" -> warmup = Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
        case "--duration" -> duration = Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
        case "--statements" -> statements = Integer.parseInt(v);
        case "--sample" -> sample = Integer.parseInt(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--server-pid" -> serverPid = Long.parseLong(v);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (server == null) {
      throw new IllegalArgumentException("--server is required");
    }
    return new LoadOptions(
        server, authors, connections, rate, warmup, duration, statements, sample, seed, serverPid);
  }
}
