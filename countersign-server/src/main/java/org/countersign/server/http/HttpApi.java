package org.countersign.server.http;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.countersign.server.compliance.ComplianceService;
import org.countersign.server.ops.ServerMetrics;
import org.countersign.server.publish.PublicationStatus;
import org.countersign.server.publish.PublishedLog;
import org.countersign.server.sequence.Sequencer;
import org.countersign.server.submit.StatementValidator;
import org.countersign.server.tiles.ProofSource;
import org.countersign.server.tiles.TileSource;
import org.countersign.store.LogStore;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

/**
 * The server's HTTP surface on Javalin (Jetty): every route, one error mapping.
 *
 * <p>Requests run on virtual threads, so a submitter waiting for its batch costs no platform
 * thread. Response compression is off: hash tiles do not compress, and the read path must stay
 * cheap (the portal's files and the compliance series are compressed once and kept, {@link
 * Gzipped}). Request bodies are bounded by the submission handler itself (one entry, 65,535 bytes).
 *
 * <p>What a client may hold is bounded by {@link HttpLimits} (docs/security.md): a total and a
 * per-address connection cap, a header timeout that closes connections holding no request, a
 * minimum body rate and a total body deadline, and CPU-heavy answers computed on a small {@link
 * ComputePool} with a time limit instead of on request threads.
 */
public final class HttpApi {
  /** Javalin's cap on the bodies it reads for a route (the submission route reads its own). */
  private static final long MAX_REQUEST_SIZE = 1L << 16;

  private final LogInfo info;
  private final LogStore store;
  private final PublishedLog published;
  private final TileSource tiles;
  private final ProofSource proofs;
  private final Sequencer sequencer;
  private final StatementValidator validator;
  private final ServerMetrics metrics;
  private final Duration integrationTimeout;
  private final int maxConcurrentSubmissions;
  private PublicationStatus publication = PublicationStatus.logSignedOnly();
  private @Nullable ComplianceService compliance;
  private HttpLimits limits = HttpLimits.DEFAULTS;

  private org.countersign.server.compliance.@Nullable NegotiationService negotiation;
  private org.countersign.server.witness.@Nullable WitnessEvidence witnessEvidence;
  private java.time.InstantSource negotiationClock = java.time.InstantSource.system();

  /**
   * The log's fixed identity, as {@code GET /api/v1/log} shows it.
   *
   * @param origin the checkpoint origin and log key name
   * @param verifierKey the log's verifier key
   * @param treaty the treaty this log serves
   */
  public record LogInfo(String origin, String verifierKey, String treaty) {}

  public HttpApi(
      LogInfo info,
      LogStore store,
      PublishedLog published,
      TileSource tiles,
      ProofSource proofs,
      Sequencer sequencer,
      StatementValidator validator,
      ServerMetrics metrics,
      Duration integrationTimeout,
      int maxConcurrentSubmissions) {
    this.info = info;
    this.store = store;
    this.published = published;
    this.tiles = tiles;
    this.proofs = proofs;
    this.sequencer = sequencer;
    this.validator = validator;
    this.metrics = metrics;
    this.integrationTimeout = integrationTimeout;
    this.maxConcurrentSubmissions = maxConcurrentSubmissions;
  }

  /**
   * Serves {@code GET /api/v1/negotiation} and its listing, proposal, diff and evaluation routes
   * from {@code service}, with {@code clock} as the listing's default instant; call before {@link
   * #start}.
   */
  public HttpApi withNegotiation(
      org.countersign.server.compliance.NegotiationService service, java.time.InstantSource clock) {
    this.negotiation = service;
    this.negotiationClock = clock;
    return this;
  }

  /**
   * Serves {@code GET /api/v1/witnesses/evidence} from {@code evidence} (without it, the route says
   * no witness is configured); call before {@link #start}.
   */
  public HttpApi withWitnessEvidence(org.countersign.server.witness.WitnessEvidence evidence) {
    this.witnessEvidence = evidence;
    return this;
  }

  /** Serves {@code GET /api/v1/compliance} from {@code service}; call before {@link #start}. */
  public HttpApi withCompliance(ComplianceService service) {
    this.compliance = service;
    return this;
  }

  /**
   * Reports {@code status} (witnessing) at {@code /health} and {@code /api/v1/log}; call before
   * {@link #start}.
   */
  public HttpApi withPublicationStatus(PublicationStatus status) {
    this.publication = status;
    return this;
  }

  /** Applies {@code limits} (timeouts, caps, body rate); call before {@link #start}. */
  public HttpApi withLimits(HttpLimits limits) {
    this.limits = limits;
    return this;
  }

  /** Builds the routes and listens on {@code host:port} (0 for an ephemeral port). */
  public Javalin start(String host, int port) {
    AtomicReference<Javalin> created = new AtomicReference<>();
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.useVirtualThreads = true;
              config.http.disableCompression();
              config.http.maxRequestSize = MAX_REQUEST_SIZE;
              config.router.ignoreTrailingSlashes = false;
              // Jetty's HTML error pages (400, 414, 431) become the API's JSON errors.
              config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorPages()));
              config.jetty.modifyServletContextHandler(
                  handler -> handler.setErrorHandler(new JsonErrorPages()));
              // HEAD runs the GET handler (Jetty sends no body), so that its status and headers
              // are GET's: Javalin alone answers 200 to HEAD on any path a GET route matches.
              config.events.handlerAdded(
                  added -> {
                    if (added.getHttpMethod() == HandlerType.GET) {
                      created.get().head(added.getPath(), added.getHandler());
                    }
                  });
              // Issue 13: a slow body is refused by Jetty below the minimum rate (408), and the
              // total connection cap stops accepting rather than running out of descriptors.
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    http.setMinRequestDataRate(limits.minBodyRate());
                    http.setIdleTimeout(limits.idleTimeout().toMillis());
                  });
              config.jetty.modifyServer(
                  server -> server.addBean(new ConnectionLimit(limits.maxConnections(), server)));
            });
    created.set(app);
    RefusedBodies.drainOverCap(app, MAX_REQUEST_SIZE, limits);
    ErrorMapping.register(app, metrics, MAX_REQUEST_SIZE);
    new TileRoutes(published, tiles).register(app);
    new ApiRoutes(
            info,
            published,
            store,
            proofs,
            publication,
            sequencer::committedSize,
            negotiation != null)
        .register(app);
    ConnectionGuard connections = new ConnectionGuard(limits);
    ComputePool pool = ComputePool.forMachine(limits.computeTimeout());
    SubmissionRoutes submissions =
        new SubmissionRoutes(
            validator,
            sequencer,
            store,
            published,
            proofs,
            metrics,
            integrationTimeout,
            maxConcurrentSubmissions,
            limits);
    submissions.register(app);
    new OpsRoutes(metrics, sequencer, publication).register(app);
    new ComplianceRoutes(compliance, published, info.origin(), Duration.ofSeconds(10), pool)
        .register(app);
    new ProposalRoutes(compliance, published, info.origin(), Duration.ofSeconds(10), pool)
        .register(app);
    if (negotiation != null) {
      new NegotiationRoutes(negotiation, negotiationClock).register(app);
    }
    new WitnessEvidenceRoutes(witnessEvidence, info.verifierKey()).register(app);
    new PortalRoutes().register(app);
    new InspectionRoutes(pool).register(app);
    new StabilityRoutes(compliance, published, info.origin(), pool).register(app);
    app.events(
        e ->
            e.serverStopped(
                () -> {
                  connections.close();
                  pool.close();
                  submissions.close();
                }));
    app.start(host, port);
    for (Connector c : app.jettyServer().server().getConnectors()) {
      if (c instanceof ServerConnector sc) {
        sc.setIdleTimeout(limits.idleTimeout().toMillis());
        sc.addBean(connections);
      }
    }
    return app;
  }
}
