package org.countersign.witness.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.countersign.log.BadSignatureException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.note.Note;
import org.countersign.log.note.NoteSignature;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.Verifiers;
import org.countersign.witness.client.WitnessException.Kind;
import org.countersign.witness.policy.CosignedCheckpoint;
import org.countersign.witness.policy.FencedVerifiers;
import org.countersign.witness.policy.PolicyException;
import org.countersign.witness.policy.PolicyWitness;
import org.countersign.witness.policy.WitnessPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers cosignatures for a log's checkpoint from every witness of a {@link WitnessPolicy} and
 * returns it only once the policy's quorum holds.
 *
 * <p>{@link #collect} sends the checkpoint to all witnesses that have a URL, in parallel, and waits
 * until every one has answered or {@code timeout} has passed; once the quorum holds it waits at
 * most {@code graceAfterQuorum} more for the rest (0: none), so one slow witness does not delay
 * every checkpoint. Each returned line is kept only if it verifies against that witness's key in
 * the policy (lines by unknown keys are ignored, as the spec requires). The merged note is then
 * checked with {@link WitnessPolicy#satisfiedBy}: the result is a {@link CosignedCheckpoint} or a
 * {@link QuorumException} naming who failed and why. A missed quorum is never downgraded to a
 * log-signed-only checkpoint here; the caller decides what to serve and MUST say so.
 *
 * <h2>Witnesses still answering when the quorum holds</h2>
 *
 * <p>Their requests are not cancelled: {@link Collected#late()} hands the caller each one's
 * cosignature (verified like the others) when it comes, which {@link #withCosignature} adds to the
 * published note. So a slow witness still cosigns, and its state keeps in step with the log. Each
 * witness gets one request at a time, in order: the next round's request to it is sent once its
 * previous one was answered (from the size it then cosigned), and a request that a newer round
 * overtook before it was sent is dropped. Only a round that misses its quorum cancels what is still
 * in flight.
 *
 * <p>Plugging into the log server: in its {@code CheckpointPublisher}, call {@code
 * collect(committed.note(), lastPublishedSize, proofs)} and persist {@code signedNote()} of the
 * result before returning it.
 */
public final class QuorumCollector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QuorumCollector.class);

  private final WitnessPolicy policy;
  private final Duration timeout;
  private final Duration graceAfterQuorum;
  private final Verifiers logVerifiers;
  private final Map<String, WitnessClient> clients = new LinkedHashMap<>();
  private final Map<String, Verifiers> witnessVerifiers = new LinkedHashMap<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  // Per witness, the newest request: the next round's request waits for it (one at a time, in
  // order); a request overtaken by a newer round before it was sent is dropped.
  private final Map<String, Asked> lastAsked = new ConcurrentHashMap<>();
  private final AtomicLong rounds = new AtomicLong();
  private final ReentrantLock roundLock = new ReentrantLock();

  /** One round's request to one witness. */
  private record Asked(long round, CompletableFuture<Outcome> outcome) {}

  /**
   * A collector for {@code policy}'s witnesses.
   *
   * @param http the HTTP client shared by all witness connections (keep-alive)
   * @param timeout how long to wait for the witnesses in all
   * @param graceAfterQuorum how long to keep waiting for the others once the quorum holds
   */
  public QuorumCollector(
      WitnessPolicy policy, HttpClient http, Duration timeout, Duration graceAfterQuorum) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (graceAfterQuorum.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative, got " + graceAfterQuorum);
    }
    this.policy = policy;
    this.timeout = timeout;
    this.graceAfterQuorum = graceAfterQuorum;
    List<NoteVerifier> logs = new ArrayList<>();
    policy.logs().forEach(l -> logs.add(FencedVerifiers.log(l.key())));
    this.logVerifiers = Verifiers.of(logs);
    for (PolicyWitness w : policy.witnesses().values()) {
      w.url().ifPresent(u -> clients.put(w.name(), new WitnessClient(w.name(), u, http, timeout)));
      witnessVerifiers.put(w.name(), Verifiers.of(FencedVerifiers.cosignature(w.key())));
    }
  }

  /** A collector with a 5 s timeout, 250 ms grace and a new HTTP/1.1 client. */
  public static QuorumCollector withDefaults(WitnessPolicy policy) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    return new QuorumCollector(policy, http, Duration.ofSeconds(5), Duration.ofMillis(250));
  }

  /** The policy this collector serves. */
  public WitnessPolicy policy() {
    return policy;
  }

  /**
   * Collects cosignatures on {@code signedCheckpointNote} until the policy's quorum holds.
   *
   * @param signedCheckpointNote the checkpoint signed by a log of the policy (it may already carry
   *     cosignatures; they are kept, and replaced by fresh ones from the same witness)
   * @param previousCosignedSize the size of the last checkpoint published with a quorum (0 if
   *     none): the first guess of each witness's state, corrected by the witnesses' 409s
   * @param proofs consistency proofs between any two sizes up to this checkpoint's
   * @return the checkpoint with every valid cosignature gathered
   * @throws IllegalArgumentException if the note is not a checkpoint signed by a policy log
   * @throws QuorumException if too few witnesses cosigned within the timeout
   * @throws InterruptedException if interrupted while waiting
   */
  public CosignedCheckpoint collect(
      String signedCheckpointNote, long previousCosignedSize, ConsistencyProofSource proofs)
      throws QuorumException, InterruptedException {
    return collectReporting(signedCheckpointNote, previousCosignedSize, proofs).checkpoint();
  }

  /**
   * A round that met the quorum: the cosigned checkpoint, why each policy witness that did not
   * cosign did not (empty when all did), and the witnesses still answering. The log server reports
   * these per witness, so that a witness that fails while the quorum still holds is seen before the
   * quorum is lost.
   *
   * @param checkpoint the checkpoint with every valid cosignature gathered
   * @param failures by policy witness name, why it did not cosign
   * @param late by policy witness name, the witnesses still asked when the quorum held: each
   *     completes with its cosignature line on this checkpoint, verified against its policy key
   *     (for {@link #withCosignature}), or fails with a {@link CompletionException} whose cause is
   *     a {@link WitnessException} saying why not, or a {@link CancellationException} if a newer
   *     round overtook the request before it was sent (not the witness's failure)
   */
  public record Collected(
      CosignedCheckpoint checkpoint,
      Map<String, WitnessException> failures,
      Map<String, CompletableFuture<String>> late) {
    public Collected {
      java.util.Objects.requireNonNull(checkpoint, "checkpoint");
      failures = Map.copyOf(failures);
      late = Map.copyOf(late);
    }
  }

  /**
   * {@code cosignedNote} with {@code line}, a late cosignature by policy witness {@code witness},
   * added (or replacing that witness's line), every other line kept.
   *
   * @param cosignedNote a checkpoint note signed by a log of the policy
   * @param line a line from {@link Collected#late()} for the same checkpoint
   * @throws IllegalArgumentException if the note is not signed by a log of the policy, or the line
   *     is not {@code witness}'s valid cosignature on this note's checkpoint
   */
  public String withCosignature(String cosignedNote, String witness, String line) {
    VerifiedNote note;
    try {
      note = Note.open(cosignedNote, logVerifiers);
    } catch (MalformedInputException | BadSignatureException e) {
      throw new IllegalArgumentException(
          "not a checkpoint signed by a log of the policy: " + e.getMessage(), e);
    }
    if (!witnessVerifiers.containsKey(witness)
        || verifiedLine(witness, note, List.of(line)).isEmpty()) {
      throw new IllegalArgumentException(
          "not a valid cosignature by " + witness + " on this checkpoint: " + line.strip());
    }
    return merge(note, Map.of(witness, line));
  }

  /**
   * As {@link #collect}, also saying which witnesses did not cosign and why.
   *
   * @throws IllegalArgumentException if the note is not a checkpoint signed by a policy log
   * @throws QuorumException if too few witnesses cosigned within the timeout
   * @throws InterruptedException if interrupted while waiting
   */
  public Collected collectReporting(
      String signedCheckpointNote, long previousCosignedSize, ConsistencyProofSource proofs)
      throws QuorumException, InterruptedException {
    // One round at a time: each witness's requests are kept in order across rounds.
    roundLock.lockInterruptibly();
    try {
      return round(signedCheckpointNote, previousCosignedSize, proofs);
    } finally {
      roundLock.unlock();
    }
  }

  private Collected round(
      String signedCheckpointNote, long previousCosignedSize, ConsistencyProofSource proofs)
      throws QuorumException, InterruptedException {
    VerifiedNote note;
    Checkpoint checkpoint;
    try {
      note = Note.open(signedCheckpointNote, logVerifiers);
      checkpoint = Checkpoint.fromNote(note);
    } catch (MalformedInputException | BadSignatureException e) {
      throw new IllegalArgumentException(
          "not a checkpoint signed by a log of the policy: " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    long round = rounds.incrementAndGet();
    LinkedBlockingQueue<Outcome> answers = new LinkedBlockingQueue<>();
    Map<String, Future<?>> tasks = new LinkedHashMap<>();
    Map<String, CompletableFuture<Outcome>> pending = new LinkedHashMap<>();
    for (Map.Entry<String, WitnessClient> e : clients.entrySet()) {
      WitnessClient c = e.getValue();
      CompletableFuture<Outcome> outcome = new CompletableFuture<>();
      Asked before = lastAsked.put(c.name(), new Asked(round, outcome));
      pending.put(c.name(), outcome);
      tasks.put(
          c.name(),
          executor.submit(
              () -> {
                Outcome o =
                    askAfter(
                        before,
                        round,
                        c,
                        signedCheckpointNote,
                        checkpoint,
                        previousCosignedSize,
                        proofs,
                        deadline);
                outcome.complete(o);
                answers.add(o);
              }));
    }
    Map<String, String> lines = new LinkedHashMap<>();
    Map<String, WitnessException> failures = new LinkedHashMap<>();
    for (PolicyWitness w : policy.witnesses().values()) {
      if (!clients.containsKey(w.name())) {
        failures.put(
            w.name(),
            new WitnessException(Kind.NO_URL, w.name() + ": the policy gives no URL to ask it"));
      }
    }
    long graceDeadline = Long.MAX_VALUE;
    while (!pending.isEmpty()) {
      long wait = Math.min(deadline, graceDeadline) - System.nanoTime();
      Outcome o = wait <= 0 ? null : answers.poll(wait, TimeUnit.NANOSECONDS);
      if (o == null) {
        break;
      }
      pending.remove(o.witness());
      if (o.failure() != null) {
        failures.put(o.witness(), o.failure());
      } else {
        Optional<String> line = verifiedLine(o.witness(), note, o.lines());
        if (line.isPresent()) {
          lines.put(o.witness(), line.get());
        } else {
          failures.put(o.witness(), noValidLine(o.witness()));
        }
      }
      if (graceDeadline == Long.MAX_VALUE && policy.quorumHeldBy(lines.keySet())) {
        graceDeadline = System.nanoTime() + graceAfterQuorum.toNanos();
      }
    }
    boolean quorumHeld = policy.quorumHeldBy(lines.keySet());
    Map<String, CompletableFuture<String>> late = new LinkedHashMap<>();
    for (var e : pending.entrySet()) {
      String name = e.getKey();
      if (quorumHeld) {
        // Still asked, not cancelled: its cosignature is handed over when it comes.
        late.put(name, e.getValue().thenApply(o -> lateLine(o, note)));
        continue;
      }
      Objects.requireNonNull(tasks.get(name)).cancel(true);
      WitnessException timedOut =
          new WitnessException(
              Kind.TIMEOUT, name + ": no cosignature within " + timeout.toMillis() + " ms");
      e.getValue().complete(new Outcome(name, List.of(), timedOut, -1));
      failures.put(name, timedOut);
    }
    String merged = merge(note, lines);
    try {
      CosignedCheckpoint result = policy.satisfiedBy(merged);
      if (!failures.isEmpty()) {
        LOG.warn(
            "checkpoint {} size {} cosigned by {}; not by {}",
            checkpoint.origin(),
            checkpoint.size(),
            lines.keySet(),
            failures.keySet());
      }
      return new Collected(result, failures, late);
    } catch (PolicyException e) {
      StringBuilder m =
          new StringBuilder("quorum \"")
              .append(policy.quorum().name())
              .append("\" not met for ")
              .append(checkpoint.origin())
              .append(" size ")
              .append(checkpoint.size())
              .append(": cosigned by ")
              .append(lines.keySet());
      failures.forEach((n, f) -> m.append("; ").append(f.getMessage()));
      throw new QuorumException(m.toString(), new ArrayList<>(lines.keySet()), failures);
    }
  }

  /**
   * What one witness answered: its lines, or why not.
   *
   * @param size the checkpoint size it cosigned, -1 if it failed, {@link #OVERTAKEN} if the request
   *     was dropped unsent (a newer round asks the witness instead)
   */
  private record Outcome(
      String witness, List<String> lines, @Nullable WitnessException failure, long size) {}

  /**
   * Asks {@code c} once its previous request ({@code before}) was answered, from the size that one
   * cosigned; drops the request if a newer round overtook it meanwhile.
   */
  private Outcome askAfter(
      @Nullable Asked before,
      long round,
      WitnessClient c,
      String note,
      Checkpoint checkpoint,
      long hint,
      ConsistencyProofSource proofs,
      long deadline) {
    long from = hint;
    if (before != null) {
      try {
        Outcome previous = before.outcome().get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (previous.failure() == null && previous.size() >= 0) {
          from = previous.size();
        }
      } catch (TimeoutException e) {
        return new Outcome(
            c.name(),
            List.of(),
            new WitnessException(
                Kind.TIMEOUT,
                c.name()
                    + ": still answering an earlier checkpoint after "
                    + timeout.toMillis()
                    + " ms"),
            -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return cancelled(c);
      } catch (ExecutionException | CancellationException e) {
        // Outcomes are completed normally; nothing to learn here.
      }
    }
    Asked newest = lastAsked.get(c.name());
    if (newest != null && newest.round() != round) {
      return new Outcome(c.name(), List.of(), null, OVERTAKEN);
    }
    try {
      return new Outcome(
          c.name(), c.cosign(note, checkpoint, from, proofs), null, checkpoint.size());
    } catch (WitnessException e) {
      return new Outcome(c.name(), List.of(), e, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return cancelled(c);
    } catch (RuntimeException e) {
      return new Outcome(
          c.name(),
          List.of(),
          new WitnessException(Kind.BAD_RESPONSE, 0, c.name() + ": " + e, e),
          -1);
    }
  }

  private static final long OVERTAKEN = -2;

  private static Outcome cancelled(WitnessClient c) {
    return new Outcome(
        c.name(), List.of(), new WitnessException(Kind.TIMEOUT, c.name() + ": cancelled"), -1);
  }

  /**
   * A late witness's verified line, or the exception saying why there is none: a {@link
   * CancellationException} if a newer round overtook the request before it was sent (not the
   * witness's failure).
   */
  private String lateLine(Outcome o, VerifiedNote note) {
    if (o.size() == OVERTAKEN) {
      throw new CancellationException(o.witness() + ": overtaken by a newer checkpoint");
    }
    WitnessException failure = o.failure();
    if (failure == null) {
      Optional<String> line = verifiedLine(o.witness(), note, o.lines());
      if (line.isPresent()) {
        return line.get();
      }
      failure = noValidLine(o.witness());
    }
    throw new CompletionException(failure);
  }

  private static WitnessException noValidLine(String witness) {
    return new WitnessException(
        Kind.BAD_RESPONSE,
        witness + ": answered 200 but no line verifies against its key in the policy");
  }

  /** The first returned line that is a valid cosignature by this witness's policy key. */
  private Optional<String> verifiedLine(String witness, VerifiedNote note, List<String> returned) {
    Verifiers v = Objects.requireNonNull(witnessVerifiers.get(witness));
    NoteVerifier key = v.all().getFirst();
    for (String line : returned) {
      try {
        VerifiedNote opened = Note.open(note.text() + "\n" + line, v);
        if (opened.verifiedSignatureBy(key.name(), key.keyId()).isPresent()) {
          return Optional.of(line);
        }
      } catch (MalformedInputException | BadSignatureException e) {
        LOG.debug("{}: ignoring returned line: {}", witness, e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** Text, the log's lines and earlier lines, with this round's cosignatures replacing theirs. */
  private String merge(VerifiedNote note, Map<String, String> fresh) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (NoteSignature s : note.verifiedSignatures()) {
      byKey.put(s.id(), s.line());
    }
    for (NoteSignature s : note.otherSignatures()) {
      byKey.putIfAbsent(s.id(), s.line());
    }
    for (PolicyWitness w : policy.witnesses().values()) {
      String line = fresh.get(w.name());
      if (line != null) {
        byKey.put(w.key().id(), line);
      }
    }
    StringBuilder b = new StringBuilder(note.text()).append('\n');
    byKey.values().forEach(b::append);
    return b.toString();
  }

  /** Stops the worker threads; in-flight requests are abandoned. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
