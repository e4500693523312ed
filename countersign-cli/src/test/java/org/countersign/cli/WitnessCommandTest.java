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
import org.countersign.log.checkpoint.CosignatureVerifier;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.Verifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WitnessCommandTest {
  private static final SignerKey LOG =
      SignerKey.fromSeed(
          "example.org/log",
          Hash.sha256("witness command test log".getBytes(StandardCharsets.UTF_8)).bytes());

  @TempDir Path dir;

  @Test
  void witness_firstStart_createsKeyPrintsVkeyAndCosigns() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(new Main(new ByteArrayInputStream(new byte[0]), out));
    cli.setErr(new PrintWriter(err, true));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread t =
        Thread.ofPlatform()
            .start(
                () ->
                    exit.set(
                        cli.execute(
                            "witness",
                            "--data",
                            dir.toString(),
                            "--port",
                            "0",
                            "--name",
                            "witness.example/cli",
                            "--log",
                            LOG.verifierKey())));
    URI url = awaitUrl(err);
    try {
      String vkey = out.toString(StandardCharsets.UTF_8).strip();
      assertThat(vkey).startsWith("witness.example/cli+");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(dir.resolve("witness.key"))))
          .isEqualTo("rw-------");

      String note = new Checkpoint(LOG.name(), 0, Hash.EMPTY).sign(LOG);
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(url.resolve("/add-checkpoint"))
                      .POST(HttpRequest.BodyPublishers.ofString("old 0\n\n" + note))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      Note.open(note + r.body(), Verifiers.of(CosignatureVerifier.parse(vkey)));
    } finally {
      t.interrupt();
      t.join(Duration.ofSeconds(10));
    }
    assertThat(exit.get()).isZero();
  }

  @Test
  void witness_badLogKey_isUsageError() {
    CliRun r = CliRun.run("", "witness", "--data", dir.toString(), "--log", "not-a-key");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--log");
  }

  private static URI awaitUrl(StringWriter err) throws InterruptedException {
    Pattern p = Pattern.compile("listening on (http://\\S+)");
    for (int i = 0; i < 600; i++) {
      Matcher m = p.matcher(err.toString());
      if (m.find()) {
        return URI.create(m.group(1));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("witness did not start: " + err);
  }
}
