package org.countersign.server.witness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.countersign.server.LogServer;
import org.countersign.server.ServerOptions;
import org.countersign.witness.policy.WitnessPolicy;

/**
 * A log server in its own JVM, publishing through witnesses, with the insecure fork routes on:
 * {@code LogChild <data dir> <port> <policy file>}. Prints {@value #READY} and its port once
 * listening, then serves until killed.
 */
public final class LogChild {
  static final String READY = "COUNTERSIGN-LOG-READY ";

  private LogChild() {}

  public static void main(String[] args) throws Exception {
    WitnessPolicy policy = WitnessPolicy.parse(Files.readAllBytes(Path.of(args[2])));
    LogServer server =
        LogServer.start(
            ServerOptions.builder()
                .dataDir(Path.of(args[0]))
                .port(Integer.parseInt(args[1]))
                .treatyId(Statements.TREATY)
                .firstKeys(Statements.FIRST_KEYS)
                .batchMaxDelay(Duration.ofMillis(10))
                .integrationTimeout(Duration.ofSeconds(2))
                .witnessing(
                    WitnessingOptions.of(policy)
                        .withTimeout(Duration.ofSeconds(2))
                        .withRetry(Duration.ofMillis(100), Duration.ofMillis(500)))
                .insecureForkForTests()
                .build());
    System.out.println(READY + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
