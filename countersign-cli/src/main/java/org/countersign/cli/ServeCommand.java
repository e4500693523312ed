package org.countersign.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.countersign.objectstore.BucketLocation;
import org.countersign.server.LogServer;
import org.countersign.server.ServerOptions;
import org.countersign.server.witness.WitnessingOptions;
import org.countersign.store.StoreException;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Party;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.protocol.FirstKeys;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code countersign serve --data DIR [--port P] [--postgres URL] [--treaty FILE|ID]
 * [--witness-policy FILE]}: runs the log server until stopped (Ctrl-C or SIGTERM finish the batch
 * in flight first). With a witness policy, a checkpoint is published only once the policy's quorum
 * of witnesses cosigned it.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the transparency log server for one treaty.",
      "Parties POST signed statements, everyone",
      "reads the C2SP checkpoint and tiles. On first start it creates the log's signing key in DIR",
      "(log.key, mode 600). It prints the log's verifier key on stdout: give it to every client",
      "and witness. Storage is SQLite in DIR unless --postgres names a database.",
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:stopped",
      "2:bad usage (bad option, treaty file or key name)",
      "3:cannot listen, or open the data folder or database"
    })
final class ServeCommand extends CliCommand {
  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "folder for the log key (log.key) and, without --postgres, the SQLite store")
  Path data;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "8080",
      description = "port to listen on (default ${DEFAULT-VALUE}; 0 for any free port)")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description = "address to listen on (default ${DEFAULT-VALUE})")
  String host;

  @Option(
      names = "--postgres",
      paramLabel = "URL",
      description = "PostgreSQL database (jdbc:postgresql://... or postgresql://user:pw@host/db)")
  @Nullable String postgres;

  @Option(
      names = "--treaty",
      paramLabel = "FILE|ID",
      defaultValue = "new-start",
      description =
          "treaty file, or the id of a built-in treaty (default ${DEFAULT-VALUE});"
              + " its participants are the only accepted authors, every statement is checked"
              + " against it, and its compliance report is served at /api/v1/compliance")
  String treaty;

  @Option(
      names = "--origin",
      paramLabel = "NAME",
      description = "log origin and key name (default countersign.local/<treaty id>)")
  @Nullable String origin;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "1024",
      description = "most entries per checkpoint (default ${DEFAULT-VALUE})")
  int batchSize;

  @Option(
      names = "--batch-delay",
      paramLabel = "MS",
      defaultValue = "100",
      description = "longest wait for a batch to fill, in ms (default ${DEFAULT-VALUE})")
  long batchDelayMillis;

  @Option(
      names = "--max-pending",
      paramLabel = "N",
      defaultValue = "4096",
      description = "submissions queued before the server answers 503 (default ${DEFAULT-VALUE})")
  int maxPending;

  @Option(
      names = "--witness-policy",
      paramLabel = "FILE",
      description =
          "C2SP tlog-policy file: this log's key, the witnesses with their URLs, and the quorum;"
              + " a checkpoint is published only once the quorum cosigned it")
  @Nullable Path witnessPolicy;

  @Option(
      names = "--witness-timeout",
      paramLabel = "MS",
      defaultValue = "5000",
      description = "how long one round waits for the witnesses, in ms (default ${DEFAULT-VALUE})")
  long witnessTimeoutMillis;

  @Option(
      names = "--negotiation",
      paramLabel = "ID",
      description =
          "serve a negotiation log for negotiation ID instead of a treaty log (with --parties):"
              + " statements are checked against the negotiation's record, and its report is"
              + " served at /api/v1/negotiation")
  @Nullable String negotiation;

  @Option(
      names = "--parties",
      split = ",",
      paramLabel = "A,B,C",
      description = "with --negotiation: the participants allowed to author statements")
  java.util.List<String> parties;

  @Option(
      names = "--publish-s3",
      paramLabel = "s3://BUCKET[/PREFIX]",
      description =
          "also publish the read path to this S3 bucket: tiles and entry bundles at their"
              + " tlog-tiles paths, then each checkpoint, for a CDN to serve (credentials from the"
              + " AWS default chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, roles)")
  String publishS3;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description =
          "with --publish-s3: an S3-compatible endpoint (MinIO, Ceph, R2, ...) instead of AWS;"
              + " addressed path-style")
  java.net.URI s3Endpoint;

  @Option(
      names = "--s3-region",
      paramLabel = "REGION",
      description =
          "with --publish-s3: the bucket's region (default: AWS_REGION or ~/.aws/config; with"
              + " --s3-endpoint, us-east-1)")
  String s3Region;

  @picocli.CommandLine.Mixin FirstKeysOption firstKeys;

  private final CountDownLatch stop = new CountDownLatch(1);

  @Override
  int execute() throws IOException {
    if ((negotiation == null) != (parties == null)) {
      throw CommandFailure.usage("--negotiation ID and --parties A,B,C go together");
    }
    Treaty model = negotiation == null ? loadTreaty() : null;
    Set<String> participants = new LinkedHashSet<>();
    if (model != null) {
      model.parties().stream().map(Party::id).forEach(participants::add);
    } else {
      participants.addAll(parties);
    }
    Optional<FirstKeys> agreed = firstKeys.firstKeys();
    ServerOptions options;
    try {
      ServerOptions.Builder b = ServerOptions.builder().dataDir(data).host(host).port(port);
      agreed.ifPresent(b::firstKeys);
      if (model != null) {
        b.treaty(model).treatyId(model.id());
      } else {
        b.negotiation()
            .treatyId(
                Objects.requireNonNull(negotiation, "no treaty is loaded only for --negotiation"));
      }
      b.participants(participants)
          .batchMaxSize(batchSize)
          .batchMaxDelay(Duration.ofMillis(batchDelayMillis))
          .maxPending(maxPending);
      if (postgres != null) {
        b.postgresUrl(postgres);
      }
      if (origin != null) {
        b.origin(origin);
      }
      if (publishS3 != null) {
        b.publishTo(
            BucketLocation.parse(
                publishS3,
                Optional.ofNullable(s3Endpoint),
                Optional.ofNullable(s3Region),
                s3Endpoint != null));
      } else if (s3Endpoint != null || s3Region != null) {
        throw CommandFailure.usage("--s3-endpoint and --s3-region need --publish-s3");
      }
      if (witnessPolicy != null) {
        b.witnessing(
            WitnessingOptions.of(WitnessPolicies.read(witnessPolicy))
                .withTimeout(Duration.ofMillis(witnessTimeoutMillis)));
      }
      options = b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CommandFailure.usage(Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
    boolean firstStart = !Files.exists(options.logKeyFile());
    // The signal before the server, closed after it (see StopSignal).
    try (StopSignal signal = new StopSignal(stop, "serve-shutdown");
        LogServer server = start(options)) {
      writeStdout(server.verifierKey() + "\n");
      err()
          .println(
              "countersign: "
                  + (firstStart ? "created the log key in " + options.logKeyFile() + "; " : "")
                  + "log "
                  + server.origin()
                  + (model != null ? " for treaty " : " for negotiation ")
                  + options.treatyId()
                  + " ("
                  + participants.size()
                  + " participants) serving "
                  + server.url()
                  + " (checkpoint size "
                  + server.checkpoint().size()
                  + ")");
      err()
          .println(
              agreed
                  .map(
                      a ->
                          "countersign: first keys agreed for "
                              + String.join(", ", a.keys().keySet())
                              + " (first-keys file sha256 "
                              + a.digest()
                              + ")")
                  .orElse(
                      "countersign: warning: no --first-keys: no participant can register its"
                          + " first key (none is trusted on first use)"));
      err()
          .println(
              witnessPolicy == null
                  ? "countersign: warning: no --witness-policy: checkpoints are published with the"
                      + " log's signature alone"
                  : "countersign: checkpoints are published only once witness quorum \""
                      + options.witnessing().orElseThrow().policy().quorum().name()
                      + "\" cosigned them (see /health)");
      if (options.bucket().isPresent()) {
        err().println("countersign: publishing tiles and checkpoints to " + options.bucket().get());
      }
      err().flush();
      signal.await();
    }
    return ExitCodes.OK;
  }

  /** Starts the server, its failures as the command's exit statuses. */
  private static LogServer start(ServerOptions options) {
    try {
      return LogServer.start(options);
    } catch (StoreException e) {
      throw new CommandFailure(ExitCodes.IO_ERROR, "cannot open the store: " + e.getMessage());
    } catch (java.io.IOException e) {
      throw new CommandFailure(ExitCodes.IO_ERROR, CommandFailure.reason(e));
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage(Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
  }

  /** A treaty file if {@code --treaty} names one, else a built-in treaty by id. */
  private Treaty loadTreaty() {
    try {
      Path file = Path.of(treaty);
      if (Files.isRegularFile(file)) {
        return TreatyLoader.load(file);
      }
      if (TreatyLoader.BUILT_IN.contains(treaty)) {
        return TreatyLoader.builtIn(treaty);
      }
    } catch (TreatyException e) {
      throw CommandFailure.usage("--treaty " + treaty + ": " + e.getMessage());
    } catch (java.nio.file.InvalidPathException e) {
      // not a path: try it as an id below
    }
    throw CommandFailure.usage(
        "--treaty "
            + treaty
            + ": neither a treaty file nor a built-in treaty "
            + TreatyLoader.BUILT_IN);
  }
}
