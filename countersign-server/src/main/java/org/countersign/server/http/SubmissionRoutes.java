package org.countersign.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.merkle.InclusionProof;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.log.tile.EntryBundle;
import org.countersign.server.ops.ServerMetrics;
import org.countersign.server.publish.PublishedCheckpoint;
import org.countersign.server.publish.PublishedLog;
import org.countersign.server.publish.Receipt;
import org.countersign.server.sequence.AlreadyLoggedException;
import org.countersign.server.sequence.Integrated;
import org.countersign.server.sequence.PushbackException;
import org.countersign.server.sequence.Sequencer;
import org.countersign.server.submit.AcceptedEntry;
import org.countersign.server.submit.Refusal;
import org.countersign.server.submit.StatementValidator;
import org.countersign.server.submit.SubmissionRefusedException;
import org.countersign.server.tiles.ProofSource;
import org.countersign.store.LogStore;
import org.countersign.store.StoreException;
import org.eclipse.jetty.http.BadMessageException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/statements} and {@code GET /api/v1/statements/<identity hex>}.
 *
 * <p>A submission's body is one signed note (the entry, at most 65,535 bytes). The answers:
 *
 * <ul>
 *   <li><b>201</b> integrated: {@code index}, {@code identity}, {@code leafHash}, the published
 *       {@code checkpoint}, the {@code inclusionProof} and the {@code receipt} (C2SP tlog-proof);
 *   <li><b>200</b> the same, for an entry that was already logged or in flight ({@code "duplicate":
 *       true}): the first copy's index, never a second entry;
 *   <li><b>202</b> queued but not yet integrated and published ({@code ?wait=false}, or integration
 *       and publication took longer than the server's integration timeout, for instance while the
 *       witnesses' quorum is not met): poll the {@code Location};
 *   <li><b>4xx</b> refused, nothing written; <b>503</b> overloaded (Retry-After), nothing written.
 * </ul>
 *
 * <p>A logged entry always gets its receipt back, even after its {@code issuedAt} has left the
 * clock-skew window: an entry the checks refuse is looked up in the store before the refusal is
 * answered, and one they pass meets the sequencer's duplicate check (store and in-flight batch).
 */
final class SubmissionRoutes implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SubmissionRoutes.class);
  static final String PATH = "/api/v1/statements";

  private final StatementValidator validator;
  private final Sequencer sequencer;
  private final LogStore store;
  private final PublishedLog published;
  private final ProofSource proofs;
  private final ServerMetrics metrics;
  private final Duration integrationTimeout;
  // One sweeping thread for the waits of all submissions, not a timer per waiting request.
  private final WaitDeadlines deadlines;
  // Bounds the submissions being checked or waiting for their batch. Taken only once the body is
  // in memory: a client that sends its body slowly holds a connection (capped per address, and
  // closed at the body deadline), never a permit (issue 13: 4,500 slow bodies held them all).
  private final Semaphore concurrent;
  // Bodies being read at once: each holds at most one entry of 64 KiB in memory.
  private final Semaphore reading;
  private final HttpLimits limits;
  private volatile @Nullable EscapedCheckpoint lastEscaped;

  SubmissionRoutes(
      StatementValidator validator,
      Sequencer sequencer,
      LogStore store,
      PublishedLog published,
      ProofSource proofs,
      ServerMetrics metrics,
      Duration integrationTimeout,
      int maxConcurrent,
      HttpLimits limits) {
    this.validator = validator;
    this.limits = limits;
    this.reading = new Semaphore(Math.max(maxConcurrent, limits.maxConnections()));
    this.concurrent = new Semaphore(maxConcurrent);
    this.sequencer = sequencer;
    this.store = store;
    this.published = published;
    this.proofs = proofs;
    this.metrics = metrics;
    this.integrationTimeout = integrationTimeout;
    this.deadlines = new WaitDeadlines(integrationTimeout);
  }

  /** Stops the deadline sweep; waits still running end as timed out (202). */
  @Override
  public void close() {
    deadlines.close();
  }

  void register(Javalin app) {
    app.post(PATH, this::submit);
    app.get(PATH + "/{identity}", this::poll);
  }

  private void submit(Context ctx) throws Exception {
    requireNoteContentType(ctx);
    byte[] body;
    if (!reading.tryAcquire()) {
      throw new PushbackException("too many request bodies being read", Duration.ofSeconds(1));
    }
    try {
      body = readBounded(ctx, limits);
    } catch (ApiException slowOrBroken) {
      // The rest of the body is still on its way: the connection cannot carry another request,
      // so it is closed once the refusal is written, and a slow client holds nothing afterwards.
      ctx.header("Connection", "close");
      throw slowOrBroken;
    } finally {
      reading.release();
    }
    if (!concurrent.tryAcquire()) {
      throw new PushbackException("too many submissions in progress", Duration.ofSeconds(1));
    }
    try {
      handle(ctx, body);
    } finally {
      concurrent.release();
    }
  }

  private void handle(Context ctx, byte[] body) throws Exception {
    long started = System.nanoTime();
    boolean wait = !"false".equals(ctx.queryParam("wait"));
    Hash identity = Hash.sha256(body);
    Hash leafHash = Rfc6962.leafHash(body);

    AcceptedEntry accepted;
    try {
      accepted = validator.validate(body, identity, leafHash);
    } catch (SubmissionRefusedException refused) {
      // Already logged? Answer with the first copy, whatever the statement checks now say (its
      // issuedAt may have left the clock window). Looked up only on refusal: an entry that passes
      // the checks meets the sequencer's own lookup.
      OptionalLong logged = store.indexOfIdentity(identity);
      if (logged.isPresent()) {
        answerLogged(ctx, identity, leafHash, logged.getAsLong(), 200, true);
        return;
      }
      throw refused;
    }
    // A submitter that waits is looked up with the rest of its batch, in one store read per batch
    // (issue 14); one that does not wait is told at once when its entry is already logged.
    Sequencer.Ticket ticket = wait ? sequencer.enqueue(accepted) : sequencer.submit(accepted);
    switch (ticket) {
      case Sequencer.AlreadyLogged already ->
          answerLogged(ctx, identity, leafHash, already.index(), 200, true);
      case Sequencer.Queued queued -> {
        if (!wait) {
          answerPending(ctx, identity);
          return;
        }
        awaitAndAnswer(ctx, identity, leafHash, queued.integrated(), queued.joined(), started);
      }
    }
  }

  private void awaitAndAnswer(
      Context ctx,
      Hash identity,
      Hash leafHash,
      CompletableFuture<Integrated> future,
      boolean joined,
      long started)
      throws Exception {
    long deadline = System.nanoTime() + integrationTimeout.toNanos();
    Integrated done;
    try {
      done = deadlines.bounded(future).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof WaitDeadlines.Expired) {
        answerPending(ctx, identity);
        return;
      }
      if (cause instanceof AlreadyLoggedException already) {
        answerLogged(ctx, identity, leafHash, already.index(), 200, true);
        return;
      }
      if (cause instanceof SubmissionRefusedException refused) {
        throw refused;
      }
      if (cause instanceof PushbackException pushback) {
        throw pushback;
      }
      metrics.submission("error");
      throw new PushbackException(
          "the batch holding this entry failed and nothing was written; submit again",
          Duration.ofSeconds(1));
    }
    // Durable is not yet published: with witnesses, the checkpoint is served only once a quorum
    // cosigned it. The receipt must lead to a checkpoint that readers can get, so wait for one.
    PublishedCheckpoint covering;
    long durable = System.nanoTime();
    try {
      covering =
          published.awaitSize(done.index() + 1, Duration.ofNanos(Math.max(0, deadline - durable)));
    } catch (TimeoutException e) {
      answerPending(ctx, identity, OptionalLong.of(done.index()));
      return;
    }
    long now = System.nanoTime();
    metrics.receipt(Duration.ofNanos(now - started), Duration.ofNanos(now - durable));
    answerReceipt(
        ctx, identity, done.index(), done.leafHash(), covering, joined ? 200 : 201, joined);
  }

  private void poll(Context ctx) throws Exception {
    Hash identity;
    try {
      identity = Hash.fromHex(ctx.pathParam("identity"));
    } catch (MalformedInputException e) {
      throw ApiException.badRequest(
          "identity must be 64 lowercase hex digits (SHA-256 of the entry)");
    }
    CompletableFuture<Integrated> f = sequencer.inFlight(identity);
    if (f != null && !f.isDone()) {
      pending(ctx, identity, OptionalLong.empty());
      return;
    }
    OptionalLong index = store.indexOfIdentity(identity);
    if (index.isEmpty()) {
      java.util.Optional<String> failure = sequencer.failure(identity);
      if (failure.isPresent()) {
        // Accepted (202) once, then its batch failed: say so, or the client believes it never
        // existed. 410: it is gone for good; submitting the same bytes again is safe.
        throw new ApiException(
            410,
            "failed",
            failure.get() + "; nothing was written, submit the same statement again");
      }
      throw ApiException.notFound("no entry with identity " + identity.hex());
    }
    PublishedCheckpoint c = published.current();
    if (index.getAsLong() >= c.size()) {
      pending(ctx, identity, index);
      return;
    }
    List<byte[]> entry = store.readEntries(index.getAsLong(), 1);
    if (entry.isEmpty()) {
      throw new StoreException("the store lacks entry " + index.getAsLong());
    }
    answerReceipt(ctx, identity, index.getAsLong(), Rfc6962.leafHash(entry.get(0)), c, 200, false);
  }

  /** Answers a logged entry once the published tree covers it. */
  private void answerLogged(
      Context ctx, Hash identity, Hash leafHash, long index, int status, boolean duplicate)
      throws Exception {
    PublishedCheckpoint c;
    try {
      c = published.awaitSize(index + 1, integrationTimeout);
    } catch (TimeoutException e) {
      answerPending(ctx, identity, OptionalLong.of(index));
      return;
    }
    answerReceipt(ctx, identity, index, leafHash, c, status, duplicate);
  }

  private void answerReceipt(
      Context ctx,
      Hash identity,
      long index,
      Hash leafHash,
      PublishedCheckpoint checkpoint,
      int status,
      boolean duplicate)
      throws IOException {
    InclusionProof proof = proofs.inclusion(index, checkpoint.size());
    byte[] body =
        receiptBody(identity, index, leafHash, proof.path(), escaped(checkpoint), duplicate);
    if (ctx.method().name().equals("POST")) {
      metrics.submission(duplicate ? "duplicate" : "integrated");
    }
    Json.sendBytes(ctx, status, body);
  }

  /**
   * The checkpoint's note as a JSON string, made once per published checkpoint: every submission of
   * a batch answers with the same one, and it appears twice in each answer (issue 14).
   */
  private EscapedCheckpoint escaped(PublishedCheckpoint checkpoint) {
    EscapedCheckpoint e = lastEscaped;
    if (e == null || !e.checkpoint().equals(checkpoint)) {
      e = new EscapedCheckpoint(checkpoint, Json.string(checkpoint.note()));
      lastEscaped = e;
    }
    return e;
  }

  /**
   * A published checkpoint with its note as a quoted, escaped JSON string, kept as UTF-8 bytes: the
   * note's signature lines begin with an em dash, so building the answer as a Java string made it
   * UTF-16 and encoded it again per request (issue 14).
   */
  static final class EscapedCheckpoint {
    private final PublishedCheckpoint checkpoint;
    private final byte[] noteJson;

    EscapedCheckpoint(PublishedCheckpoint checkpoint, String noteJson) {
      this.checkpoint = checkpoint;
      this.noteJson = noteJson.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    PublishedCheckpoint checkpoint() {
      return checkpoint;
    }
  }

  /**
   * The 201/200 answer's body: the bytes Jackson writes for the object {@code status, index,
   * identity, leafHash, duplicate, treeSize, checkpoint, inclusionProof, receipt} (in that order),
   * written around the checkpoint's note escaped once. Hex, base64, numbers and the receipt's own
   * lines are ASCII and need no escaping but their newlines.
   */
  static byte[] receiptBody(
      Hash identity,
      long index,
      Hash leafHash,
      List<Hash> path,
      EscapedCheckpoint checkpoint,
      boolean duplicate) {
    // Checks the receipt's invariants (index within the tree, the note's final newline).
    Receipt receipt =
        new Receipt(
            index, checkpoint.checkpoint().size(), leafHash, path, checkpoint.checkpoint().note());
    byte[] note = checkpoint.noteJson;
    List<String> hashes = new java.util.ArrayList<>(path.size());
    for (Hash h : receipt.inclusionProof()) {
      hashes.add(h.base64());
    }
    Ascii b = new Ascii(2 * note.length + 320 + 100 * hashes.size());
    b.append("{\"status\":\"integrated\",\"index\":").append(index);
    b.append(",\"identity\":\"").append(identity.hex());
    b.append("\",\"leafHash\":\"").append(leafHash.base64());
    b.append("\",\"duplicate\":").append(duplicate ? "true" : "false");
    b.append(",\"treeSize\":").append(receipt.treeSize());
    b.append(",\"checkpoint\":").append(note, 0);
    b.append(",\"inclusionProof\":[");
    for (int i = 0; i < hashes.size(); i++) {
      b.append(i == 0 ? "\"" : ",\"").append(hashes.get(i)).append("\"");
    }
    // The receipt's text (Receipt.text()) as a JSON string: its lines, then the note verbatim.
    b.append("],\"receipt\":\"").append(Receipt.HEADER).append("\\nindex ").append(index);
    b.append("\\n");
    for (String h : hashes) {
      b.append(h).append("\\n");
    }
    b.append("\\n").append(note, 1).append("}");
    return b.bytes();
  }

  /** A growing byte buffer for ASCII text and bytes already encoded. */
  private static final class Ascii {
    private byte[] buf;
    private int len;

    Ascii(int capacity) {
      buf = new byte[capacity];
    }

    private void room(int n) {
      if (len + n > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(2 * buf.length, len + n));
      }
    }

    /** Appends {@code s}, which must be ASCII. */
    Ascii append(String s) {
      int n = s.length();
      room(n);
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {
          throw new IllegalArgumentException("not ASCII: " + s);
        }
        buf[len++] = (byte) c;
      }
      return this;
    }

    Ascii append(long n) {
      return append(Long.toString(n));
    }

    /** Appends {@code bytes} from {@code from} on. */
    Ascii append(byte[] bytes, int from) {
      int n = bytes.length - from;
      room(n);
      System.arraycopy(bytes, from, buf, len, n);
      len += n;
      return this;
    }

    byte[] bytes() {
      return java.util.Arrays.copyOf(buf, len);
    }
  }

  private void answerPending(Context ctx, Hash identity) {
    answerPending(ctx, identity, OptionalLong.empty());
  }

  private void answerPending(Context ctx, Hash identity, OptionalLong index) {
    metrics.submission("accepted");
    pending(ctx, identity, index);
  }

  /**
   * 202 with where to poll; {@code index} once the entry is sequenced (durable, not yet covered by
   * a published checkpoint), so that a client can tell its user at once where the entry is.
   */
  private void pending(Context ctx, Hash identity, OptionalLong index) {
    String poll = PATH + "/" + identity.hex();
    ObjectNode body = Json.object();
    body.put("status", "pending");
    body.put("identity", identity.hex());
    if (index.isPresent()) {
      body.put("index", index.getAsLong());
      body.put("publishedSize", published.current().size());
    }
    body.put("poll", poll);
    ctx.header("Location", poll);
    ctx.header("Retry-After", "1");
    Json.send(ctx, 202, body);
  }

  /**
   * A statement is a signed note: {@code text/plain}, UTF-8. A form post or JSON body is a client
   * mistake to name, not a note to parse.
   */
  private static void requireNoteContentType(Context ctx) {
    String type = ctx.header("Content-Type");
    if (type != null) {
      String[] parts = type.split(";", -1);
      boolean text = parts[0].strip().equalsIgnoreCase("text/plain");
      boolean utf8 = true;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].strip().toLowerCase(java.util.Locale.ROOT);
        if (p.startsWith("charset=")) {
          String cs = p.substring("charset=".length()).replace("\"", "");
          utf8 = cs.equals("utf-8") || cs.equals("utf8");
        }
      }
      if (text && utf8) {
        return;
      }
    }
    throw new ApiException(
        415,
        "unsupported-media-type",
        "a statement is one signed note sent as Content-Type: text/plain; charset=utf-8, got "
            + (type == null
                ? "no Content-Type"
                : "\"" + type.replaceAll("\\p{Cntrl}", "?") + "\""));
  }

  /**
   * Reads the body, refusing more than one entry's worth without keeping it, and a body that takes
   * longer than the body deadline (Jetty refuses one below the minimum rate by itself, and a single
   * read blocks at most the idle timeout).
   */
  static byte[] readBounded(Context ctx, HttpLimits limits)
      throws IOException, SubmissionRefusedException {
    long declared = ctx.req().getContentLengthLong();
    long deadline = System.nanoTime() + limits.bodyDeadline().toNanos();
    if (declared > EntryBundle.MAX_ENTRY_SIZE) {
      if (declared <= RefusedBodies.DRAIN_LIMIT) {
        RefusedBodies.drain(ctx, declared, deadline);
      }
      throw tooLarge(Long.toString(declared));
    }
    byte[] buffer = new byte[declared > 0 ? (int) declared + 1 : 8192];
    int length = 0;
    try (InputStream in = ctx.req().getInputStream()) {
      while (true) {
        if (System.nanoTime() - deadline > 0) {
          throw new ApiException(
              408,
              "body-too-slow",
              "the request body took longer than "
                  + limits.bodyDeadline().toSeconds()
                  + " s to arrive");
        }
        if (length == buffer.length) {
          if (buffer.length > EntryBundle.MAX_ENTRY_SIZE) {
            break;
          }
          buffer =
              java.util.Arrays.copyOf(
                  buffer, Math.min(buffer.length * 2, EntryBundle.MAX_ENTRY_SIZE + 1));
        }
        int n = in.read(buffer, length, buffer.length - length);
        if (n < 0) {
          break;
        }
        length += n;
      }
    } catch (BadMessageException e) {
      // Jetty's minimum data rate (408), or a broken chunked encoding (400).
      throw new ApiException(
          e.getCode(),
          e.getCode() == 408 ? "body-too-slow" : "bad-body",
          "the request body "
              + (e.getCode() == 408
                  ? "arrived slower than " + limits.minBodyRate() + " bytes/s"
                  : "is malformed: " + e.getReason()));
    } catch (IOException e) {
      // The idle timeout of one read, or the client went away: nothing was taken yet.
      throw new ApiException(
          408, "body-too-slow", "the request body could not be read: " + e.getMessage());
    }
    if (length > EntryBundle.MAX_ENTRY_SIZE) {
      // A body without a declared length: the rest, within the bound, is drained as above.
      RefusedBodies.drain(ctx, RefusedBodies.DRAIN_LIMIT - length, deadline);
      throw tooLarge("more than " + EntryBundle.MAX_ENTRY_SIZE);
    }
    if (length == 0) {
      throw new SubmissionRefusedException(
          Refusal.MALFORMED_NOTE, "the request body is empty; send one signed note");
    }
    log.debug("event=submission_received bytes={}", length);
    return java.util.Arrays.copyOf(buffer, length);
  }

  private static SubmissionRefusedException tooLarge(String got) {
    return new SubmissionRefusedException(
        Refusal.ENTRY_TOO_LARGE,
        "an entry holds at most "
            + EntryBundle.MAX_ENTRY_SIZE
            + " bytes (C2SP tlog-tiles), got "
            + got);
  }
}
