package org.countersign.witness.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * most {@code graceAfterQuorum} more for the rest, so one slow witness does not delay every
 * checkpoint. Each returned line is kept only if it verifies against that witness's key in the
 * policy (lines by unknown keys are ignored, as the spec requires). The merged note is then checked
 * with {@link WitnessPolicy#satisfiedBy}: the result is a {@link CosignedCheckpoint} or a {@link
 * QuorumException} naming who failed and why. A missed quorum is never downgraded to a
 * log-signed-only checkpoint here; the caller decides what to serve and MUST say so.
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
   * A round that met the quorum: the cosigned checkpoint, and why each policy witness that did not
   * cosign did not (empty when all did). The log server reports these per witness, so that a
   * witness that fails while the quorum still holds is seen before the quorum is lost.
   *
   * @param checkpoint the checkpoint with every valid cosignature gathered
   * @param failures by policy witness name, why it did not cosign
   */
  public record Collected(CosignedCheckpoint checkpoint, Map<String, WitnessException> failures) {
    public Collected {
      java.util.Objects.requireNonNull(checkpoint, "checkpoint");
      failures = Map.copyOf(failures);
    }
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
    CompletionService<Outcome> done = new ExecutorCompletionService<>(executor);
    Map<String, Future<Outcome>> pending = new LinkedHashMap<>();
    for (Map.Entry<String, WitnessClient> e : clients.entrySet()) {
      WitnessClient c = e.getValue();
      pending.put(
          e.getKey(),
          done.submit(
              () -> ask(c, signedCheckpointNote, checkpoint, previousCosignedSize, proofs)));
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
      Future<Outcome> next = wait <= 0 ? null : done.poll(wait, TimeUnit.NANOSECONDS);
      if (next == null) {
        break;
      }
      Outcome o = result(next);
      pending.remove(o.witness());
      if (o.failure() != null) {
        failures.put(o.witness(), o.failure());
      } else {
        Optional<String> line = verifiedLine(o.witness(), note, o.lines());
        if (line.isPresent()) {
          lines.put(o.witness(), line.get());
        } else {
          failures.put(
              o.witness(),
              new WitnessException(
                  Kind.BAD_RESPONSE,
                  o.witness()
                      + ": answered 200 but no line verifies against its key in the policy"));
        }
      }
      if (graceDeadline == Long.MAX_VALUE && policy.quorumHeldBy(lines.keySet())) {
        graceDeadline = System.nanoTime() + graceAfterQuorum.toNanos();
      }
    }
    for (var e : pending.entrySet()) {
      e.getValue().cancel(true);
      failures.put(
          e.getKey(),
          new WitnessException(
              Kind.TIMEOUT,
              e.getKey()
                  + ": no cosignature within "
                  + timeout.toMillis()
                  + " ms"
                  + (graceDeadline != Long.MAX_VALUE ? " (stopped waiting: quorum held)" : "")));
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
      return new Collected(result, failures);
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

  /** What one witness answered: its lines, or why not. */
  private record Outcome(String witness, List<String> lines, @Nullable WitnessException failure) {}

  private static Outcome ask(
      WitnessClient c,
      String note,
      Checkpoint checkpoint,
      long hint,
      ConsistencyProofSource proofs) {
    try {
      return new Outcome(c.name(), c.cosign(note, checkpoint, hint, proofs), null);
    } catch (WitnessException e) {
      return new Outcome(c.name(), List.of(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(
          c.name(), List.of(), new WitnessException(Kind.TIMEOUT, c.name() + ": cancelled"));
    } catch (RuntimeException e) {
      return new Outcome(
          c.name(), List.of(), new WitnessException(Kind.BAD_RESPONSE, 0, c.name() + ": " + e, e));
    }
  }

  private static Outcome result(Future<Outcome> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("ask() does not throw", e);
    }
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
