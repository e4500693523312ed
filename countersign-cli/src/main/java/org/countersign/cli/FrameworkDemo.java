package org.countersign.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.countersign.cli.demo.FrameworkRun;
import org.countersign.cli.demo.FrameworkScenario;
import org.countersign.log.note.SignerKey;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.forces.ForcePostureException;
import org.countersign.treaty.forces.ForcePostureLoader;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Party;
import org.countersign.treaty.model.Role;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.protocol.FirstKeys;
import org.jspecify.annotations.Nullable;

/**
 * {@code countersign demo --scenario integrated-framework}: the hypothetical trilateral negotiation
 * and the first months of the text it agrees on ({@link FrameworkScenario}), served by {@link
 * FrameworkRun}, with what to open and the commands that recompute each figure.
 */
final class FrameworkDemo {
  private final DemoCommand command;
  private final Path data;
  private final String host;
  private final int port;
  private final @Nullable Path treatyFile;
  private final CountDownLatch stop;

  FrameworkDemo(
      DemoCommand command,
      Path data,
      String host,
      int port,
      @Nullable Path treatyFile,
      CountDownLatch stop) {
    this.command = command;
    this.data = data;
    this.host = host;
    this.port = port;
    this.treatyFile = treatyFile;
    this.stop = stop;
  }

  int run() throws IOException {
    Path file = treatyFile == null ? Path.of("treaties/integrated-framework.yaml") : treatyFile;
    String text;
    if (Files.isRegularFile(file)) {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } else if (treatyFile != null) {
      throw new CommandFailure(ExitCodes.IO_ERROR, "--treaty " + file + ": no such file");
    } else {
      try (InputStream in =
          TreatyLoader.class.getResourceAsStream("/treaties/" + FrameworkScenario.ID + ".yaml")) {
        if (in == null) {
          throw CommandFailure.usage("the built-in " + FrameworkScenario.ID + " text is missing");
        }
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    Treaty treaty;
    try {
      treaty = TreatyLoader.parse(file.toString(), text.getBytes(StandardCharsets.UTF_8));
    } catch (TreatyException e) {
      throw CommandFailure.usage("--treaty " + file + ": " + e.getMessage());
    }
    if (!treaty.id().equals(FrameworkScenario.ID)) {
      throw CommandFailure.usage(
          "--treaty " + file + ": the scenario needs treaty id " + FrameworkScenario.ID);
    }
    ForcePosture posture;
    try {
      posture = ForcePostureLoader.builtIn();
    } catch (ForcePostureException e) {
      throw CommandFailure.usage("the shipped force-posture file: " + e.getMessage());
    }
    List<Party> parties = treaty.parties().stream().filter(p -> p.role() == Role.PARTY).toList();
    Map<String, SignerKey> keys = DemoCommand.partyKeys(data, parties);
    // Both logs admit as first keys only the parties' demo keys (the ceremony's stand-in).
    FirstKeys firstKeys = DemoCommand.writeFirstKeys(data, keys);
    // The signal before the servers, closed after them (see StopSignal).
    try (StopSignal signal = new StopSignal(stop, "demo-shutdown");
        FrameworkRun demo = start(treaty, firstKeys)) {
      command
          .err()
          .println(
              "countersign: demo: negotiation log "
                  + demo.negotiationOrigin()
                  + " at "
                  + demo.negotiationUrl()
                  + ", treaty log "
                  + demo.treatyOrigin()
                  + " at "
                  + demo.treatyUrl()
                  + ", from "
                  + data);
      command.err().flush();
      Optional<FrameworkRun.Filled> filled =
          demo.fillIfEmpty(keys, posture, text, new SecureRandom(), command.err());
      command.writeStdout(summary(demo, filled, file, firstKeys));
      signal.await();
    }
    return ExitCodes.OK;
  }

  /** Starts the demo's two log servers, their failures as the command's exit statuses. */
  private FrameworkRun start(Treaty treaty, FirstKeys firstKeys) {
    try {
      return FrameworkRun.start(data, host, port, treaty, firstKeys);
    } catch (IOException e) {
      throw DemoCommand.startFailure(e, "try --port; the negotiation log takes the next port");
    }
  }

  private static String trim(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private String summary(
      FrameworkRun demo, Optional<FrameworkRun.Filled> filled, Path file, FirstKeys firstKeys) {
    Path firstKeysFile = data.resolve(DemoCommand.FIRST_KEYS_FILE);
    String log = trim(demo.treatyUrl().toString());
    String neg = trim(demo.negotiationUrl().toString());
    String day = FrameworkScenario.REPORT_DAY.toString();
    Path texts = data.resolve("negotiation");
    StringBuilder b = new StringBuilder("\n");
    b.append(
            "Countersign demo: a HYPOTHETICAL integrated-framework negotiation (US, RU, CN), 2027\n")
        .append("  Not a real agreement or any government's position: invented positions on the\n")
        .append(
            "  force-posture file's figures (published estimates; stated assumptions marked).\n\n");
    if (filled.isPresent()) {
      FrameworkRun.Filled f = filled.get();
      b.append("  negotiation log ").append(neg).append('\n');
      f.negotiationKinds()
          .forEach((k, n) -> b.append(String.format("                    %-24s %d%n", k, n)));
      b.append("  agreed text     ")
          .append(f.agreedDigest())
          .append(" (")
          .append(file)
          .append(")\n");
      b.append("  treaty log      ").append(log).append('\n');
      f.treatyKinds()
          .forEach((k, n) -> b.append(String.format("                    %-24s %d%n", k, n)));
      b.append("  declared items  ");
      String sep = "";
      for (var e : f.declaredItems().entrySet()) {
        b.append(sep).append(e.getKey()).append(' ').append(e.getValue());
        sep = ", ";
      }
      b.append(
          " (the force-posture file's figures as items; systems without a figure are not"
              + " declared)\n");
      b.append("  escrow          the US items and salts behind its commitment: ")
          .append(f.escrowVault())
          .append('\n');
    } else if (!demo.filled()) {
      b.append("  WARNING         the logs were left partly filled; delete ")
          .append(data)
          .append(" and run the demo again\n");
    } else {
      long[] sizes = demo.sizes();
      b.append("  logs            already filled: negotiation ")
          .append(sizes[0])
          .append(" entries, treaty ")
          .append(sizes[1])
          .append(" entries\n");
    }
    b.append("  witnesses       KZ, MX, ZA (observers) and witness-network cosign both logs;")
        .append(" 2 of 4 required: ")
        .append(data.resolve("witness-policy.txt"))
        .append('\n');
    b.append("  first keys      ")
        .append(firstKeysFile)
        .append("  (sha256 ")
        .append(firstKeys.digest())
        .append(")\n                  the parties' first keys, agreed outside the logs: both logs")
        .append(" admit no other\n");
    b.append("  texts           ").append(texts).append("/*.yaml (openings, counter, agreed)\n\n");
    b.append("Open\n");
    b.append("  ").append(log).append("/  (the treaty log: compliance, inspections, escrow)\n");
    b.append("  ")
        .append(neg)
        .append(
            "/api/v1/negotiation?at=2027-12-31T00:00:00Z&format=text  (the negotiation record)\n\n");
    b.append("Recompute each figure\n");
    b.append("  negotiation   ./countersign negotiation report --log ")
        .append(neg)
        .append(" --vkey '")
        .append(demo.negotiationKey())
        .append("' --first-keys ")
        .append(firstKeysFile)
        .append('\n');
    b.append("  diff          ./countersign proposal diff ")
        .append(texts.resolve("1-us-opening.yaml"))
        .append(' ')
        .append(texts.resolve("4-ru-counter.yaml"))
        .append('\n');
    b.append("  what it asks  ./countersign proposal evaluate ")
        .append(file)
        .append(" --log ")
        .append(log)
        .append(" --treaty ")
        .append(file)
        .append(" --vkey '")
        .append(demo.treatyKey())
        .append("' --at ")
        .append(day)
        .append(" --first-keys ")
        .append(firstKeysFile)
        .append('\n');
    b.append("                (the same bytes: --server ").append(log).append(")\n");
    b.append("  stability     ./countersign stability assess --log ")
        .append(log)
        .append(" --treaty ")
        .append(file)
        .append(" --vkey '")
        .append(demo.treatyKey())
        .append("' --at ")
        .append(day)
        .append(" --proposal ")
        .append(file)
        .append(" --no-sensitivity --first-keys ")
        .append(firstKeysFile)
        .append('\n');
    b.append("  compliance    ./countersign compliance --log ")
        .append(log)
        .append(" --treaty ")
        .append(file)
        .append(" --vkey '")
        .append(demo.treatyKey())
        .append("' --at ")
        .append(day)
        .append(" --first-keys ")
        .append(firstKeysFile)
        .append('\n');
    b.append("  audit         ./countersign audit --server ")
        .append(log)
        .append(" --vkey '")
        .append(demo.treatyKey())
        .append("' --witness-policy ")
        .append(data.resolve("witness-policy.txt"))
        .append(" --first-keys ")
        .append(firstKeysFile)
        .append('\n');
    b.append("                ./countersign audit --server ")
        .append(neg)
        .append(" --vkey '")
        .append(demo.negotiationKey())
        .append("' --witness-policy ")
        .append(data.resolve("negotiation-witness-policy.txt"))
        .append(" --first-keys ")
        .append(firstKeysFile)
        .append("\n\n");
    b.append("Two servers run in this process (one per log, each with its own key and origin).\n");
    b.append("Serving until Ctrl-C.\n");
    return b.toString();
  }
}
