package org.countersign.witness.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.countersign.crypto.BcEd25519Signer;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.CosignatureSigner;
import org.countersign.log.note.SignerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A witness over HTTP (C2SP tlog-witness v1.0.0).
 *
 * <pre>
 * POST /add-checkpoint              cosign, or refuse with the spec's status (see {@link Witness})
 * GET  /&lt;hex sha256(origin)&gt;/checkpoint   the latest cosigned checkpoint with its signatures
 * GET  /evidence                    names of the evidence files recorded, one per line
 * GET  /evidence/&lt;name&gt;             one evidence file ({@code countersign/split-view-evidence/v1})
 * GET  /                            this witness's verifier key and the logs it witnesses
 * </pre>
 *
 * <p>The monitoring read follows the path that C2SP HEAD gives witnesses; it serves the stored
 * state, so it never lags. Responses are {@code text/plain; charset=utf-8} except the 409 for a
 * stale old size, which is {@code text/x.tlog.size} as the spec requires.
 */
public final class WitnessServer implements AutoCloseable {
  // Set once at start; released on close.
  private @org.jspecify.annotations.Nullable DataFolderLock folderLock;

  private static final Logger LOG = LoggerFactory.getLogger(WitnessServer.class);
  private static final String TEXT = "text/plain; charset=utf-8";

  private final Javalin app;
  private final Witness witness;
  private final WitnessStore store;
  private final EvidenceStore evidence;
  private final Map<String, String> originByHash;
  private final int maxBodyBytes;
  private final String host;

  private WitnessServer(
      WitnessOptions options, Witness witness, WitnessStore store, EvidenceStore evidence) {
    this.witness = witness;
    this.store = store;
    this.evidence = evidence;
    this.maxBodyBytes = options.maxBodyBytes();
    this.host = options.host();
    Map<String, String> byHash = new HashMap<>();
    for (String origin : witness.origins()) {
      byHash.put(Hash.sha256(origin.getBytes(StandardCharsets.UTF_8)).hex(), origin);
    }
    this.originByHash = Map.copyOf(byHash);
    this.app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.useVirtualThreads = true;
              cfg.startupWatcherEnabled = false;
              cfg.http.maxRequestSize = options.maxBodyBytes();
              cfg.http.defaultContentType = TEXT;
            });
    app.post("/add-checkpoint", this::addCheckpoint);
    app.get("/", this::info);
    app.get("/evidence", this::listEvidence);
    app.get("/evidence/{name}", this::getEvidence);
    app.get("/{originHash}/checkpoint", this::latestCheckpoint);
  }

  /**
   * Opens the data folder (creating the key on first start), and starts listening.
   *
   * @throws IOException if the folder, key or database cannot be used
   */
  public static WitnessServer start(WitnessOptions options) throws IOException {
    Path dir = options.dataDir();
    java.nio.file.Files.createDirectories(dir);
    DataFolderLock lock = DataFolderLock.acquire(dir, "witness");
    WitnessServer server;
    try {
      server = open(options, dir);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
    server.folderLock = lock;
    return server;
  }

  private static WitnessServer open(WitnessOptions options, Path dir) throws IOException {
    SignerKey key =
        WitnessKeyFile.loadOrCreate(dir.resolve("witness.key"), options.name(), options.random());
    WitnessStore store = WitnessStore.open(dir.resolve("witness.db"));
    EvidenceStore evidence = EvidenceStore.open(dir.resolve("evidence"));
    Witness witness =
        new Witness(
            new CosignatureSigner(key, BcEd25519Signer.of(key), options.clock()),
            options.logs(),
            store,
            evidence);
    WitnessServer server = new WitnessServer(options, witness, store, evidence);
    try {
      server.app.start(options.host(), options.port());
    } catch (RuntimeException e) {
      store.close();
      throw new IOException(
          "cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    }
    LOG.info("witness {} listening on {}", witness.verifierKey(), server.url());
    return server;
  }

  /** The port listened on. */
  public int port() {
    return app.port();
  }

  /** The submission (and monitoring) prefix, e.g. {@code http://127.0.0.1:7380}. */
  public URI url() {
    boolean wildcard = host.equals("0.0.0.0") || host.equals("::");
    String h = wildcard ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port());
  }

  /** The cosignature verifier key, {@code name+hex8+base64(0x04 || key)}. */
  public String verifierKey() {
    return witness.verifierKey();
  }

  /** The witness behind this server. */
  public Witness witness() {
    return witness;
  }

  private void addCheckpoint(Context ctx) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBodyBytes) {
      refuse(
          ctx,
          AddCheckpointException.of(
              AddCheckpointException.Reason.BODY_TOO_LARGE,
              "request body of " + declared + " bytes is over the cap of " + maxBodyBytes));
      return;
    }
    byte[] body;
    try (InputStream in = ctx.req().getInputStream()) {
      body = in.readNBytes(maxBodyBytes + 1);
    }
    if (body.length > maxBodyBytes) {
      refuse(
          ctx,
          AddCheckpointException.of(
              AddCheckpointException.Reason.BODY_TOO_LARGE,
              "request body is over the cap of " + maxBodyBytes + " bytes"));
      return;
    }
    try {
      String line = witness.addCheckpoint(body);
      ctx.status(200).contentType(TEXT).result(line);
    } catch (AddCheckpointException e) {
      refuse(ctx, e);
    }
  }

  private static void refuse(Context ctx, AddCheckpointException e) {
    ctx.status(e.status());
    if (e.witnessSize().isPresent()) {
      // Exactly this media type, without a charset parameter: clients compare it verbatim.
      ctx.result((e.witnessSize().getAsLong() + "\n").getBytes(StandardCharsets.US_ASCII));
      ctx.res().setCharacterEncoding(null);
      ctx.res().setContentType("text/x.tlog.size");
    } else {
      ctx.contentType(TEXT).result(e.getMessage() + "\n");
    }
    LOG.debug("add-checkpoint refused ({}): {}", e.status(), e.getMessage());
  }

  private void info(Context ctx) {
    StringBuilder b = new StringBuilder("witness ").append(witness.verifierKey()).append('\n');
    for (String origin : witness.origins()) {
      b.append("log ")
          .append(origin)
          .append(' ')
          .append(Hash.sha256(origin.getBytes(StandardCharsets.UTF_8)).hex())
          .append('\n');
    }
    ctx.contentType(TEXT).result(b.toString());
  }

  private void latestCheckpoint(Context ctx) throws IOException {
    String origin = originByHash.get(ctx.pathParam("originHash"));
    Optional<StoredCheckpoint> latest = origin == null ? Optional.empty() : witness.latest(origin);
    if (latest.isEmpty()) {
      ctx.status(404).contentType(TEXT).result("no checkpoint cosigned for this log\n");
      return;
    }
    ctx.contentType(TEXT).result(latest.get().signedNote());
  }

  private void listEvidence(Context ctx) throws IOException {
    StringBuilder b = new StringBuilder();
    evidence.list().forEach(n -> b.append(n).append('\n'));
    ctx.contentType(TEXT).result(b.toString());
  }

  private void getEvidence(Context ctx) throws IOException {
    Optional<byte[]> file = evidence.read(ctx.pathParam("name"));
    if (file.isEmpty()) {
      ctx.status(404).contentType(TEXT).result("no such evidence file\n");
      return;
    }
    ctx.contentType(TEXT).result(file.get());
  }

  /** Stops listening and closes the database. */
  @Override
  public void close() throws IOException {
    try {
      app.stop();
      store.close();
    } finally {
      if (folderLock != null) {
        folderLock.close();
      }
    }
  }
}
