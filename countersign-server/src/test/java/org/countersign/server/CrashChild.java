package org.countersign.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A log server in its own JVM, for the crash test: starts on the data directory given as the first
 * argument (PostgreSQL URL as the optional second), prints its port and serves until killed.
 */
public final class CrashChild {
  static final String MARKER = "COUNTERSIGN-CHILD-PORT ";

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    ServerOptions.Builder b =
        ServerOptions.builder()
            .dataDir(Path.of(args[0]))
            .port(0)
            .treatyId(TestServers.TREATY)
            .firstKeys(TestServers.FIRST_KEYS)
            .batchMaxDelay(Duration.ofMillis(20))
            .batchMaxSize(64);
    if (args.length > 1) {
      b.postgresUrl(args[1]);
    }
    LogServer server = LogServer.start(b.build());
    System.out.println(MARKER + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
