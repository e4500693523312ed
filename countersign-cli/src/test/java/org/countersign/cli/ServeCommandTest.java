package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.note.Note;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
  @TempDir Path dir;

  record Running(Thread thread, AtomicInteger exit, String vkey, URI url, String err) {}

  Running serve(String... extra) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(new Main(new ByteArrayInputStream(new byte[0]), out));
    cli.setErr(new PrintWriter(err, true));
    AtomicInteger exit = new AtomicInteger(-1);
    String[] args = new String[4 + extra.length];
    System.arraycopy(
        new String[] {"serve", "--data", dir.resolve("data").toString(), "--port=0"},
        0,
        args,
        0,
        4);
    System.arraycopy(extra, 0, args, 4, extra.length);
    Thread t = Thread.ofPlatform().start(() -> exit.set(cli.execute(args)));
    Pattern p = Pattern.compile("serving (http://\\S+)");
    for (int i = 0; i < 600; i++) {
      Matcher m = p.matcher(err.toString());
      if (m.find()) {
        return new Running(
            t,
            exit,
            out.toString(StandardCharsets.UTF_8).strip(),
            URI.create(m.group(1)),
            err.toString());
      }
      if (!t.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("serve did not start (exit " + exit.get() + "): " + err);
  }

  static void stop(Running r) throws InterruptedException {
    r.thread().interrupt();
    r.thread().join(Duration.ofSeconds(30));
    assertThat(r.exit().get()).isZero();
  }

  @Test
  void serve_firstStart_createsKeyPrintsVkeyAndServesSignedCheckpoint() throws Exception {
    Running r = serve();
    String vkey;
    try {
      vkey = r.vkey();
      assertThat(vkey).startsWith("countersign.local/new-start+");
      assertThat(r.err()).contains("created the log key");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(dir.resolve("data/log.key"))))
          .isEqualTo("rw-------");
      HttpResponse<String> cp =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(r.url().resolve("/checkpoint")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(cp.statusCode()).isEqualTo(200);
      Checkpoint c =
          Checkpoint.fromNote(
              Note.open(cp.body(), Verifiers.of(VerifierKey.parse(vkey).verifier())));
      assertThat(c.size()).isZero();
      assertThat(c.root()).isEqualTo(Hash.EMPTY);
    } finally {
      stop(r);
    }
    Running again = serve();
    try {
      assertThat(again.vkey()).isEqualTo(vkey);
      assertThat(again.err()).doesNotContain("created the log key");
    } finally {
      stop(again);
    }
  }

  @Test
  void serve_unknownTreaty_isUsageError() {
    CliRun r = CliRun.run("", "serve", "--data", dir.toString(), "--treaty", "no-such-treaty");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--treaty");
  }

  @Test
  void serve_badBatchSize_isUsageError() {
    CliRun r = CliRun.run("", "serve", "--data", dir.toString(), "--batch-size", "0");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("batch max size");
  }

  @Test
  void issue13_serve_unwritableDataFolder_exits3() {
    // /sys refuses new files even to root, where permission bits would not.
    CliRun r = CliRun.run("", "serve", "--data", "/sys/kernel", "--port", "0");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(r.err()).startsWith("countersign: ").contains("cannot be written");
  }
}
