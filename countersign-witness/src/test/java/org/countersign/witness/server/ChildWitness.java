package org.countersign.witness.server;

import java.nio.file.Path;
import org.countersign.log.note.VerifierKey;

/**
 * A witness in its own JVM, for crash tests: {@code ChildWitness <data dir> <log vkey>}. Prints
 * {@code PORT <n>} once listening, then serves until killed.
 */
public final class ChildWitness {
  private ChildWitness() {}

  public static void main(String[] args) throws Exception {
    WitnessServer server =
        WitnessServer.start(
            WitnessOptions.builder()
                .dataDir(Path.of(args[0]))
                .log(VerifierKey.parse(args[1]))
                .name("witness.example/crash")
                .build());
    System.out.println("PORT " + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
