package org.countersign.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.countersign.cli.demo.DemoRun;
import org.countersign.cli.demo.FrameworkRun;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;
import org.countersign.store.StoreException;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Party;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.protocol.FirstKeys;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code countersign demo [--scenario S] [--data DIR] [--port P]}: the main job a newcomer runs. By
 * default ({@code new-start}) starts a New START log on the embedded store, fills it the first time
 * with the treaty's recorded history signed by demo keys of both parties, prints how to look at it
 * and audit it, and serves until stopped.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a New START log filled with the treaty's history (2011-2023), to look at and to audit.",
      "The first run creates demo keys for the parties in DIR/parties and submits, through the HTTP API,",
      "the treaty adoptions, every published data exchange, item-level declarations reproducing their",
      "figures, change notifications, Russia's suspension, an escrowed declaration with a reveal and two",
      "launch notices. Later runs serve what DIR holds. Stop with Ctrl-C (the batch in flight is finished).",
      "--scenario integrated-framework runs instead a HYPOTHETICAL US-Russia-China negotiation on its",
      "own log and the first months of the text agreed on a second log (docs/negotiation.md).",
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:stopped", "2:bad usage or treaty file", "3:cannot listen, or use DIR"})
final class DemoCommand extends CliCommand {
  @Option(
      names = "--scenario",
      paramLabel = "NAME",
      defaultValue = "new-start",
      description = {
        "new-start (default): New START's recorded history;",
        "integrated-framework: a HYPOTHETICAL trilateral negotiation (US, Russia, China) on its own",
        "log, then the first months of the text agreed, on the force-posture file's figures"
      })
  String scenario;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "folder for the logs, the party keys and the escrow vault (default demo-data, or"
              + " demo-data-framework for --scenario integrated-framework)")
  @org.jspecify.annotations.Nullable
  Path data;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "8080",
      description = "port (default ${DEFAULT-VALUE}; 0 for any free port)")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description = "address to listen on (default ${DEFAULT-VALUE})")
  String host;

  @Option(
      names = "--treaty",
      paramLabel = "FILE",
      description =
          "the treaty file (default treaties/new-start.yaml, or treaties/integrated-framework.yaml"
              + " for that scenario; the built-in copy if absent)")
  @org.jspecify.annotations.Nullable
  Path treatyFile;

  final CountDownLatch stop = new CountDownLatch(1);
  private List<String> partyIds = List.of();
  private FirstKeys firstKeys = FirstKeys.none();

  /** The demo's first-keys file, in the data directory. */
  static final String FIRST_KEYS_FILE = "first-keys.txt";

  /** Lets an in-process caller end the demo as Ctrl-C would. */
  void requestStop() {
    stop.countDown();
  }

  @Override
  int execute() throws IOException {
    quietBatchLogs();
    if (!List.of("new-start", FrameworkRun.SCENARIO).contains(scenario)) {
      throw CommandFailure.usage(
          "--scenario must be new-start or " + FrameworkRun.SCENARIO + ", got " + scenario);
    }
    if (data == null) {
      data = Path.of(scenario.equals("new-start") ? "demo-data" : "demo-data-framework");
    }
    checkScenarioOf(data);
    if (!scenario.equals("new-start")) {
      return new FrameworkDemo(this, data, host, port, treatyFile, stop).run();
    }
    Path data = this.data;
    Treaty treaty = loadTreaty();
    Map<String, SignerKey> keys = partyKeys(treaty);
    partyIds = List.copyOf(keys.keySet()).reversed(); // US first, then RU
    firstKeys = writeFirstKeys(keys);
    // The signal before the server, closed after it (see StopSignal).
    try (StopSignal signal = new StopSignal(stop, "demo-shutdown");
        DemoRun demo = start(data, treaty)) {
      err()
          .println(
              "countersign: demo: log "
                  + demo.origin()
                  + " serving "
                  + demo.url()
                  + " from "
                  + data);
      err().flush();
      Optional<DemoRun.Filled> filled =
          demo.fillIfEmpty(keys, InstantSource.system(), new SecureRandom(), err());
      writeStdout(summary(demo, filled));
      signal.await();
    }
    return ExitCodes.OK;
  }

  /** Starts the demo's log server, its failures as the command's exit statuses. */
  private DemoRun start(Path data, Treaty treaty) {
    try {
      return DemoRun.start(data, host, port, treaty, firstKeys);
    } catch (StoreException e) {
      throw new CommandFailure(
          ExitCodes.IO_ERROR, "cannot open the demo store in " + data + ": " + e.getMessage());
    } catch (IOException e) {
      throw startFailure(e, "try --port");
    }
  }

  /**
   * A demo's failure to start as exit 3; when a port was taken ("cannot listen ..."), {@code
   * portHint} says which option frees it.
   */
  static CommandFailure startFailure(IOException e, String portHint) {
    String message = String.valueOf(e.getMessage());
    return new CommandFailure(
        ExitCodes.IO_ERROR, message.contains("listen") ? message + " (" + portHint + ")" : message);
  }

  private String summary(DemoRun demo, Optional<DemoRun.Filled> filled) {
    Path data = java.util.Objects.requireNonNull(this.data);
    String base = demo.url().toString();
    String server = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    StringBuilder b = new StringBuilder("\n");
    b.append("Countersign demo: New START, the published data exchanges 2011-2023\n\n");
    if (filled.isPresent()) {
      DemoRun.Filled f = filled.get();
      b.append("  logged     ")
          .append(f.statements())
          .append(" statements signed by US and RU demo keys:\n");
      f.kinds().forEach((k, n) -> b.append(String.format("               %-24s %d%n", k, n)));
      b.append("  escrow     the US items and salts behind its escrowed declaration: ")
          .append(f.escrowVault())
          .append('\n');
    } else if (!demo.filled()) {
      b.append(
              "  WARNING    this log was left partly filled (the demo was stopped while filling);\n")
          .append("             delete ")
          .append(data)
          .append(" and run the demo again for the full history\n");
    } else {
      b.append("  log        already filled: ").append(demo.size()).append(" entries\n");
    }
    b.append("  open       ")
        .append(base)
        .append("  (JSON: ")
        .append(base)
        .append("api/v1/log, ")
        .append(base)
        .append("api/v1/entries/0)\n");
    b.append("  log key    ").append(demo.verifierKey()).append('\n');
    // The parties' keys are registered in the log: a user acting as a party signs with them (a
    // new key for US or RU would be refused as not the registered one).
    Path parties = data.resolve("parties");
    b.append("  party keys ");
    String sep = "";
    for (String id : partyIds) {
      b.append(sep).append(parties.resolve(id + ".key"));
      sep = ", ";
    }
    b.append("\n             submit as a party: ./countersign submit --server ")
        .append(server)
        .append(" --key ")
        .append(parties.resolve(partyIds.isEmpty() ? "US.key" : partyIds.get(0) + ".key"))
        .append(" --log-vkey '")
        .append(demo.verifierKey())
        .append("' STATEMENT.json\n");
    b.append("  first keys ")
        .append(firstKeysFile())
        .append("  (sha256 ")
        .append(firstKeys.digest())
        .append(")\n             the parties' first keys, agreed outside the log: the log admits")
        .append(" no other\n");
    b.append("  audit it   ./countersign audit --server ")
        .append(server)
        .append(" --vkey '")
        .append(demo.verifierKey())
        .append("' --first-keys ")
        .append(firstKeysFile())
        .append("\n\n");
    b.append("Serving until Ctrl-C.\n");
    return b.toString();
  }

  /**
   * The sequencer logs a line per batch: right for an operator of {@code serve}, noise for a
   * newcomer watching the demo fill (hundreds of lines). Warnings and errors still show.
   */
  private static void quietBatchLogs() {
    if (LoggerFactory.getLogger("org.countersign.server.sequence")
        instanceof ch.qos.logback.classic.Logger l) {
      l.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  private Treaty loadTreaty() {
    Path file = treatyFile == null ? Path.of("treaties/new-start.yaml") : treatyFile;
    try {
      return Files.isRegularFile(file)
          ? TreatyLoader.load(file)
          : TreatyLoader.builtIn("new-start");
    } catch (TreatyException e) {
      throw CommandFailure.usage("--treaty " + file + ": " + e.getMessage());
    }
  }

  /**
   * Refuses a data directory that holds the other scenario: its logs would be served under the
   * wrong treaty. A directory without the marker is New START's (older demos wrote none).
   */
  private void checkScenarioOf(Path dir) throws IOException {
    Path marker = dir.resolve("scenario");
    boolean used = Files.isDirectory(dir.resolve("log")) || Files.exists(marker);
    if (!used) {
      if (!scenario.equals("new-start")) {
        Files.createDirectories(dir);
        Files.writeString(marker, scenario + "\n");
      }
      return;
    }
    String held = Files.exists(marker) ? Files.readString(marker).strip() : "new-start";
    if (!held.equals(scenario)) {
      throw CommandFailure.usage(
          dir
              + " holds the "
              + held
              + " demo, not "
              + scenario
              + ": give another --data or delete "
              + dir);
    }
  }

  private Path firstKeysFile() {
    return Objects.requireNonNull(data, "execute() sets --data's default before this is read")
        .resolve(FIRST_KEYS_FILE);
  }

  /**
   * Writes DIR/first-keys.txt: the demo's stand-in for the key ceremony, where each party hands its
   * verifier key to the others outside the log. Rewritten on every start from the party keys, so it
   * always names the keys the log admits.
   */
  private FirstKeys writeFirstKeys(Map<String, SignerKey> keys) throws IOException {
    return writeFirstKeys(java.util.Objects.requireNonNull(data), keys);
  }

  /**
   * Writes {@code data}/first-keys.txt naming {@code keys}' verifier keys (the ceremony's stand-in
   * of both demo scenarios).
   */
  static FirstKeys writeFirstKeys(Path data, Map<String, SignerKey> keys) throws IOException {
    Map<String, VerifierKey> agreed = new TreeMap<>();
    for (Map.Entry<String, SignerKey> e : keys.entrySet()) {
      try {
        agreed.put(e.getKey(), VerifierKey.parse(e.getValue().verifierKey()));
      } catch (MalformedInputException ex) {
        throw new IllegalStateException("a demo key has an unusable verifier key", ex);
      }
    }
    FirstKeys first = FirstKeys.of(agreed);
    Files.createDirectories(data);
    Files.writeString(
        data.resolve(FIRST_KEYS_FILE),
        FirstKeys.HEADER
            + "\n# The demo's first keys: in a real deployment, each party hands its key to the"
            + " others\n# outside the log, and all compare the file's digest (docs/security.md).\n"
            + first.format().substring(FirstKeys.HEADER.length() + 1),
        StandardCharsets.UTF_8);
    return first;
  }

  /** Each party's demo key from DIR/parties, created (mode 600) on first use. */
  private Map<String, SignerKey> partyKeys(Treaty treaty) throws IOException {
    return partyKeys(java.util.Objects.requireNonNull(data), treaty.parties());
  }

  /** Each party's demo key from DIR/parties, created (mode 600) on first use. */
  static Map<String, SignerKey> partyKeys(Path data, List<Party> parties) throws IOException {
    Path dir = data.resolve("parties");
    Files.createDirectories(dir);
    SecureRandom random = new SecureRandom();
    Map<String, SignerKey> keys = new TreeMap<>();
    for (Party p : parties) {
      Path file = dir.resolve(p.id() + ".key");
      SignerKey key;
      if (Files.exists(file)) {
        key = KeyFiles.read(file);
      } else {
        key = SignerKey.generate("countersign.demo/" + p.id(), random);
        KeyFiles.write(file, key, false);
      }
      keys.put(p.id(), key);
    }
    return keys;
  }
}
