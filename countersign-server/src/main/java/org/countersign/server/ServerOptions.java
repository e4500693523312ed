package org.countersign.server;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.countersign.crypto.Ed25519Provider;
import org.countersign.objectstore.BucketLocation;
import org.countersign.server.http.HttpLimits;
import org.countersign.server.sequence.Sequencer;
import org.countersign.server.witness.WitnessingOptions;
import org.countersign.treaty.model.Party;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.treaty.protocol.WitnessRoles;
import org.countersign.witness.policy.WitnessPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link LogServer} needs to start, validated once.
 *
 * <p>Built only through {@link #builder()}: the builder refuses a field set twice and {@link
 * Builder#build()} refuses an incomplete or out-of-range configuration with a message that names
 * the field and the offending value, so that a misconfigured server fails at start rather than
 * under load. Every default is chosen for a single machine with the embedded store:
 *
 * <ul>
 *   <li>host {@code 127.0.0.1}, port {@code 8080} (0 asks the OS for an ephemeral port);
 *   <li>batches of at most 1,024 entries or 100 ms, whichever comes first;
 *   <li>at most 4,096 submissions pending; beyond that the server answers 503 with Retry-After.
 *       Since an entry is at most 65,535 bytes, the pending queue holds at most 256 MiB;
 *   <li>a clock-skew window of ±10 minutes around the server's clock for a statement's {@code
 *       issuedAt};
 *   <li>a submitter waits at most 30 s for integration before it is told to poll instead.
 * </ul>
 *
 * @param dataDir directory holding the log key ({@code log.key}) and, without PostgreSQL, the
 *     SQLite database; created if absent
 * @param host interface to listen on
 * @param port TCP port, 0 for an ephemeral one
 * @param postgresUrl JDBC URL of a PostgreSQL database to use instead of the embedded SQLite store
 * @param treatyId the treaty this log serves; every statement must name it
 * @param participants the treaty's participant ids allowed to author statements; empty when the
 *     server runs without a treaty file, in which case any author with an agreed first key may
 *     register it
 * @param origin the log's origin line and key name; defaults to {@code countersign.local/<treaty>}
 * @param batchMaxSize most entries integrated under one checkpoint
 * @param batchMaxDelay longest time the first entry of a batch waits for company
 * @param maxPending most submissions queued for the sequencer before new ones are pushed back
 * @param clockSkew how far {@code issuedAt} may lie before or after the server's clock
 * @param integrationTimeout longest a waiting submitter is held before being answered 202 + poll
 *     URL
 * @param clock the server's time (checkpoints carry none, but skew checks do)
 * @param random source for the log key, used once on first start
 * @param witnessing the witnesses and their quorum policy; when present, a checkpoint is published
 *     only once the quorum cosigned it (see {@code org.countersign.server.witness.QuorumPublisher})
 * @param negotiation whether this is a negotiation log (see {@link Builder#negotiation()})
 * @param ed25519 the Ed25519 implementation that checks party signatures on submissions; both
 *     decide alike (see {@code org.countersign.crypto}), BouncyCastle is faster and the default
 *     unless the {@code countersign.ed25519} system property says {@code jdk}
 * @param insecureForkForTests INSECURE, FOR TESTS ONLY: adds routes that make the log sign and send
 *     a conflicting checkpoint to its witnesses (see {@code
 *     org.countersign.server.witness.InsecureForkForTests}); requires witnessing
 * @param httpLimits connection caps, timeouts and minimum body rate of the HTTP server
 * @param treaty the treaty file, when the server has one: statements are then checked against it at
 *     submission ({@code Admission}) and the server keeps and serves its compliance report; its id
 *     and participants are {@code treatyId} and {@code participants}
 * @param bucket S3-compatible object storage the read path is also published to (tiles and entry
 *     bundles, then the checkpoint; see {@code org.countersign.objectstore.BucketMirror})
 * @param firstKeys each participant's first key, agreed outside the log (the key ceremony's file):
 *     a first registration must register exactly that key; {@link FirstKeys#none()} (the default)
 *     admits no first key at all, since nothing is trusted on first use
 */
public record ServerOptions(
    Path dataDir,
    String host,
    int port,
    Optional<String> postgresUrl,
    String treatyId,
    Set<String> participants,
    String origin,
    int batchMaxSize,
    Duration batchMaxDelay,
    int maxPending,
    Duration clockSkew,
    Duration integrationTimeout,
    InstantSource clock,
    SecureRandom random,
    Optional<Treaty> treaty,
    Optional<WitnessingOptions> witnessing,
    boolean insecureForkForTests,
    Ed25519Provider ed25519,
    HttpLimits httpLimits,
    boolean negotiation,
    Optional<BucketLocation> bucket,
    FirstKeys firstKeys) {

  /** The largest batch accepted ({@link Sequencer#MAX_BATCH_SIZE}). */
  public static final int MAX_BATCH_SIZE = Sequencer.MAX_BATCH_SIZE;

  private static final Pattern TREATY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  // C2SP signed-note key names: non-empty, no Unicode spaces, no '+'.
  private static final Pattern ORIGIN = Pattern.compile("[\\x21-\\x2a\\x2c-\\x7e]{1,255}");

  /** Validates every field; see {@link Builder#build()} for the rules. */
  public ServerOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(postgresUrl, "postgresUrl");
    Objects.requireNonNull(treatyId, "treatyId");
    participants = Set.copyOf(participants);
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(batchMaxDelay, "batchMaxDelay");
    Objects.requireNonNull(clockSkew, "clockSkew");
    Objects.requireNonNull(integrationTimeout, "integrationTimeout");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(witnessing, "witnessing");
    Objects.requireNonNull(treaty, "treaty");
    Objects.requireNonNull(ed25519, "ed25519");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(firstKeys, "firstKeys");
    require(!host.isBlank(), "host must not be blank");
    require(port >= 0 && port <= 65_535, "port must be in 0..65535, got " + port);
    postgresUrl.ifPresent(
        url ->
            require(
                url.startsWith("jdbc:postgresql:")
                    || url.startsWith("postgresql:")
                    || url.startsWith("postgres:"),
                "postgres URL must start with jdbc:postgresql:, postgresql: or postgres:, got "
                    + redact(url)));
    require(
        TREATY_ID.matcher(treatyId).matches(),
        "treaty id must be lowercase letters, digits and hyphens (max 64), got \""
            + treatyId
            + "\"");
    require(
        ORIGIN.matcher(origin).matches(),
        "origin must be 1..255 printable ASCII characters without spaces or '+', got \""
            + origin
            + "\"");
    require(
        batchMaxSize >= 1 && batchMaxSize <= MAX_BATCH_SIZE,
        "batch max size must be in 1.." + MAX_BATCH_SIZE + ", got " + batchMaxSize);
    require(
        !batchMaxDelay.isNegative() && batchMaxDelay.compareTo(Duration.ofSeconds(10)) <= 0,
        "batch max delay must be in 0..10 s, got " + batchMaxDelay.toMillis() + " ms");
    require(
        maxPending >= 1 && maxPending <= 1_000_000,
        "max pending must be in 1..1000000, got " + maxPending);
    require(
        clockSkew.compareTo(Duration.ofSeconds(1)) >= 0
            && clockSkew.compareTo(Duration.ofDays(1)) <= 0,
        "clock skew window must be in 1 s..1 day, got " + clockSkew);
    require(
        integrationTimeout.compareTo(Duration.ofMillis(1)) >= 0
            && integrationTimeout.compareTo(Duration.ofMinutes(10)) <= 0,
        "integration timeout must be in 1 ms..10 min, got " + integrationTimeout);
    if (!participants.isEmpty()) {
      for (String p : firstKeys.keys().keySet()) {
        require(
            participants.contains(p),
            "the first-keys file names \""
                + p
                + "\", who is not a participant of "
                + treatyId
                + " "
                + new java.util.TreeSet<>(participants));
      }
    }
    require(
        !insecureForkForTests || witnessing.isPresent(),
        "insecureForkForTests needs witnessing: the fork is sent to the witnesses");
    if (treaty.isPresent() && witnessing.isPresent()) {
      // The treaty says who witnesses its log; a policy that ignores them is refused at start.
      WitnessPolicy policy = witnessing.get().policy();
      var quorum = new java.util.TreeSet<String>();
      policy.quorumWitnesses().forEach(w -> quorum.add(w.name()));
      WitnessRoles.require(treaty.get(), policy.witnesses().keySet(), quorum);
    }
  }

  /** A builder with the defaults listed above; only the data directory is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The origin used when none is configured: {@code countersign.local/<treaty id>}. */
  public static String defaultOrigin(String treatyId) {
    return "countersign.local/" + treatyId;
  }

  /** The file holding the log's signing key, inside the data directory. */
  public Path logKeyFile() {
    return dataDir.resolve("log.key");
  }

  /** A copy with another port: tests restart a server on the port it had. */
  public ServerOptions withPort(int newPort) {
    return new ServerOptions(
        dataDir,
        host,
        newPort,
        postgresUrl,
        treatyId,
        participants,
        origin,
        batchMaxSize,
        batchMaxDelay,
        maxPending,
        clockSkew,
        integrationTimeout,
        clock,
        random,
        treaty,
        witnessing,
        insecureForkForTests,
        ed25519,
        httpLimits,
        negotiation,
        bucket,
        firstKeys);
  }

  /** The URL without credentials, for logs and error messages. */
  static String redact(String url) {
    return url.replaceAll("(password=)[^&]*", "$1***").replaceAll("//[^/@]*@", "//***@");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * Collects options; each setter may be called once. Unset fields take the documented defaults.
   */
  public static final class Builder {
    private final Set<String> set = new HashSet<>();
    private @Nullable Path dataDir;
    private FirstKeys firstKeys = FirstKeys.none();
    private String host = "127.0.0.1";
    private int port = 8080;
    private @Nullable String postgresUrl;
    private String treatyId = "new-start";
    private Set<String> participants = Set.of();
    private @Nullable String origin;
    private int batchMaxSize = 1024;
    private Duration batchMaxDelay = Duration.ofMillis(100);
    private int maxPending = 4096;
    private HttpLimits httpLimits = HttpLimits.DEFAULTS;
    private Duration clockSkew = Duration.ofMinutes(10);
    private Duration integrationTimeout = Duration.ofSeconds(30);
    private InstantSource clock = InstantSource.system();
    private @Nullable SecureRandom random;
    private @Nullable WitnessingOptions witnessing;
    private boolean insecureForkForTests;
    private boolean negotiation;
    private @Nullable BucketLocation bucket;

    /**
     * Serves a negotiation log: its statements name {@code treatyId} (the negotiation id), its
     * participants are the negotiating parties, and each statement is checked at submission against
     * the negotiation's record ({@code NegotiationRecord}) instead of a treaty file. Excludes
     * {@link #treaty}.
     */
    public Builder negotiation() {
      once("negotiation");
      negotiation = true;
      return this;
    }

    private @Nullable Ed25519Provider ed25519;
    private @Nullable Treaty treaty;

    private Builder() {}

    private void once(String field) {
      if (!set.add(field)) {
        throw new IllegalStateException(field + " is already set");
      }
    }

    public Builder dataDir(Path value) {
      once("dataDir");
      dataDir = Objects.requireNonNull(value, "dataDir");
      return this;
    }

    public Builder host(String value) {
      once("host");
      host = Objects.requireNonNull(value, "host");
      return this;
    }

    public Builder port(int value) {
      once("port");
      port = value;
      return this;
    }

    /** Use PostgreSQL at this JDBC URL instead of SQLite in the data directory. */
    public Builder postgresUrl(String value) {
      once("postgresUrl");
      postgresUrl = Objects.requireNonNull(value, "postgresUrl");
      return this;
    }

    public Builder treatyId(String value) {
      once("treatyId");
      treatyId = Objects.requireNonNull(value, "treatyId");
      return this;
    }

    /** The participants (from the treaty file) allowed to author statements; empty: anyone. */
    public Builder participants(Set<String> value) {
      once("participants");
      participants = Set.copyOf(value);
      return this;
    }

    /** The log's origin and key name; see C2SP tlog-checkpoint (a schema-less URL is advised). */
    public Builder origin(String value) {
      once("origin");
      origin = Objects.requireNonNull(value, "origin");
      return this;
    }

    public Builder batchMaxSize(int value) {
      once("batchMaxSize");
      batchMaxSize = value;
      return this;
    }

    public Builder batchMaxDelay(Duration value) {
      once("batchMaxDelay");
      batchMaxDelay = Objects.requireNonNull(value, "batchMaxDelay");
      return this;
    }

    public Builder maxPending(int value) {
      once("maxPending");
      maxPending = value;
      return this;
    }

    public Builder clockSkew(Duration value) {
      once("clockSkew");
      clockSkew = Objects.requireNonNull(value, "clockSkew");
      return this;
    }

    public Builder integrationTimeout(Duration value) {
      once("integrationTimeout");
      integrationTimeout = Objects.requireNonNull(value, "integrationTimeout");
      return this;
    }

    public Builder clock(InstantSource value) {
      once("clock");
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public Builder random(SecureRandom value) {
      once("random");
      random = Objects.requireNonNull(value, "random");
      return this;
    }

    /**
     * The treaty file: turns on admission checks at submission and the compliance report. The
     * treaty id and participants default to the file's; set explicitly, they must agree with it.
     */
    public Builder treaty(Treaty value) {
      once("treaty");
      treaty = Objects.requireNonNull(value, "treaty");
      return this;
    }

    /** Publish only checkpoints that a quorum of these witnesses cosigned. */
    public Builder witnessing(WitnessingOptions value) {
      once("witnessing");
      witnessing = Objects.requireNonNull(value, "witnessing");
      return this;
    }

    /**
     * The Ed25519 implementation for party signatures (default: {@link
     * Ed25519Provider#defaultProvider()}).
     */
    public Builder ed25519(Ed25519Provider value) {
      once("ed25519");
      ed25519 = Objects.requireNonNull(value, "ed25519");
      return this;
    }

    /**
     * INSECURE, FOR TESTS ONLY: lets tests make the log equivocate (sign a second root for the
     * published size and send it to the witnesses). Never set this for a real log.
     */
    public Builder insecureForkForTests() {
      once("insecureForkForTests");
      insecureForkForTests = true;
      return this;
    }

    /**
     * Checks and freezes the options.
     *
     * @throws IllegalStateException if the data directory is missing
     * @throws IllegalArgumentException naming the field and value that is out of range
     */
    public ServerOptions build() {
      if (dataDir == null) {
        throw new IllegalStateException("dataDir is required");
      }
      String id = treatyId;
      Set<String> who = participants;
      if (negotiation && treaty != null) {
        throw new IllegalArgumentException(
            "a negotiation log has no treaty file: its texts travel inside proposals");
      }
      if (treaty != null) {
        Set<String> fromFile = new HashSet<>();
        treaty.parties().stream().map(Party::id).forEach(fromFile::add);
        if (set.contains("treatyId") && !treatyId.equals(treaty.id())) {
          throw new IllegalArgumentException(
              "treaty id \""
                  + treatyId
                  + "\" differs from the treaty file's \""
                  + treaty.id()
                  + "\"");
        }
        if (set.contains("participants") && !participants.equals(fromFile)) {
          throw new IllegalArgumentException(
              "participants " + participants + " differ from the treaty file's " + fromFile);
        }
        id = treaty.id();
        who = fromFile;
      }
      return new ServerOptions(
          dataDir,
          host,
          port,
          Optional.ofNullable(postgresUrl),
          id,
          who,
          origin != null ? origin : defaultOrigin(id),
          batchMaxSize,
          batchMaxDelay,
          maxPending,
          clockSkew,
          integrationTimeout,
          clock,
          random != null ? random : new SecureRandom(),
          Optional.ofNullable(treaty),
          Optional.ofNullable(witnessing),
          insecureForkForTests,
          ed25519 != null ? ed25519 : Ed25519Provider.defaultProvider(),
          httpLimits,
          negotiation,
          Optional.ofNullable(bucket),
          firstKeys);
    }

    /**
     * Also publishes the read path to this bucket: every tile and entry bundle, then each new
     * checkpoint, from a thread of its own (credentials from the AWS SDK's default chain).
     */
    public Builder publishTo(BucketLocation value) {
      once("bucket");
      bucket = Objects.requireNonNull(value, "bucket");
      return this;
    }

    /**
     * Each participant's first key, agreed outside the log ({@link FirstKeys#none()} unless set:
     * then no first key can be registered).
     */
    public Builder firstKeys(FirstKeys value) {
      once("firstKeys");
      firstKeys = Objects.requireNonNull(value, "firstKeys");
      return this;
    }

    /** Connection caps, timeouts and body rate ({@link HttpLimits#DEFAULTS} unless set). */
    public Builder httpLimits(HttpLimits value) {
      once("httpLimits");
      httpLimits = Objects.requireNonNull(value);
      return this;
    }
  }
}
