package org.countersign.server.witness;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.VerifierKey;
import org.countersign.witness.evidence.EvidenceException;
import org.countersign.witness.evidence.EvidenceVerifier;
import org.countersign.witness.evidence.SplitViewEvidence;
import org.countersign.witness.evidence.SplitViewFinding;
import org.countersign.witness.policy.PolicyWitness;
import org.jspecify.annotations.Nullable;

/**
 * The split-view evidence this log's witnesses hold about it, gathered by the log server so that
 * readers (the portal, whose Content-Security-Policy lets it call only its own server) can see it
 * through the log's public API.
 *
 * <p>Each witness of the policy with a URL serves {@code GET <url>/evidence} (the names of its
 * evidence files) and {@code GET <url>/evidence/<name>} (one {@code
 * countersign/split-view-evidence/v1} file). The server fetches them, keeps the files about this
 * log (by its verifier key) and judges each with {@link EvidenceVerifier}: a conclusive file proves
 * that the log signed two histories, whoever relays it, so relaying it through the accused server
 * costs nothing in trust (a server cannot forge a conclusive file against another key, and a reader
 * re-checks any file offline with {@code countersign evidence verify}). A server could hide
 * evidence, which is why the witnesses' own endpoints stay the primary source.
 *
 * <p>Bounded: at most {@link #MAX_FILES} files per witness, each at most {@link
 * SplitViewEvidence#MAX_BYTES}, each request with a timeout; one gathering at a time, its result
 * kept for {@link #FRESH}, so that callers never queue behind the witnesses.
 */
public final class WitnessEvidence {
  /** The most evidence files read from one witness per gathering. */
  public static final int MAX_FILES = 20;

  /** How long a gathering's result is served before the next one. */
  public static final Duration FRESH = Duration.ofSeconds(30);

  /** The JSON format name. */
  public static final String FORMAT = "countersign-witness-evidence/v1";

  private static final Pattern NAME =
      Pattern.compile("(split-view|unproven|rollback)-[0-9a-f]{32}\\.txt");

  private final List<PolicyWitness> witnesses;
  private final String logKey;
  private final InstantSource clock;
  private final Duration timeout;
  private final HttpClient http;
  private final ReentrantLock gathering = new ReentrantLock();
  private volatile @Nullable Gathered last;

  private record Gathered(Instant at, String json) {}

  /**
   * Gathers from {@code witnesses} (those without a URL are listed as unreachable) evidence about
   * the log with verifier key {@code logKey}.
   */
  public WitnessEvidence(
      List<PolicyWitness> witnesses, String logKey, InstantSource clock, Duration timeout) {
    this.witnesses = List.copyOf(witnesses);
    this.logKey = logKey;
    this.clock = clock;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * The evidence as canonical-order JSON ({@value #FORMAT}): gathered now, or the last gathering if
   * it is fresh or another one is running.
   */
  public String json() throws InterruptedException {
    Gathered g = last;
    Instant now = clock.instant();
    if (g != null && g.at().plus(FRESH).isAfter(now)) {
      return g.json();
    }
    if (!gathering.tryLock()) {
      if (g != null) {
        return g.json();
      }
      gathering.lockInterruptibly();
    }
    try {
      g = last;
      if (g != null && g.at().plus(FRESH).isAfter(clock.instant())) {
        return g.json();
      }
      Gathered fresh = new Gathered(clock.instant(), gather(clock.instant()));
      last = fresh;
      return fresh.json();
    } finally {
      gathering.unlock();
    }
  }

  private String gather(Instant at) throws InterruptedException {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("format", FORMAT);
    root.put("logVerifierKey", logKey);
    root.put("gatheredAt", at.toString());
    root.put("configured", true);
    ArrayNode list = root.putArray("witnesses");
    Optional<VerifierKey> trusted;
    try {
      trusted = Optional.of(VerifierKey.parse(logKey));
    } catch (MalformedInputException e) {
      throw new IllegalStateException("the log's own verifier key does not parse", e);
    }
    // One slow witness must not hold the reader for long: past the deadline, files are skipped.
    Instant deadline = clock.instant().plus(timeout.multipliedBy(3));
    for (PolicyWitness w : witnesses) {
      ObjectNode o = list.addObject();
      o.put("name", w.name());
      ArrayNode files = o.putArray("evidence");
      if (w.url().isEmpty()) {
        o.put("reached", false);
        o.put("problem", "the witness policy gives this witness no URL");
        continue;
      }
      String base = w.url().get().toString();
      base = base.endsWith("/") ? base : base + "/";
      o.put("url", base + "evidence");
      List<String> names;
      try {
        names =
            get(base + "evidence")
                .lines()
                .map(String::strip)
                .filter(n -> NAME.matcher(n).matches())
                .toList();
      } catch (IOException e) {
        o.put("reached", false);
        o.put("problem", e.getMessage());
        continue;
      }
      o.put("reached", true);
      o.put("files", names.size());
      int read = 0;
      for (String name : names) {
        if (read++ >= MAX_FILES || clock.instant().isAfter(deadline)) {
          o.put("truncated", true);
          break;
        }
        String text;
        try {
          text = get(base + "evidence/" + name);
        } catch (IOException e) {
          ObjectNode n = files.addObject();
          n.put("name", name);
          n.put("verdict", "unreadable");
          n.put("detail", e.getMessage());
          continue;
        }
        judge(files, name, text, trusted);
      }
    }
    return org.countersign.treaty.json.CanonicalJson.canonicalize(root);
  }

  private static void judge(
      ArrayNode files, String name, String text, Optional<VerifierKey> trusted) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("name", name);
    try {
      SplitViewFinding finding = EvidenceVerifier.verify(bytes, trusted);
      n.put("verdict", "conclusive");
      n.put("kind", finding.kind().name());
      n.put("detail", finding.explanation());
      n.put("firstSize", finding.first().size());
      n.put("firstRoot", finding.first().root().base64());
      n.put("secondSize", finding.second().size());
      n.put("secondRoot", finding.second().root().base64());
    } catch (EvidenceException e) {
      if (e.reason() == EvidenceException.Reason.WRONG_LOG) {
        return; // about another log this witness also witnesses
      }
      n.put("verdict", "not-conclusive");
      n.put("kind", e.reason().name());
      n.put("detail", e.getMessage());
    }
    n.put("file", text);
    files.add(n);
  }

  private String get(String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IllegalArgumentException e) {
      throw new IOException("bad URL " + url, e);
    }
    try (InputStream in = response.body()) {
      byte[] body = in.readNBytes(SplitViewEvidence.MAX_BYTES + 1);
      if (response.statusCode() != 200) {
        throw new IOException(url + " answered HTTP " + response.statusCode());
      }
      if (body.length > SplitViewEvidence.MAX_BYTES) {
        throw new IOException(url + " is larger than " + SplitViewEvidence.MAX_BYTES + " bytes");
      }
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** The answer of a server with no witnesses configured. */
  public static String none(String logKey) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format", FORMAT);
    root.put("logVerifierKey", logKey);
    root.put("configured", false);
    root.putArray("witnesses");
    return org.countersign.treaty.json.CanonicalJson.canonicalize(root);
  }
}
