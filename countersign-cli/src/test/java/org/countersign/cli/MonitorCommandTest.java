package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.checkpoint.CosignatureSigner;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorCommandTest {
  private static final SignerKey LOG =
      SignerKey.fromSeed(
          "example.org/log",
          Hash.sha256("monitor command test log".getBytes(StandardCharsets.UTF_8)).bytes());
  private static final CosignatureSigner WITNESS =
      new CosignatureSigner(SignerKey.fromSeed("w.example", new byte[32]), InstantSource.system());

  @TempDir Path dir;

  private Path policy() throws Exception {
    Path p = dir.resolve("policy.txt");
    Files.writeString(
        p, "log " + LOG.verifierKey() + "\nwitness w " + WITNESS.verifierKey() + "\nquorum w\n");
    return p;
  }

  private static HttpServer serve(String checkpoint) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext(
        "/checkpoint",
        x -> {
          byte[] b = checkpoint.getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, b.length);
          x.getResponseBody().write(b);
          x.close();
        });
    s.start();
    return s;
  }

  @Test
  void monitorOnce_witnessedEmptyLog_exitsZeroAndSavesState() throws Exception {
    String note = Note.sign(new Checkpoint(LOG.name(), 0, Hash.EMPTY).body(), LOG, WITNESS);
    HttpServer log = serve(note);
    try {
      CliRun r =
          CliRun.run(
              "",
              "monitor",
              "--once",
              "--server",
              "http://127.0.0.1:" + log.getAddress().getPort() + "/",
              "--vkey",
              LOG.verifierKey(),
              "--witness-policy",
              policy().toString(),
              "--state",
              dir.resolve("state").toString());
      assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains("ADVANCED");
      assertThat(Files.readString(dir.resolve("state"))).isEqualTo(note);
    } finally {
      log.stop(0);
    }
  }

  @Test
  void monitorOnce_unwitnessedCheckpoint_exitsOne() throws Exception {
    HttpServer log = serve(new Checkpoint(LOG.name(), 0, Hash.EMPTY).sign(LOG));
    try {
      CliRun r =
          CliRun.run(
              "",
              "monitor",
              "--once",
              "--server",
              "http://127.0.0.1:" + log.getAddress().getPort(),
              "--vkey",
              LOG.verifierKey(),
              "--witness-policy",
              policy().toString());
      assertThat(r.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
      assertThat(r.out()).contains("NOT_WITNESSED");
    } finally {
      log.stop(0);
    }
  }

  @Test
  void monitor_policyWithoutTheLogKey_isUsageError() throws Exception {
    SignerKey other = SignerKey.fromSeed("other.example/log", new byte[32]);
    CliRun r =
        CliRun.run(
            "",
            "monitor",
            "--once",
            "--server",
            "http://127.0.0.1:1",
            "--vkey",
            other.verifierKey(),
            "--witness-policy",
            policy().toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("does not list the log key");
  }
}
