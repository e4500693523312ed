package org.countersign.witness.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.witness.client.WitnessException.Kind;

/**
 * Asks one witness to cosign checkpoints (C2SP tlog-witness v1.0.0 {@code add-checkpoint}).
 *
 * <p>The client remembers the size the witness last cosigned (as far as it knows) and sends the
 * consistency proof from there. When the witness answers 409 with {@code text/x.tlog.size}, it
 * takes the witness's size and retries with the proof from that size, at most {@value
 * #MAX_ATTEMPTS} times in all. It returns the cosignature lines unverified: which lines count is
 * the caller's policy (see {@link QuorumCollector}).
 *
 * <p>Uses {@link java.net.http.HttpClient}, which keeps HTTP/1.1 connections alive between requests
 * as the spec recommends; share one {@code HttpClient} among many witness clients. Thread-safe, but
 * concurrent calls for one witness just race through its 409s.
 */
public final class WitnessClient {
  /** Attempts per checkpoint: the first, and up to two after a 409 with the witness's size. */
  public static final int MAX_ATTEMPTS = 3;

  /** Cap on a response body: a few cosignature lines. */
  static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private static final long UNKNOWN = -1;

  private final String name;
  private final URI addCheckpoint;
  private final HttpClient http;
  private final Duration timeout;
  private final AtomicLong knownSize = new AtomicLong(UNKNOWN);

  /**
   * A client for the witness at {@code submissionPrefix}.
   *
   * @param name how the witness is called in messages (its policy name)
   * @param submissionPrefix the witness's submission prefix, an {@code http:} or {@code https:} URL
   * @param http the shared HTTP client
   * @param timeout the limit for each request
   */
  public WitnessClient(String name, URI submissionPrefix, HttpClient http, Duration timeout) {
    String s = submissionPrefix.toString();
    this.name = name;
    this.addCheckpoint = URI.create(s.endsWith("/") ? s + "add-checkpoint" : s + "/add-checkpoint");
    this.http = http;
    this.timeout = timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  /** The witness's name as given. */
  public String name() {
    return name;
  }

  /** The size this client believes the witness last cosigned, if it has learned it. */
  public OptionalLong knownSize() {
    long k = knownSize.get();
    return k == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(k);
  }

  /**
   * Asks the witness to cosign {@code checkpoint}, whose signed note is {@code signedNote}.
   *
   * @param sizeHint the size to assume the witness has, if this client has not learned it yet (for
   *     example the size of the last checkpoint the log published with a quorum)
   * @param proofs the source of consistency proofs for this log
   * @return the response's signature lines, each {@code "— name base64\n"}, not yet verified
   * @throws WitnessException if the witness does not cosign, with why
   * @throws InterruptedException if interrupted while waiting
   */
  public List<String> cosign(
      String signedNote, Checkpoint checkpoint, long sizeHint, ConsistencyProofSource proofs)
      throws WitnessException, InterruptedException {
    long size = checkpoint.size();
    OptionalLong known = knownSize();
    long old;
    if (known.isPresent()) {
      old = known.getAsLong();
      if (old > size) {
        throw new WitnessException(
            Kind.CONFLICT,
            0,
            name + ": has cosigned size " + old + ", larger than this checkpoint's " + size,
            null);
      }
    } else {
      // A hint above this checkpoint is not about this witness: ask from 0 and learn from the 409.
      old = sizeHint > size ? 0 : Math.max(0, sizeHint);
    }
    for (int attempt = 1; ; attempt++) {
      List<Hash> proof;
      try {
        proof = old == 0 || old == size ? List.of() : proofs.proof(old, size);
      } catch (IOException e) {
        throw new WitnessException(
            Kind.BAD_RESPONSE,
            0,
            name
                + ": cannot make the consistency proof from "
                + old
                + " to "
                + size
                + ": "
                + e.getMessage(),
            e);
      }
      HttpResponse<byte[]> r = post(old, proof, signedNote);
      String body = new String(r.body(), StandardCharsets.UTF_8);
      if (r.statusCode() == 200) {
        List<String> lines = signatureLines(body);
        knownSize.set(size);
        return lines;
      }
      if (r.statusCode() == 409 && isSizeBody(r)) {
        long witnessSize = parseSize(body);
        knownSize.set(witnessSize);
        if (witnessSize > size) {
          throw new WitnessException(
              Kind.CONFLICT,
              409,
              name
                  + ": has cosigned size "
                  + witnessSize
                  + ", larger than this checkpoint's "
                  + size
                  + "; it will not cosign a smaller tree",
              null);
        }
        if (witnessSize == old || attempt >= MAX_ATTEMPTS) {
          throw new WitnessException(
              Kind.REFUSED,
              409,
              name
                  + ": still reports size "
                  + witnessSize
                  + " after "
                  + attempt
                  + " attempts (sent old "
                  + old
                  + ")",
              null);
        }
        old = witnessSize;
        continue;
      }
      if (r.statusCode() == 409) {
        throw new WitnessException(
            Kind.CONFLICT,
            409,
            name
                + ": refused as conflicting with what it cosigned (a split view?): "
                + abbreviate(body),
            null);
      }
      throw new WitnessException(
          Kind.REFUSED,
          r.statusCode(),
          name + ": refused with HTTP " + r.statusCode() + ": " + abbreviate(body),
          null);
    }
  }

  private HttpResponse<byte[]> post(long old, List<Hash> proof, String signedNote)
      throws WitnessException, InterruptedException {
    StringBuilder b = new StringBuilder("old ").append(old).append('\n');
    proof.forEach(h -> b.append(h.base64()).append('\n'));
    b.append('\n').append(signedNote);
    HttpRequest request =
        HttpRequest.newBuilder(addCheckpoint)
            .timeout(timeout)
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(b.toString(), StandardCharsets.UTF_8))
            .build();
    HttpResponse<byte[]> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new WitnessException(
          Kind.TIMEOUT, 0, name + ": no answer within " + timeout.toMillis() + " ms", e);
    } catch (ConnectException e) {
      throw new WitnessException(
          Kind.UNREACHABLE, 0, name + ": cannot connect to " + addCheckpoint + ": " + e, e);
    } catch (IOException e) {
      throw new WitnessException(
          Kind.UNREACHABLE, 0, name + ": " + addCheckpoint + " failed: " + e, e);
    }
    if (r.body().length > MAX_RESPONSE_BYTES) {
      throw new WitnessException(
          Kind.BAD_RESPONSE, name + ": response of " + r.body().length + " bytes is over the cap");
    }
    return r;
  }

  private static boolean isSizeBody(HttpResponse<byte[]> r) {
    return r.headers()
        .firstValue("Content-Type")
        .map(t -> t.strip().toLowerCase(java.util.Locale.ROOT).startsWith("text/x.tlog.size"))
        .orElse(false);
  }

  private long parseSize(String body) throws WitnessException {
    if (!body.matches("(0|[1-9][0-9]{0,18})\n")) {
      throw new WitnessException(
          Kind.BAD_RESPONSE, name + ": 409 body is not a tree size: " + abbreviate(body));
    }
    try {
      return Long.parseLong(body.strip());
    } catch (NumberFormatException e) {
      throw new WitnessException(
          Kind.BAD_RESPONSE, name + ": 409 size out of range: " + abbreviate(body));
    }
  }

  /** Splits a 200 body into signature lines; each must start with the em dash and a space. */
  private List<String> signatureLines(String body) throws WitnessException {
    if (body.isEmpty() || !body.endsWith("\n")) {
      throw new WitnessException(
          Kind.BAD_RESPONSE, name + ": 200 body is not signature lines: " + abbreviate(body));
    }
    List<String> lines = new ArrayList<>();
    for (String line : body.substring(0, body.length() - 1).split("\n", -1)) {
      if (!line.startsWith("\u2014 ")) {
        throw new WitnessException(
            Kind.BAD_RESPONSE,
            name + ": 200 body line is not a signature line: " + abbreviate(line));
      }
      lines.add(line + "\n");
    }
    return lines;
  }

  private static String abbreviate(String s) {
    String one = s.strip().replaceAll("\\p{Cntrl}", " ");
    return one.length() <= 200 ? "\"" + one + "\"" : "\"" + one.substring(0, 197) + "...\"";
  }

  @Override
  public String toString() {
    return "WitnessClient[" + name + " " + addCheckpoint + "]";
  }
}
