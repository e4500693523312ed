package org.countersign.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.countersign.cli.client.LogHttpClient;
import org.countersign.cli.verify.LogKey;
import org.countersign.cli.verify.VerifiedCheckpoint;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;
import org.countersign.server.LogServer;
import org.countersign.server.ServerOptions;
import org.countersign.server.key.LogKeyFile;
import org.countersign.server.witness.WitnessingOptions;
import org.countersign.store.StoreException;
import org.countersign.treaty.escrow.EscrowVault;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.model.Party;
import org.countersign.treaty.model.Role;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.treaty.statement.InspectionCheckpoint;
import org.countersign.treaty.statement.Statement;
import org.countersign.witness.policy.WitnessPolicy;
import org.countersign.witness.server.WitnessOptions;
import org.countersign.witness.server.WitnessServer;

/**
 * The running integrated-framework demo: two log servers in this process, each with its own data,
 * key and origin (the negotiation's log and the agreed treaty's log), and one witness per observer
 * of the treaty cosigning both logs' checkpoints. The first time, it logs {@link
 * FrameworkScenario}'s negotiation and implementation through the public HTTP API.
 *
 * <p>Why two servers rather than one with two origins: a {@code LogServer} owns one store, one
 * sequencer and one signing key, and its routes are the C2SP paths at the root of its URL; hosting
 * a second log under a path prefix would mean a second copy of every route and of the store wiring
 * inside the server. Two instances of the same server, on two ports of one process, give the
 * negotiation its own log and origin with no change to the server.
 *
 * <p>Layout of the data directory: {@code scenario}, {@code negotiation-log/} and {@code
 * treaty-log/} (each server's key and store), {@code witnesses/<observer>/}, {@code parties/} (the
 * parties' signer keys, the US escrow vault), {@code negotiation/} (the texts negotiated, as
 * files), {@code witness-policy.txt} and {@code demo-filled}.
 */
public final class FrameworkRun implements AutoCloseable {
  /** Content of the {@code scenario} marker file. */
  public static final String SCENARIO = FrameworkScenario.ID;

  private static final List<String> PARTIES = List.of("US", "RU", "CN");

  private final Path dataDir;
  private final Treaty treaty;
  private final HistoryClock clock;
  private final List<WitnessServer> witnesses;
  private final LogServer negotiation;
  private final LogServer treatyLog;

  private FrameworkRun(
      Path dataDir,
      Treaty treaty,
      HistoryClock clock,
      List<WitnessServer> witnesses,
      LogServer negotiation,
      LogServer treatyLog) {
    this.dataDir = dataDir;
    this.treaty = treaty;
    this.clock = clock;
    this.witnesses = List.copyOf(witnesses);
    this.negotiation = negotiation;
    this.treatyLog = treatyLog;
  }

  /**
   * Starts the witnesses and both logs for {@code treaty} (the agreed text). The treaty log listens
   * on {@code port}, the negotiation log on {@code port + 1} (both on free ports when {@code port}
   * is 0).
   */
  public static FrameworkRun start(
      Path dataDir, String host, int port, Treaty treaty, FirstKeys firstKeys) throws IOException {
    try {
      return startServers(dataDir, host, port, treaty, firstKeys);
    } catch (StoreException e) {
      // The demo's callers stay clear of the store's types (the architecture test's rule).
      throw new IOException("cannot open the demo stores in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private static FrameworkRun startServers(
      Path dataDir, String host, int port, Treaty treaty, FirstKeys firstKeys)
      throws IOException, StoreException {
    Files.createDirectories(dataDir);
    HistoryClock clock = new HistoryClock(InstantSource.system());
    SecureRandom random = new SecureRandom();
    ServerOptions.Builder negOptions =
        base(dataDir.resolve("negotiation-log"), host, port == 0 ? 0 : port + 1, clock)
            .negotiation()
            .treatyId(FrameworkScenario.ID)
            .participants(new LinkedHashSet<>(PARTIES))
            .origin("countersign.local/negotiation/" + FrameworkScenario.ID)
            .firstKeys(firstKeys);
    Set<String> participants = new LinkedHashSet<>();
    treaty.parties().stream().map(Party::id).forEach(participants::add);
    ServerOptions.Builder treatyOptions =
        base(dataDir.resolve("treaty-log"), host, port, clock)
            .treaty(treaty)
            .treatyId(treaty.id())
            .participants(participants)
            .firstKeys(firstKeys);
    // The logs' keys exist before the witnesses start, so that each witness knows both logs.
    VerifierKey negKey = logKey(negOptions.build(), random);
    VerifierKey treatyKey = logKey(treatyOptions.build(), random);
    List<WitnessServer> witnesses = new ArrayList<>();
    LogServer neg = null;
    try {
      Map<String, WitnessServer> byObserver = new LinkedHashMap<>();
      for (Party p : treaty.parties()) {
        // The observers run witnesses, and so does each witness the treaty names: the policy
        // must name and count every one of those (WitnessRoles).
        if (p.role() == Role.OBSERVER || p.role() == Role.WITNESS) {
          WitnessServer w =
              WitnessServer.start(
                  WitnessOptions.builder()
                      .dataDir(dataDir.resolve("witnesses").resolve(p.id()))
                      .host(host)
                      .port(0)
                      .log(negKey)
                      .log(treatyKey)
                      .name("countersign.demo/witness-" + p.id())
                      .clock(clock)
                      .random(random)
                      .build());
          witnesses.add(w);
          byObserver.put(p.id(), w);
        }
      }
      neg =
          LogServer.start(
              negOptions.witnessing(witnessing(policyText(negKey, byObserver))).build());
      LogServer log =
          LogServer.start(
              treatyOptions.witnessing(witnessing(policyText(treatyKey, byObserver))).build());
      Files.writeString(dataDir.resolve("witness-policy.txt"), policyText(treatyKey, byObserver));
      Files.writeString(
          dataDir.resolve("negotiation-witness-policy.txt"), policyText(negKey, byObserver));
      return new FrameworkRun(dataDir, treaty, clock, witnesses, neg, log);
    } catch (IOException | StoreException | RuntimeException e) {
      if (neg != null) {
        neg.stop();
      }
      for (WitnessServer w : witnesses) {
        try {
          w.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static ServerOptions.Builder base(Path dir, String host, int port, InstantSource clock) {
    return ServerOptions.builder()
        .dataDir(dir)
        .host(host)
        .port(port)
        .batchMaxDelay(Duration.ofMillis(20))
        .clock(clock);
  }

  private static VerifierKey logKey(ServerOptions options, SecureRandom random) throws IOException {
    Files.createDirectories(options.dataDir());
    SignerKey key = LogKeyFile.loadOrCreate(options.logKeyFile(), options.origin(), random).key();
    return key.publicKey();
  }

  /** A policy of the observers' witnesses, two of three, for the log {@code log}. */
  private static String policyText(VerifierKey log, Map<String, WitnessServer> witnesses) {
    StringBuilder b = new StringBuilder("log ").append(log.encode()).append('\n');
    for (var w : witnesses.entrySet()) {
      b.append("witness ")
          .append(w.getKey())
          .append(' ')
          .append(w.getValue().verifierKey())
          .append(' ')
          .append(w.getValue().url())
          .append('\n');
    }
    b.append("group observers ")
        .append(Math.min(2, witnesses.size()))
        .append(' ')
        .append(String.join(" ", witnesses.keySet()))
        .append('\n');
    b.append("quorum observers\n");
    return b.toString();
  }

  private static WitnessingOptions witnessing(String policy) throws IOException {
    try {
      return WitnessingOptions.of(WitnessPolicy.parse(policy));
    } catch (MalformedInputException e) {
      throw new IOException("the demo's witness policy is malformed: " + e.getMessage(), e);
    }
  }

  /** The treaty log's URL. */
  public URI treatyUrl() {
    return treatyLog.url();
  }

  /** The negotiation log's URL. */
  public URI negotiationUrl() {
    return negotiation.url();
  }

  /** The treaty log's verifier key. */
  public String treatyKey() {
    return treatyLog.verifierKey();
  }

  /** The negotiation log's verifier key. */
  public String negotiationKey() {
    return negotiation.verifierKey();
  }

  /** The treaty log's origin. */
  public String treatyOrigin() {
    return treatyLog.origin();
  }

  /** The negotiation log's origin. */
  public String negotiationOrigin() {
    return negotiation.origin();
  }

  /** The witnesses' verifier keys, by observer. */
  public List<String> witnessKeys() {
    return witnesses.stream().map(WitnessServer::verifierKey).toList();
  }

  /** The published sizes: negotiation log, treaty log. */
  public long[] sizes() {
    return new long[] {negotiation.checkpoint().size(), treatyLog.checkpoint().size()};
  }

  /** Whether the scenario was completely logged in this data directory. */
  public boolean filled() {
    return Files.exists(dataDir.resolve(DemoRun.FILLED_MARKER));
  }

  /** What {@link #fillIfEmpty} logged. */
  public record Filled(
      SortedMap<String, Long> negotiationKinds,
      SortedMap<String, Long> treatyKinds,
      String agreedDigest,
      Map<String, Integer> declaredItems,
      Path escrowVault,
      Path texts) {}

  /**
   * Logs the scenario if both logs are empty; does nothing otherwise.
   *
   * @param parties the parties' signer keys, by party id
   * @param random the salts, the random values of the draw, the vault key
   */
  public Optional<Filled> fillIfEmpty(
      Map<String, SignerKey> parties,
      ForcePosture posture,
      String agreedText,
      SecureRandom random,
      PrintWriter progress)
      throws IOException {
    long[] sizes = sizes();
    if (sizes[0] > 0 || sizes[1] > 0) {
      return Optional.empty();
    }
    FrameworkScenario.Negotiation n;
    try {
      n = FrameworkScenario.negotiation(agreedText, random);
    } catch (TreatyException e) {
      throw new IllegalStateException("the agreed text does not load: " + e.getMessage(), e);
    }
    if (!n.agreedDigest().equals(treaty.digest())) {
      throw new IllegalStateException(
          "the agreed text's digest "
              + n.agreedDigest()
              + " is not the served treaty's "
              + treaty.digest());
    }
    Path texts = dataDir.resolve("negotiation");
    Files.createDirectories(texts);
    for (FrameworkScenario.Text t : n.texts()) {
      Files.writeString(texts.resolve(t.file()), t.text(), StandardCharsets.UTF_8);
    }

    SortedMap<String, Long> negKinds = new TreeMap<>();
    DemoFiller negFiller = filler(negotiation, parties, progress);
    negFiller.register(FrameworkScenario.ID, Instant.parse("2027-01-10T10:00:00Z"), negKinds);
    progress.println(
        "countersign: demo: negotiation log: sending " + n.statements().size() + " statements");
    progress.flush();
    negFiller.send(n.statements(), (long) parties.size() + n.statements().size(), negKinds);

    SortedMap<String, Long> kinds = new TreeMap<>();
    DemoFiller filler = filler(treatyLog, parties, progress);
    filler.register(treaty.id(), Instant.parse("2027-08-31T10:00:00Z"), kinds);
    FrameworkScenario.Implementation impl =
        FrameworkScenario.implementation(treaty, n.agreedDigest(), posture, random);
    Path vault = keepEscrow(impl, random);
    progress.println(
        "countersign: demo: treaty log: sending "
            + impl.statements().size()
            + " statements (adoptions, the initial data exchange, a launch notice, an escrow)");
    progress.flush();
    long expected = (long) parties.size() + impl.statements().size();
    VerifiedCheckpoint c = filler.send(impl.statements(), expected, kinds);
    List<Statement> inspection =
        FrameworkScenario.inspection(
            treaty,
            impl.escrow(),
            new InspectionCheckpoint(treatyLog.origin(), c.size(), c.root().hex()),
            random);
    progress.println("countersign: demo: treaty log: an inspection with a joint random draw");
    progress.flush();
    filler.send(inspection, c.size() + inspection.size(), kinds);
    Files.writeString(
        dataDir.resolve(DemoRun.FILLED_MARKER),
        "negotiation and first months of the agreed text logged\n",
        StandardCharsets.UTF_8);
    return Optional.of(
        new Filled(negKinds, kinds, n.agreedDigest(), impl.declared(), vault, texts));
  }

  private DemoFiller filler(LogServer server, Map<String, SignerKey> parties, PrintWriter progress)
      throws IOException {
    try {
      return new DemoFiller(
          new LogHttpClient(server.url(), Duration.ofSeconds(60), Duration.ofMinutes(2)),
          LogKey.parse(server.verifierKey()),
          parties,
          clock,
          progress);
    } catch (MalformedInputException e) {
      throw new IOException("the demo server's key is unusable: " + e.getMessage(), e);
    }
  }

  private Path keepEscrow(FrameworkScenario.Implementation impl, SecureRandom random)
      throws IOException {
    Path dir = dataDir.resolve("parties");
    Files.createDirectories(dir);
    Path keyFile = dir.resolve("US-escrow.key");
    try {
      EscrowVault.createKeyFile(keyFile, random);
    } catch (FileAlreadyExistsException e) {
      // A key from an earlier, interrupted fill: reuse it.
    }
    Path vault = dir.resolve("US-escrow-" + FrameworkScenario.EXCHANGE_DAY + ".vault");
    try (EscrowVault v = EscrowVault.withKeyFile(keyFile)) {
      v.write(vault, impl.escrow(), random);
    }
    return vault;
  }

  /** Stops both servers and the witnesses. Idempotent. */
  @Override
  public void close() {
    treatyLog.stop();
    negotiation.stop();
    for (WitnessServer w : witnesses) {
      try {
        w.close();
      } catch (IOException e) {
        // stopping: nothing more to do
      }
    }
  }
}
