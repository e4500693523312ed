package org.countersign.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.VerifierKey;
import org.countersign.witness.server.WitnessOptions;
import org.countersign.witness.server.WitnessServer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code countersign witness --data DIR --log VKEY ...}: runs a C2SP tlog-witness server until
 * stopped.
 */
@Command(
    name = "witness",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a witness (C2SP tlog-witness v1.0.0) that cosigns a log's consistent checkpoints.",
      "It cosigns a checkpoint only if it is consistent with every checkpoint of that log it",
      "cosigned before, and keeps evidence of any conflict. On first start it creates its key",
      "in DIR (mode 600). It prints its",
      "cosignature verifier key on stdout: put that line in your witness policies.",
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:stopped",
      "2:bad usage (bad key, name or folder)",
      "3:cannot listen or" + " open the data folder"
    })
final class WitnessCommand extends CliCommand {
  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "folder for the key (witness.key), state (witness.db) and evidence/")
  Path data;

  @Option(
      names = "--log",
      required = true,
      paramLabel = "VKEY",
      description = "verifier key of a log to witness; its name is the log's origin (repeatable)")
  List<String> logs = new ArrayList<>();

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "7380",
      description = "port to listen on (default ${DEFAULT-VALUE}; 0 for any free port)")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description = "address to listen on (default ${DEFAULT-VALUE})")
  String host;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "witness name for a new key, e.g. a domain you control (default:"
              + " witness-<random>); must match an existing key")
  @Nullable String name;

  /** Released to stop the server (by the shutdown hook, or by a test interrupting the thread). */
  private final CountDownLatch stop = new CountDownLatch(1);

  @Override
  int execute() throws IOException {
    WitnessOptions.Builder b = WitnessOptions.builder().dataDir(data).host(host);
    try {
      b.port(port);
      for (String text : logs) {
        b.log(VerifierKey.parse(text));
      }
    } catch (MalformedInputException | IllegalArgumentException e) {
      throw CommandFailure.usage("--log: " + e.getMessage());
    }
    SecureRandom random = new SecureRandom();
    boolean newKey = !java.nio.file.Files.exists(data.resolve("witness.key"));
    if (name != null) {
      b.name(name);
    } else if (newKey) {
      byte[] suffix = new byte[4];
      random.nextBytes(suffix);
      b.name("witness-" + HexFormat.of().formatHex(suffix));
    }
    b.random(random);
    // The signal before the server, closed after it (see StopSignal).
    try (StopSignal signal = new StopSignal(stop, "witness-shutdown");
        WitnessServer server = start(b)) {
      writeStdout(server.verifierKey() + "\n");
      err()
          .println(
              "countersign: witness "
                  + (newKey ? "created, " : "")
                  + "listening on "
                  + server.url()
                  + " for "
                  + logs.size()
                  + " log(s); data in "
                  + data);
      err().flush();
      signal.await();
    }
    return ExitCodes.OK;
  }

  /** Starts the witness server; options it refuses are bad usage. */
  private static WitnessServer start(WitnessOptions.Builder options) throws IOException {
    try {
      return WitnessServer.start(options.build());
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage(CommandFailure.reason(e));
    }
  }
}
