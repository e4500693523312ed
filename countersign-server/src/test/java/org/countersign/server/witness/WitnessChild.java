package org.countersign.server.witness;

import java.nio.file.Path;
import org.countersign.log.note.VerifierKey;
import org.countersign.witness.server.WitnessOptions;
import org.countersign.witness.server.WitnessServer;

/**
 * A witness in its own JVM: {@code WitnessChild <data dir> <port> <log vkey> <key name>}. Prints
 * {@value #READY} and its port once listening, then serves until killed.
 */
public final class WitnessChild {
  static final String READY = "COUNTERSIGN-WITNESS-READY ";

  private WitnessChild() {}

  public static void main(String[] args) throws Exception {
    WitnessServer server =
        WitnessServer.start(
            WitnessOptions.builder()
                .dataDir(Path.of(args[0]))
                .port(Integer.parseInt(args[1]))
                .log(VerifierKey.parse(args[2]))
                .name(args[3])
                .build());
    System.out.println(READY + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
