package org.countersign.server.witness;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.countersign.log.Hash;
import org.countersign.server.publish.CheckpointSigner;
import org.countersign.server.publish.PublishedCheckpoint;
import org.countersign.server.publish.PublishedLog;
import org.countersign.witness.client.ConsistencyProofSource;
import org.countersign.witness.client.QuorumCollector;
import org.countersign.witness.client.QuorumException;
import org.countersign.witness.policy.CosignedCheckpoint;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * INSECURE, FOR TESTS ONLY: makes the log equivocate on request, so that tests can check that
 * witnesses refuse a fork and keep evidence of it, that monitors catch it, and that no client
 * accepts it.
 *
 * <p>Enabled only by {@code ServerOptions.insecureForkForTests}, which no command-line flag sets.
 * It adds two routes:
 *
 * <ul>
 *   <li>{@code POST /insecure-fork-for-tests/fork}: the log signs, with its real key, a checkpoint
 *       of the published size with a <em>different root</em> (same size, different root: the
 *       simplest split view), and sends it to every witness of the policy as if it were the next
 *       checkpoint. Answers {@code text/plain}: {@code cosigned} or {@code refused}, then the
 *       forked note, then one line per witness that refused, with why.
 *   <li>{@code GET /insecure-fork-for-tests/checkpoint}: the last forked note, with whatever
 *       cosignatures it got, so that a client or monitor pointed at {@code
 *       <server>/insecure-fork-for-tests/} is shown the other history (404 before a fork).
 * </ul>
 *
 * <p>The forked checkpoint is never stored and never served at {@code /checkpoint}.
 */
public final class InsecureForkForTests {
  private static final Logger log = LoggerFactory.getLogger(InsecureForkForTests.class);

  /** The route prefix, findable by name. */
  public static final String PREFIX = "/insecure-fork-for-tests";

  private final CheckpointSigner signer;
  private final PublishedLog published;
  private final QuorumCollector collector;
  private final ConsistencyProofSource proofs;
  private final AtomicReference<@Nullable String> forked = new AtomicReference<>();
  private int forks;

  /**
   * @param collector a collector of its own (its witness clients must not learn sizes from forks)
   */
  public InsecureForkForTests(
      CheckpointSigner signer,
      PublishedLog published,
      QuorumCollector collector,
      ConsistencyProofSource proofs) {
    this.signer = signer;
    this.published = published;
    this.collector = collector;
    this.proofs = proofs;
  }

  /** Adds the two routes. */
  public void register(Javalin app) {
    log.warn(
        "event=insecure_fork_mode_enabled routes={}/*: THIS LOG WILL EQUIVOCATE ON REQUEST",
        PREFIX);
    app.post(PREFIX + "/fork", this::fork);
    app.get(PREFIX + "/checkpoint", this::checkpoint);
  }

  /** What a fork attempt produced. */
  public record Outcome(String forkedNote, boolean cosigned, String report) {}

  /**
   * Signs a conflicting checkpoint of the published size and sends it to the witnesses.
   *
   * @throws IllegalStateException if the published tree is empty (size 0 has one root)
   */
  public synchronized Outcome fork() throws InterruptedException {
    PublishedCheckpoint real = published.current();
    if (real.size() == 0) {
      throw new IllegalStateException("cannot fork the empty tree: publish an entry first");
    }
    forks++;
    Hash otherRoot =
        Hash.sha256(
            ("countersign insecure fork for tests " + forks + " of " + real.root().base64())
                .getBytes(StandardCharsets.UTF_8));
    String note = signer.sign(real.size(), otherRoot);
    log.warn(
        "event=insecure_fork size={} real_root={} forked_root={}",
        real.size(),
        real.root().base64(),
        otherRoot.base64());
    try {
      CosignedCheckpoint c = collector.collect(note, real.size(), proofs);
      forked.set(c.signedNote());
      return new Outcome(c.signedNote(), true, "cosigned by " + c.cosignatures().keySet() + "\n");
    } catch (QuorumException e) {
      forked.set(note);
      StringBuilder report = new StringBuilder();
      report.append("cosigned by ").append(e.cosigned()).append('\n');
      e.failures()
          .forEach(
              (name, f) ->
                  report
                      .append(name)
                      .append(' ')
                      .append(f.kind())
                      .append(' ')
                      .append(f.status())
                      .append(": ")
                      .append(
                          Objects.requireNonNullElse(f.getMessage(), f.toString())
                              .replace('\n', ' '))
                      .append('\n'));
      return new Outcome(note, false, report.toString());
    }
  }

  private void fork(Context ctx) throws InterruptedException {
    Outcome o;
    try {
      o = fork();
    } catch (IllegalStateException e) {
      ctx.status(409).contentType("text/plain; charset=utf-8").result(e.getMessage() + "\n");
      return;
    }
    ctx.status(200)
        .contentType("text/plain; charset=utf-8")
        .result((o.cosigned() ? "cosigned\n" : "refused\n") + o.forkedNote() + "\n" + o.report());
  }

  private void checkpoint(Context ctx) {
    String note = forked.get();
    if (note == null) {
      ctx.status(404).contentType("text/plain; charset=utf-8").result("no fork yet\n");
      return;
    }
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("text/plain; charset=utf-8").result(note);
  }
}
