package org.countersign.server;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.log.BadSignatureException;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.Verifiers;
import org.countersign.objectstore.BucketMirror;
import org.countersign.server.bucket.BucketPublishing;
import org.countersign.server.compliance.ComplianceService;
import org.countersign.server.http.HttpApi;
import org.countersign.server.key.LogKeyFile;
import org.countersign.server.ops.ServerMetrics;
import org.countersign.server.publish.CheckpointPublisher;
import org.countersign.server.publish.LogCheckpointSigner;
import org.countersign.server.publish.PublicationDeferredException;
import org.countersign.server.publish.PublicationStatus;
import org.countersign.server.publish.PublishedCheckpoint;
import org.countersign.server.publish.PublishedLog;
import org.countersign.server.sequence.Sequencer;
import org.countersign.server.sequence.TileBatchIntegrator;
import org.countersign.server.submit.RegistrySnapshot;
import org.countersign.server.submit.StatementValidator;
import org.countersign.server.tiles.ProofSource;
import org.countersign.server.tiles.TileSource;
import org.countersign.server.witness.QuorumPublisher;
import org.countersign.server.witness.Witnessing;
import org.countersign.store.Batch;
import org.countersign.store.LogStore;
import org.countersign.store.LogStores;
import org.countersign.store.StoreException;
import org.countersign.store.TreeState;
import org.countersign.treaty.protocol.EntryDecoder;
import org.countersign.treaty.protocol.EntryRejectedException;
import org.countersign.treaty.protocol.KeyRegistry;
import org.countersign.witness.server.DataFolderLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running log server: the store, the log key, the sequencer and the HTTP surface.
 *
 * <h2>Start</h2>
 *
 * <ol>
 *   <li>Creates the data directory and the log key on first start ({@code log.key}, mode 600), or
 *       loads it; a key named other than the origin is refused.
 *   <li>Opens the store (SQLite in the data directory, or PostgreSQL) and pins the origin and
 *       treaty in its metadata: a data directory never serves a second log.
 *   <li>Signs the empty tree on a new log. On an existing one, checks that the last committed
 *       checkpoint is signed by the log key and that the stored tiles reproduce its root, then
 *       publishes it if a crash came between commit and publication.
 *   <li>Rebuilds the party key registry, starts the sequencer, then serves HTTP.
 * </ol>
 *
 * <h2>Stop</h2>
 *
 * <p>{@link #stop()} (also run by a JVM shutdown hook) stops taking requests, lets the sequencer
 * finish the batch in flight and the queued entries, then closes the store. It is idempotent.
 */
public final class LogServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LogServer.class);
  private static final long TILE_CACHE_BYTES = 64L << 20;
  private static final long BUNDLE_CACHE_BYTES = 64L << 20;
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final Duration FAILED_START_GRACE = Duration.ofSeconds(1);

  private final ServerOptions options;
  private final SignerKey key;
  private final boolean createdKey;
  private final Sequencer sequencer;
  private final PublishedLog published;
  private final Javalin http;
  private final @Nullable ComplianceService compliance;
  private final @Nullable BucketPublishing bucket;
  private final Shutdown shutdown;
  private final Thread shutdownHook;
  private boolean stopped;

  /**
   * Builds the {@link CheckpointPublisher} once the store is open (witness cosigning hooks here).
   */
  @FunctionalInterface
  public interface PublisherFactory {
    CheckpointPublisher create(LogStore store, SignerKey logKey);
  }

  private LogServer(
      ServerOptions options,
      SignerKey key,
      boolean createdKey,
      Sequencer sequencer,
      PublishedLog published,
      Javalin http,
      @Nullable ComplianceService compliance,
      @Nullable BucketPublishing bucket,
      Shutdown shutdown) {
    this.options = options;
    this.key = key;
    this.createdKey = createdKey;
    this.sequencer = sequencer;
    this.published = published;
    this.http = http;
    this.compliance = compliance;
    this.bucket = bucket;
    this.shutdown = shutdown;
    this.shutdownHook = new Thread(this::stop, "countersign-shutdown");
  }

  /** The default publisher: log-signed checkpoints as committed. */
  private static final PublisherFactory LOG_SIGNED =
      (store, key) -> CheckpointPublisher.storing(store);

  /**
   * Starts a server that publishes log-signed checkpoints or, if the options configure witnesses,
   * only checkpoints a quorum of them cosigned ({@link QuorumPublisher}).
   */
  public static LogServer start(ServerOptions options) throws IOException, StoreException {
    return start(options, LOG_SIGNED);
  }

  /**
   * Starts a server; see the class comment for the steps.
   *
   * @throws IOException if the data directory or key file cannot be used, the port is taken, or the
   *     stored log does not match the key (another log's data directory)
   * @throws StoreException if the store cannot be opened or read
   */
  public static LogServer start(ServerOptions options, PublisherFactory publishers)
      throws IOException, StoreException {
    Files.createDirectories(options.dataDir());
    requireWritable(options.dataDir(), options.postgresUrl().isEmpty());
    // Before the key or the store is touched: a second server on this folder stops here.
    DataFolderLock lock = DataFolderLock.acquire(options.dataDir(), "log server");
    LogKeyFile.Loaded loaded;
    LogStore store;
    try {
      loaded = LogKeyFile.loadOrCreate(options.logKeyFile(), options.origin(), options.random());
      if (loaded.created()) {
        log.info(
            "event=log_key_created file={} vkey={}",
            options.logKeyFile(),
            loaded.key().verifierKey());
      }
      store =
          LogStores.open(
              options.postgresUrl().orElse(options.dataDir().toAbsolutePath().toString()));
    } catch (IOException | StoreException | RuntimeException e) {
      lock.close();
      throw e;
    }
    SignerKey key = loaded.key();
    Shutdown shutdown = new Shutdown();
    shutdown.add(Shutdown.Phase.STORE, grace -> closeQuietly(store));
    // Released last, once the store is closed.
    shutdown.add(Shutdown.Phase.STORE, grace -> lock.close());
    try {
      Recovered recovered = recover(options, key, store);
      ServerMetrics metrics = new ServerMetrics();
      Publication publication =
          publication(options, key, store, recovered, publishers, metrics, shutdown);
      return serve(
          options, loaded.created(), key, store, recovered, publication, metrics, shutdown);
    } catch (IOException | StoreException | RuntimeException e) {
      shutdown.run(FAILED_START_GRACE);
      throw e;
    }
  }

  /**
   * Refuses to start on a data folder it cannot write (issue 13: the server once started and said
   * "ok" on a read-only folder, then failed every submission). Writes, forces and deletes a probe
   * file; with SQLite, the database files there must be writable too.
   */
  static void requireWritable(java.nio.file.Path dir, boolean sqlite) throws IOException {
    java.nio.file.Path probe = dir.resolve(".write-probe-" + ProcessHandle.current().pid());
    try (java.nio.channels.FileChannel ch =
        java.nio.channels.FileChannel.open(
            probe,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.WRITE,
            java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
      ch.force(true);
    } catch (IOException e) {
      throw new IOException("the data folder " + dir + " cannot be written: " + e, e);
    } finally {
      Files.deleteIfExists(probe);
    }
    if (sqlite) {
      try (var files = Files.list(dir)) {
        for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
          String name = f.getFileName().toString();
          if (name.contains(".db") && Files.isRegularFile(f) && !Files.isWritable(f)) {
            throw new IOException("the store file " + f + " cannot be written");
          }
        }
      }
    }
  }

  /**
   * What startup recovery established about the stored log.
   *
   * @param committed the last committed checkpoint, signed by this log's key, its root reproduced
   *     by the stored tiles
   * @param previous what the log published before this start, if anything
   * @param registry the party key registry as of {@code committed}
   */
  private record Recovered(
      LogCheckpointSigner signer,
      PublishedCheckpoint committed,
      @Nullable PublishedCheckpoint previous,
      TileSource tiles,
      ProofSource proofs,
      KeyRegistry registry) {}

  /** How checkpoints reach {@code /checkpoint}, and the one served first. */
  private record Publication(
      CheckpointPublisher publisher, PublishedLog published, @Nullable Witnessing witnessing) {}

  /**
   * Startup recovery: pins the store to this log, signs the empty tree of a new log, checks the
   * last committed checkpoint against the key and the stored tiles, reads what was published, and
   * rebuilds the key registry.
   */
  private static Recovered recover(ServerOptions options, SignerKey key, LogStore store)
      throws IOException, StoreException {
    pinMeta(store, "server.origin", options.origin());
    pinMeta(store, "server.treaty", options.treatyId());
    LogCheckpointSigner signer = new LogCheckpointSigner(key);
    Verifiers logKey = Verifiers.of(key.verifier());

    TreeState state = store.treeState();
    if (!state.hasCheckpoint()) {
      store.commit(new Batch(0, List.of(), Map.of(), signer.sign(0, Hash.EMPTY)));
      state = store.treeState();
      log.info("event=empty_tree_signed origin={}", options.origin());
    }
    PublishedCheckpoint committed = openOwn(state.checkpointNote(), logKey, options.origin());
    if (committed.size() != state.size()) {
      throw new IOException(
          "the store's tree size "
              + state.size()
              + " differs from its checkpoint's "
              + committed.size());
    }
    TileSource tiles = new TileSource(store, TILE_CACHE_BYTES, BUNDLE_CACHE_BYTES);
    ProofSource proofs = new ProofSource(tiles);
    if (committed.size() > 0 && !proofs.treeHash(committed.size()).equals(committed.root())) {
      throw new IOException(
          "the stored tiles do not reproduce the root of the last checkpoint (size "
              + committed.size()
              + "): the store is damaged");
    }
    PublishedCheckpoint previous = null;
    Optional<String> stored = store.publishedCheckpoint();
    if (stored.isPresent()) {
      previous = openOwn(stored.get(), logKey, options.origin());
      if (previous.size() > committed.size()) {
        throw new IOException(
            "the published checkpoint (size "
                + previous.size()
                + ") is ahead of the committed tree (size "
                + committed.size()
                + ")");
      }
    }
    if (committed.size() > 0) {
      requireReplayable(store, options.origin());
    }
    KeyRegistry registry =
        RegistrySnapshot.load(store, committed.size(), options.origin(), options.firstKeys());
    return new Recovered(signer, committed, previous, tiles, proofs, registry);
  }

  /**
   * Refuses a store whose first entry is not a statement this server can replay (a log written by
   * an older version of the statement format, or for another origin): serving it would publish its
   * tiles while every compliance request answers 503, which leaves a user guessing. One entry is
   * checked, so that start-up stays fast; the compliance replay checks every entry.
   */
  private static void requireReplayable(LogStore store, String origin)
      throws IOException, StoreException {
    List<byte[]> first = store.readEntries(0, 1);
    if (first.isEmpty()) {
      throw new IOException("the store lacks entry 0 of its committed tree: the store is damaged");
    }
    try {
      EntryDecoder.decode(first.get(0), origin);
    } catch (EntryRejectedException e) {
      throw new IOException(
          "entry 0 of the stored log is not a statement this version can replay ("
              + e.getMessage()
              + "): the data directory holds a log written by another version of Countersign or"
              + " for another log; serve it with that version, or start from an empty directory");
    }
  }

  /**
   * Publication: the publisher (log-signed, or through the witness quorum) and the checkpoint
   * served first. Publishes the committed checkpoint if a crash came between commit and
   * publication, or if witnesses were newly configured.
   */
  private static Publication publication(
      ServerOptions options,
      SignerKey key,
      LogStore store,
      Recovered recovered,
      PublisherFactory publishers,
      ServerMetrics metrics,
      Shutdown shutdown)
      throws IOException {
    PublishedCheckpoint committed = recovered.committed();
    PublishedCheckpoint previous = recovered.previous();
    PublishedCheckpoint initial = committed;
    boolean publishedMatchesCommitted = false;
    if (previous != null
        && previous.size() == committed.size()
        && previous.root().equals(committed.root())) {
      initial = previous;
      publishedMatchesCommitted = true;
    }
    Witnessing witnessing = null;
    CheckpointPublisher publisher;
    if (options.witnessing().isPresent()) {
      if (!LOG_SIGNED.equals(publishers)) {
        throw new IllegalArgumentException(
            "witnessing is configured: the server publishes through its witness quorum,"
                + " not through another publisher");
      }
      witnessing =
          Witnessing.assemble(
              options.witnessing().get(),
              key.publicKey(),
              store,
              recovered.proofs(),
              metrics.registry(),
              options.clock(),
              Optional.ofNullable(previous),
              System::nanoTime);
      Witnessing opened = witnessing;
      shutdown.add(Shutdown.Phase.WITNESSES, grace -> opened.close());
      publisher = witnessing.publisher();
    } else {
      publisher = publishers.create(store, key);
    }
    if (!publishedMatchesCommitted || publisher.needsRepublish(initial)) {
      try {
        initial =
            new PublishedCheckpoint(
                committed.size(), committed.root(), publisher.publish(committed));
      } catch (PublicationDeferredException e) {
        // No quorum yet (reported by /health and the metrics): keep serving what was published,
        // or else the empty tree, which asserts nothing; the sequencer retries while idle.
        initial = servedUntilWitnessed(previous, committed, recovered.proofs(), recovered.signer());
        log.warn(
            "event=published_without_new_quorum size={} committed_size={} reason=\"{}\"",
            initial.size(),
            committed.size(),
            e.getMessage());
      } catch (Exception e) {
        throw new IOException("cannot publish the committed checkpoint: " + e.getMessage(), e);
      }
    }
    return new Publication(publisher, new PublishedLog(initial), witnessing);
  }

  /**
   * Services: the sequencer, the compliance follower (with a treaty file), the submission checks
   * and the HTTP API, started in that order; each is added to {@code shutdown} once it runs.
   */
  private static LogServer serve(
      ServerOptions options,
      boolean createdKey,
      SignerKey key,
      LogStore store,
      Recovered recovered,
      Publication publication,
      ServerMetrics metrics,
      Shutdown shutdown)
      throws IOException {
    PublishedCheckpoint committed = recovered.committed();
    PublishedLog published = publication.published();
    Witnessing witnessing = publication.witnessing();
    metrics.treeSize(committed.size());
    metrics.publishedSize(published.current().size());
    Sequencer sequencer =
        new Sequencer(
            store,
            new TileBatchIntegrator(recovered.tiles()),
            recovered.signer(),
            publication.publisher(),
            published,
            recovered.tiles(),
            recovered.registry(),
            metrics,
            committed,
            options.batchMaxSize(),
            options.batchMaxDelay(),
            options.maxPending());
    metrics.pendingFrom(sequencer::pending);
    // With a treaty file, the compliance fold follows the published log; it also decides, with
    // the log's state, whether the treaty admits each submitted statement.
    ComplianceService compliance =
        options
            .treaty()
            .map(
                t ->
                    new ComplianceService(
                        t,
                        options.origin(),
                        store,
                        published,
                        recovered.tiles(),
                        sequencer::unpublished))
            .orElse(null);
    // A negotiation log checks each statement against the negotiation's record instead.
    org.countersign.server.compliance.NegotiationService negotiation =
        options.negotiation()
            ? new org.countersign.server.compliance.NegotiationService(
                options.treatyId(), options.origin(), store, published, sequencer::unpublished)
            : null;
    StatementValidator validator =
        new StatementValidator(
            options.treatyId(),
            options.origin(),
            options.participants(),
            recovered.registry(),
            options.clock(),
            options.clockSkew(),
            negotiation != null ? negotiation : compliance,
            options.ed25519());
    HttpApi api =
        new HttpApi(
                new HttpApi.LogInfo(options.origin(), key.verifierKey(), options.treatyId()),
                store,
                published,
                recovered.tiles(),
                recovered.proofs(),
                sequencer,
                validator,
                metrics,
                options.integrationTimeout(),
                // Everything queued may be waiting, plus a margin for submissions being checked.
                options.maxPending() + 256)
            .withLimits(options.httpLimits());
    api.withPublicationStatus(
        witnessing != null ? witnessing.status() : PublicationStatus.logSignedOnly());
    if (compliance != null) {
      api.withCompliance(compliance);
    }
    if (negotiation != null) {
      api.withNegotiation(negotiation, options.clock());
    }
    if (options.witnessing().isPresent()) {
      org.countersign.server.witness.WitnessingOptions w = options.witnessing().get();
      api.withWitnessEvidence(
          new org.countersign.server.witness.WitnessEvidence(
              List.copyOf(w.policy().witnesses().values()),
              key.verifierKey(),
              options.clock(),
              w.timeout()));
    }
    sequencer.start();
    shutdown.add(Shutdown.Phase.SEQUENCER, sequencer::stop);
    if (compliance != null) {
      InstantSource clock = options.clock();
      compliance.warmSeries(
          () ->
              org.countersign.treaty.report.ReportTime.parse(
                  java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)
                      .toString()));
      compliance.start();
      shutdown.add(Shutdown.Phase.COMPLIANCE, compliance::stop);
    }
    // The bucket follows the published log like the compliance service; a bucket that holds
    // another log, or a checkpoint ahead of this one, stops the start here.
    BucketPublishing bucket = null;
    if (options.bucket().isPresent()) {
      bucket =
          BucketPublishing.start(
              options.bucket().get(),
              published,
              recovered.tiles(),
              key.verifier(),
              options.origin(),
              metrics.registry());
      shutdown.add(Shutdown.Phase.COMPLIANCE, bucket::stop);
    }
    Javalin http;
    try {
      http = api.start(options.host(), options.port());
    } catch (RuntimeException e) {
      throw new IOException(
          "cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    }
    shutdown.add(Shutdown.Phase.HTTP, grace -> http.stop());
    if (options.insecureForkForTests() && witnessing != null) {
      witnessing.insecureForkForTests(recovered.signer(), published).register(http);
    }
    LogServer server =
        new LogServer(
            options, key, createdKey, sequencer, published, http, compliance, bucket, shutdown);
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    log.info(
        "event=server_started url={} origin={} treaty={} size={} store={}",
        server.url(),
        options.origin(),
        options.treatyId(),
        committed.size(),
        options.postgresUrl().map(ServerOptions::redact).orElse(options.dataDir().toString()));
    return server;
  }

  /**
   * What to serve while the witnesses have not cosigned the committed checkpoint: the checkpoint
   * published before, if the stored tiles confirm it is a prefix of the committed tree, else the
   * log-signed empty tree (a prefix of every tree). Never an unwitnessed checkpoint that was not
   * already public.
   */
  private static PublishedCheckpoint servedUntilWitnessed(
      @Nullable PublishedCheckpoint previous,
      PublishedCheckpoint committed,
      ProofSource proofs,
      LogCheckpointSigner signer)
      throws IOException {
    if (previous != null
        && previous.size() <= committed.size()
        && (previous.size() == 0 || proofs.treeHash(previous.size()).equals(previous.root()))) {
      return previous;
    }
    return new PublishedCheckpoint(0, Hash.EMPTY, signer.sign(0, Hash.EMPTY));
  }

  /** Opens a checkpoint note that must be signed by this log's key and carry its origin. */
  private static PublishedCheckpoint openOwn(String note, Verifiers logKey, String origin)
      throws IOException {
    try {
      Checkpoint c = Checkpoint.fromNote(Note.open(note, logKey));
      if (!c.origin().equals(origin)) {
        throw new IOException(
            "the stored checkpoint's origin is \"" + c.origin() + "\", not \"" + origin + "\"");
      }
      return new PublishedCheckpoint(c.size(), c.root(), note);
    } catch (MalformedInputException | BadSignatureException e) {
      throw new IOException(
          "the stored checkpoint is not this log's (wrong key file for this data?): "
              + e.getMessage(),
          e);
    }
  }

  /** Records {@code value} under {@code key} on first start; refuses a different value later. */
  private static void pinMeta(LogStore store, String key, String value)
      throws StoreException, IOException {
    byte[] want = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Optional<byte[]> have = store.getMeta(key);
    if (have.isEmpty()) {
      store.putMeta(key, want);
    } else if (!java.util.Arrays.equals(have.get(), want)) {
      throw new IOException(
          "this store belongs to another log: its "
              + key
              + " is \""
              + new String(have.get(), java.nio.charset.StandardCharsets.UTF_8)
              + "\", not \""
              + value
              + "\"");
    }
  }

  /** The port the server listens on (the ephemeral one if the options asked for 0). */
  public int port() {
    return http.port();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080/}. */
  public URI url() {
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /** The log's origin. */
  public String origin() {
    return key.name();
  }

  /** The log's verifier key, to give to clients and witnesses. */
  public String verifierKey() {
    return key.verifierKey();
  }

  /** Whether this start created the log key (first start in the data directory). */
  public boolean createdKey() {
    return createdKey;
  }

  /** The checkpoint published now. */
  public PublishedCheckpoint checkpoint() {
    return published.current();
  }

  /**
   * The compliance service, on a server started with a treaty file ({@link
   * ServerOptions.Builder#treaty}).
   */
  public Optional<ComplianceService> compliance() {
    return Optional.ofNullable(compliance);
  }

  /** How publishing to the bucket stands, on a server started with one. */
  public Optional<BucketMirror.Status> bucketStatus() {
    return Optional.ofNullable(bucket).map(BucketPublishing::status);
  }

  /** The sequencer's health, as {@code /health} reports it. */
  public Sequencer.Health health() {
    return sequencer.health();
  }

  /**
   * Stops gracefully: no new requests, the batch in flight and the queue are integrated, the store
   * is closed. Idempotent; also run at JVM shutdown.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    // A stop requested from an interrupted thread must still finish the batch in flight.
    boolean interrupted = Thread.interrupted();
    log.info("event=server_stopping pending={}", sequencer.pending());
    shutdown.run(STOP_GRACE);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // Called from the hook itself.
    }
    log.info("event=server_stopped size={}", published.current().size());
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static void closeQuietly(@Nullable LogStore store) {
    if (store == null) {
      return;
    }
    try {
      store.close();
    } catch (StoreException e) {
      log.warn("event=store_close_failed error=\"{}\"", e.toString());
    }
  }
}
