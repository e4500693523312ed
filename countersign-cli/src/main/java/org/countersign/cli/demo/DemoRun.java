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
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.countersign.cli.client.LogHttpClient;
import org.countersign.cli.verify.LogKey;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.SignerKey;
import org.countersign.server.LogServer;
import org.countersign.server.ServerOptions;
import org.countersign.store.StoreException;
import org.countersign.treaty.escrow.EscrowVault;
import org.countersign.treaty.model.Party;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.protocol.FirstKeys;

/**
 * A running demo: the log server on the embedded store in {@code <data>/log}, and, the first time,
 * the demo history sent to it.
 *
 * <p>Layout of the data directory: {@code log/} (the server's key and SQLite store), {@code
 * parties/} (the demo parties' signer keys and the United States' escrow vault, mode 600) and
 * {@code demo-filled} (written once the history is logged). A restart on a filled directory serves
 * what is there; a log that was left half filled (the demo was stopped while filling) is served as
 * it is, with a warning, because statements cannot be taken back.
 */
public final class DemoRun implements AutoCloseable {
  /** Name of the marker file written once the history is logged. */
  public static final String FILLED_MARKER = "demo-filled";

  private final Path dataDir;
  private final Treaty treaty;
  private final LogServer server;
  private final LogKey logKey;
  private final HistoryClock clock;

  private DemoRun(Path dataDir, Treaty treaty, LogServer server, HistoryClock clock)
      throws MalformedInputException {
    this.dataDir = dataDir;
    this.treaty = treaty;
    this.server = server;
    this.clock = clock;
    this.logKey = LogKey.parse(server.verifierKey());
  }

  /**
   * Starts the log server for {@code treaty} in {@code dataDir/log}, admitting as first keys only
   * {@code firstKeys} (the demo parties' keys).
   *
   * @throws IOException if the port is taken or the data directory cannot be used
   */
  public static DemoRun start(
      Path dataDir, String host, int port, Treaty treaty, FirstKeys firstKeys)
      throws IOException, StoreException {
    HistoryClock clock = new HistoryClock(InstantSource.system());
    Set<String> participants = new LinkedHashSet<>();
    treaty.parties().stream().map(Party::id).forEach(participants::add);
    ServerOptions options =
        ServerOptions.builder()
            .dataDir(dataDir.resolve("log"))
            .host(host)
            .port(port)
            .treaty(treaty)
            .treatyId(treaty.id())
            .participants(participants)
            .firstKeys(firstKeys)
            .batchMaxDelay(Duration.ofMillis(20))
            .clock(clock)
            .build();
    LogServer server = LogServer.start(options);
    try {
      return new DemoRun(dataDir, treaty, server, clock);
    } catch (MalformedInputException | RuntimeException e) {
      server.stop();
      throw new IOException("the demo server's key is unusable: " + e.getMessage(), e);
    }
  }

  /** The server's base URL. */
  public URI url() {
    return server.url();
  }

  /** The log's verifier key. */
  public String verifierKey() {
    return server.verifierKey();
  }

  /** The log's origin. */
  public String origin() {
    return server.origin();
  }

  /** The published tree size. */
  public long size() {
    return server.checkpoint().size();
  }

  /** Whether the history was completely logged in this data directory. */
  public boolean filled() {
    return Files.exists(dataDir.resolve(FILLED_MARKER));
  }

  /** What {@link #fillIfEmpty} logged. */
  public record Filled(long statements, Map<String, Long> kinds, long treeSize, Path escrowVault) {}

  /**
   * Logs the demo history if the log is empty; does nothing on a log that holds anything.
   *
   * @param parties the parties' signer keys, by participant id
   * @param clock the real time (historical statements are sent on the server's simulated clock)
   * @param random the escrow salts and vault key
   * @param progress where progress lines go
   */
  public Optional<Filled> fillIfEmpty(
      Map<String, SignerKey> parties,
      InstantSource clock,
      SecureRandom random,
      PrintWriter progress)
      throws IOException {
    if (size() > 0) {
      return Optional.empty();
    }
    DemoHistory.Script script = DemoHistory.build(treaty, clock.instant(), random);
    Path vault = keepEscrow(script, random);
    LogHttpClient client =
        new LogHttpClient(server.url(), Duration.ofSeconds(60), Duration.ofMinutes(2));
    DemoFiller.Filled done =
        new DemoFiller(client, logKey, parties, this.clock, progress)
            .fill(treaty.id(), script.statements());
    Files.writeString(
        dataDir.resolve(FILLED_MARKER),
        done.statements() + " statements logged; tree size " + done.checkpoint().size() + "\n",
        StandardCharsets.UTF_8);
    return Optional.of(
        new Filled(done.statements(), done.kinds(), done.checkpoint().size(), vault));
  }

  /** Seals the escrowed declaration's items and salts in the United States' vault (mode 600). */
  private Path keepEscrow(DemoHistory.Script script, SecureRandom random) throws IOException {
    Path dir = dataDir.resolve("parties");
    Files.createDirectories(dir);
    Path keyFile = dir.resolve("US-escrow.key");
    try {
      EscrowVault.createKeyFile(keyFile, random);
    } catch (FileAlreadyExistsException e) {
      // A key from an earlier, interrupted fill: reuse it.
    }
    Path vault = dir.resolve("US-escrow-" + script.escrowAsOf() + ".vault");
    try (EscrowVault v = EscrowVault.withKeyFile(keyFile)) {
      v.write(vault, script.escrow(), random);
    }
    return vault;
  }

  /** Stops the server gracefully. Idempotent. */
  @Override
  public void close() {
    server.stop();
  }
}
