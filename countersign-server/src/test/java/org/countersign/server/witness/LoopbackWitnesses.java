package org.countersign.server.witness;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.countersign.log.checkpoint.CosignatureSigner;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;
import org.countersign.witness.server.WitnessKeyFile;
import org.countersign.witness.server.WitnessOptions;
import org.countersign.witness.server.WitnessServer;
import org.jspecify.annotations.Nullable;

/**
 * Four witnesses in this JVM on fixed loopback ports (three parties and a neutral observer), which
 * tests stop and restart on the same port and data folder. Keys are made up front, so the policy is
 * known before any witness runs.
 */
final class LoopbackWitnesses implements AutoCloseable {
  static final String[] NAMES = {"us", "ru", "cn", "neutral"};

  private final Path dir;
  private final VerifierKey logKey;
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, String> vkeys = new LinkedHashMap<>();
  private final Map<String, WitnessServer> running = new LinkedHashMap<>();

  LoopbackWitnesses(Path dir, VerifierKey logKey) throws IOException {
    this.dir = dir;
    this.logKey = logKey;
    for (String n : NAMES) {
      ports.put(n, freePort());
      SignerKey key =
          WitnessKeyFile.loadOrCreate(
              folder(n).resolve("witness.key"), Optional.of(keyName(n)), new SecureRandom());
      vkeys.put(n, new CosignatureSigner(key, InstantSource.system()).verifierKey());
    }
  }

  static String keyName(String n) {
    return "witness." + n + ".example";
  }

  Path folder(String n) {
    return dir.resolve("witness-" + n);
  }

  int port(String n) {
    Integer p = ports.get(n);
    if (p == null) {
      throw new IllegalArgumentException("no witness named " + n);
    }
    return p;
  }

  String url(String n) {
    return "http://127.0.0.1:" + port(n);
  }

  /** A 3-of-4 C2SP tlog-policy over the four witnesses for the log {@code logVkey}. */
  String policy(String logVkey) {
    StringBuilder p = new StringBuilder("# three parties and a neutral observer; any three\n");
    p.append("log ").append(logVkey).append('\n');
    for (String n : NAMES) {
      p.append("witness ")
          .append(n)
          .append(' ')
          .append(vkeys.get(n))
          .append(' ')
          .append(url(n))
          .append('\n');
    }
    p.append("group treaty 3 us ru cn neutral\nquorum treaty\n");
    return p.toString();
  }

  LoopbackWitnesses startAll() throws IOException {
    for (String n : NAMES) {
      start(n);
    }
    return this;
  }

  WitnessServer start(String n) throws IOException {
    WitnessServer w =
        WitnessServer.start(
            WitnessOptions.builder()
                .dataDir(folder(n))
                .port(port(n))
                .log(logKey)
                .name(keyName(n))
                .build());
    running.put(n, w);
    return w;
  }

  void stop(String n) throws IOException {
    WitnessServer w = running.remove(n);
    if (w != null) {
      w.close();
    }
  }

  @Nullable WitnessServer server(String n) {
    return running.get(n);
  }

  @Override
  public void close() throws IOException {
    for (String n : NAMES) {
      stop(n);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
