package org.countersign.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.countersign.cli.client.LogHttpClient;
import org.countersign.cli.verify.LogKey;
import org.countersign.cli.verify.VerifiedCheckpoint;
import org.countersign.log.BadSignatureException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;

/**
 * Submits a {@link DemoHistory.Script} through the log's public HTTP API, as the parties would:
 * each statement signed by its author's key and sent at the (simulated) moment it was issued.
 * Historical statements keep their real issue times: the server's {@link HistoryClock} is set to
 * each one's {@code issuedAt} before it is sent, then released to the system clock for the
 * statements issued today.
 *
 * <p>Order is the script's. The registrations go first and are waited for (a party's other
 * statements are refused until its key is in the published registry); the rest are queued one after
 * the other without waiting ({@link LogHttpClient#enqueue}), which keeps their order and lets the
 * server batch them. The filler then waits until a checkpoint signed by the log key covers them
 * all.
 */
final class DemoFiller {
  private static final Duration INTEGRATION_WAIT = Duration.ofMinutes(5);

  private final LogHttpClient client;
  private final LogKey logKey;
  private final Map<String, SignerKey> parties;
  private final HistoryClock clock;
  private final PrintWriter progress;

  DemoFiller(
      LogHttpClient client,
      LogKey logKey,
      Map<String, SignerKey> parties,
      HistoryClock clock,
      PrintWriter progress) {
    this.client = client;
    this.logKey = logKey;
    this.parties = Map.copyOf(parties);
    this.clock = clock;
    this.progress = progress;
  }

  /** What was logged. */
  record Filled(long statements, SortedMap<String, Long> kinds, VerifiedCheckpoint checkpoint) {}

  Filled fill(String treaty, List<Statement> script) throws IOException {
    SortedMap<String, Long> kinds = new TreeMap<>();
    Instant realNow = now();
    // Keys are registered a day before the first historical statement, so that they are valid then.
    Instant first =
        script.stream().map(Statement::issuedAt).min(Instant::compareTo).orElse(realNow);
    register(treaty, first.isBefore(realNow) ? first.minus(Duration.ofDays(1)) : realNow, kinds);
    progress.println(
        "countersign: demo: registered the keys of "
            + String.join(" and ", new TreeMap<>(parties).keySet())
            + "; sending "
            + script.size()
            + " statements");
    progress.flush();
    long expected = (long) parties.size() + script.size();
    return new Filled(expected, kinds, send(script, expected, kinds));
  }

  /**
   * Registers every party's key at {@code at} (simulated if not now) and waits until the
   * registrations are published: a party's other statements are refused until then.
   */
  void register(String treaty, Instant at, SortedMap<String, Long> kinds) throws IOException {
    simulateOrRelease(at, now());
    try {
      for (Map.Entry<String, SignerKey> p : new TreeMap<>(parties).entrySet()) {
        Statement registration =
            new PartyKeyRegistration(treaty, p.getKey(), at, p.getValue().verifierKey());
        client.submit(sign(registration));
        kinds.merge(registration.kind(), 1L, Long::sum);
      }
    } finally {
      clock.release();
    }
  }

  /**
   * Queues {@code script} in order, each statement sent while the server's clock reads its {@code
   * issuedAt} (past or future: a simulated timeline), and waits for a checkpoint of at least {@code
   * expectedSize} entries.
   */
  VerifiedCheckpoint send(List<Statement> script, long expectedSize, SortedMap<String, Long> kinds)
      throws IOException {
    Instant realNow = now();
    long sent = 0;
    try {
      for (Statement s : script) {
        simulateOrRelease(s.issuedAt(), realNow);
        client.enqueue(sign(s));
        kinds.merge(s.kind(), 1L, Long::sum);
        if (++sent % 500 == 0) {
          progress.println(
              "countersign: demo: " + sent + " of " + script.size() + " statements sent");
          progress.flush();
        }
      }
      return awaitSize(expectedSize);
    } finally {
      clock.release();
    }
  }

  /** Statements issued more than a minute from now are sent on the simulated clock. */
  private void simulateOrRelease(Instant issuedAt, Instant realNow) {
    if (Duration.between(issuedAt, realNow).abs().compareTo(Duration.ofMinutes(1)) > 0) {
      clock.simulate(issuedAt);
    } else {
      clock.release();
    }
  }

  private byte[] sign(Statement s) {
    SignerKey key = parties.get(s.author());
    if (key == null) {
      throw new IllegalStateException("the demo has no key for " + s.author());
    }
    return Note.sign(StatementCodec.encodeText(s, logKey.origin()), key)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  /** Polls the checkpoint until the log key has signed a tree of at least {@code size} entries. */
  private VerifiedCheckpoint awaitSize(long size) throws IOException {
    Instant deadline = Instant.now().plus(INTEGRATION_WAIT);
    while (true) {
      VerifiedCheckpoint c;
      try {
        c = logKey.openCheckpoint(client.checkpoint());
      } catch (MalformedInputException | BadSignatureException e) {
        throw new IOException("the demo log's checkpoint does not verify: " + e.getMessage(), e);
      }
      if (c.size() >= size) {
        return c;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IOException(
            "the log holds "
                + c.size()
                + " of "
                + size
                + " entries after "
                + INTEGRATION_WAIT.toMinutes()
                + " minutes");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for integration", e);
      }
    }
  }
}
