package org.countersign.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.VerifierKey;
import org.countersign.witness.monitor.HttpLogReader;
import org.countersign.witness.monitor.Monitor;
import org.countersign.witness.monitor.MonitorResult;
import org.countersign.witness.monitor.Webhook;
import org.countersign.witness.policy.WitnessPolicy;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code countersign monitor --server URL --vkey VKEY --witness-policy FILE}: follows a log and
 * alerts on anything that is not a witnessed, consistent extension of what it saw before.
 */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description = {
      "Follows a log and alerts on anything but a witnessed, consistent extension.",
      "It checks each new checkpoint's signature and cosignatures",
      "against the witness policy, its consistency with the last one seen (from the log's",
      "verified tiles), and the new entries. Writes split-view evidence on a conflict and",
      "alerts by a line on stdout, a webhook POST, and the exit status.",
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:with --once, no alert",
      "1:an alert (with --once), or a split view (which ends the loop)",
      "2:bad usage: bad key, policy or URL",
      "3:I/O error on the state file",
    })
final class MonitorCommand extends CliCommand {
  @Option(
      names = "--server",
      required = true,
      paramLabel = "URL",
      description = "the log's URL prefix (serving /checkpoint and /tile/...)")
  URI server;

  @Option(
      names = "--vkey",
      required = true,
      paramLabel = "VKEY",
      description = "the log's verifier key; its name is the origin")
  String vkey;

  @Option(
      names = "--witness-policy",
      required = true,
      paramLabel = "FILE",
      description = "C2SP tlog-policy file: which witnesses must cosign")
  Path policyFile;

  @Option(
      names = "--interval",
      paramLabel = "S",
      defaultValue = "60",
      description = "seconds between checks (default ${DEFAULT-VALUE})")
  long intervalSeconds;

  @Option(names = "--once", description = "check once and exit")
  boolean once;

  @Option(names = "--webhook", paramLabel = "URL", description = "POST alerts here")
  @Nullable URI webhook;

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description = "keep the last accepted checkpoint here between runs")
  @Nullable Path state;

  @Option(
      names = "--evidence-dir",
      paramLabel = "DIR",
      defaultValue = "evidence",
      description = "where split-view evidence is written (default ${DEFAULT-VALUE})")
  Path evidenceDir;

  @Override
  int execute() throws IOException {
    VerifierKey key;
    WitnessPolicy policy;
    try {
      key = VerifierKey.parse(vkey);
      policy = WitnessPolicy.parse(InputFiles.read(policyFile, 64 * 1024, "policy file"));
    } catch (MalformedInputException e) {
      throw CommandFailure.usage(Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
    if (intervalSeconds < 1) {
      throw CommandFailure.usage("--interval must be at least 1 second, got " + intervalSeconds);
    }
    if (policy.logs().stream().noneMatch(l -> l.key().equals(key))) {
      throw CommandFailure.usage("the witness policy does not list the log key " + key.id());
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    Monitor monitor;
    try {
      monitor =
          new Monitor(
              new HttpLogReader(server, http, Duration.ofSeconds(30)),
              key,
              policy,
              Optional.ofNullable(state),
              evidenceDir);
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage(Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
    Optional<Webhook> hook = Optional.ofNullable(webhook).map(u -> new Webhook(u, http));
    while (true) {
      MonitorResult r = monitor.checkOnce();
      writeStdout(Instant.now() + " " + r.status() + " " + r.message() + "\n");
      if (r.isAlert() && hook.isPresent()) {
        try {
          hook.get().post(key.name(), r);
        } catch (IOException e) {
          err().println("countersign: webhook failed: " + e.getMessage());
          err().flush();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return ExitCodes.VERIFICATION_FAILED;
        }
      }
      if (once) {
        return r.isAlert() ? ExitCodes.VERIFICATION_FAILED : ExitCodes.OK;
      }
      if (r.status() == MonitorResult.Status.SPLIT_VIEW) {
        return ExitCodes.VERIFICATION_FAILED;
      }
      try {
        Thread.sleep(Duration.ofSeconds(intervalSeconds));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCodes.OK;
      }
    }
  }
}
