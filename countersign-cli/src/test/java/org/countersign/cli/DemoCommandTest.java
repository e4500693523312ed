package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.countersign.cli.demo.DemoRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The newcomer's main job, end to end: {@code demo} on an ephemeral port fills a log through the
 * HTTP API, {@code audit} verifies all of it, Ctrl-C (an interrupt here) stops it, and a restart
 * serves the same log without filling it again.
 */
class DemoCommandTest {
  private static final Pattern AUDIT_LINE =
      Pattern.compile(
          "audit it   \\./countersign audit --server (\\S+) --vkey '([^']+)' --first-keys (\\S+)");

  @TempDir Path dir;

  /** A demo running in its own thread, with its stdout and stderr captured. */
  private static final class Running {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final StringWriter err = new StringWriter();
    final AtomicInteger exit = new AtomicInteger(-1);
    final Thread thread;

    Running(String... args) {
      CommandLine cli = Main.commandLine(new Main(new ByteArrayInputStream(new byte[0]), out));
      cli.setErr(new PrintWriter(err, true));
      thread = new Thread(() -> exit.set(cli.execute(args)), "demo-under-test");
      thread.start();
    }

    String stdout() {
      return out.toString(StandardCharsets.UTF_8);
    }

    /** Waits for the summary, which the demo prints once it serves a filled log. */
    String awaitServing(Duration timeout) throws InterruptedException {
      Instant deadline = Instant.now().plus(timeout);
      while (!stdout().contains("Serving until Ctrl-C.")) {
        assertThat(thread.isAlive())
            .as("the demo ended early (exit %s): %s", exit.get(), err)
            .isTrue();
        assertThat(Instant.now())
            .as("the demo did not start serving in time: %s", err)
            .isBefore(deadline);
        Thread.sleep(100);
      }
      return stdout();
    }

    int stop() throws InterruptedException {
      thread.interrupt();
      thread.join(Duration.ofSeconds(30));
      assertThat(thread.isAlive()).isFalse();
      return exit.get();
    }
  }

  @Test
  void demo_firstRun_fillsALogThatAuditPasses_andARestartServesItUnchanged() throws Exception {
    Path data = dir.resolve("demo-data");
    Running first = new Running("demo", "--data", data.toString(), "--port", "0");
    String summary = first.awaitServing(Duration.ofMinutes(4));
    Matcher m = AUDIT_LINE.matcher(summary);
    assertThat(m.find()).as(summary).isTrue();
    String url = m.group(1);
    String vkey = m.group(2);
    assertThat(summary)
        .contains("  log key    " + vkey)
        .contains("data-exchange-update     51")
        .contains("suspension               1")
        .contains("escrow-commitment        1")
        .contains("party-key-registration   2")
        .contains("declaration  ")
        .contains("change-notification  ");
    long logged = Long.parseLong(summary.replaceAll("(?s).*logged     (\\d+) statements.*", "$1"));

    String firstKeys = m.group(3);
    assertThat(Path.of(firstKeys)).isEqualTo(data.resolve("first-keys.txt"));
    CliRun audit =
        CliRun.run("", "audit", "--server", url, "--vkey", vkey, "--first-keys", firstKeys);
    assertThat(audit.exitCode()).as(audit.err()).isZero();
    assertThat(audit.out())
        .contains("first keys   RU ")
        .contains("each the key agreed outside the log (first-keys file sha256 ")
        .contains("entries      " + logged + ",")
        .contains("signatures   " + logged + " verified")
        .endsWith("audit passed\n");
    assertThat(summary)
        .contains("  party keys " + data.resolve("parties").resolve("US.key"))
        .contains("submit as a party: ./countersign submit --server " + url);
    // The README's party walk-through, as written, against this demo (issue 15).
    Path work = dir.resolve("walkthrough");
    Files.createDirectories(work);
    ReadmeWalkthrough.run(url, vkey, data, work);
    assertThat(first.stop()).isZero();

    assertThat(data.resolve(DemoRun.FILLED_MARKER)).exists();
    try (var parties = Files.list(data.resolve("parties"))) {
      assertThat(parties.map(p -> p.getFileName().toString()))
          .contains("US.key", "RU.key", "US-escrow.key", "US-escrow-2023-03-01.vault");
    }
    assertThat(Files.getPosixFilePermissions(data.resolve("parties").resolve("US.key")).toString())
        .isEqualTo("[OWNER_READ, OWNER_WRITE]");

    Running second = new Running("demo", "--data", data.toString(), "--port", "0");
    String again = second.awaitServing(Duration.ofMinutes(1));
    assertThat(again)
        .contains("already filled: " + (logged + 1) + " entries") // the walk-through added one
        .contains("  log key    " + vkey);
    assertThat(second.stop()).isZero();
  }

  private static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in %s", regex, text).isTrue();
    return m.group(1);
  }

  @Test
  void frameworkScenario_negotiatesAgreesAndImplements_everyPrintedFigureRecomputes()
      throws Exception {
    Path data = dir.resolve("framework");
    Running demo =
        new Running(
            "demo", "--scenario", "integrated-framework", "--data", data.toString(), "--port", "0");
    String summary = demo.awaitServing(Duration.ofMinutes(4));
    assertThat(summary)
        .contains("HYPOTHETICAL")
        .contains("opening-commitment       3")
        .contains("acceptance               3")
        .contains("treaty-adoption          3")
        .contains("randomness-reveal        2")
        .contains("inspection-report        1");
    String neg = group(summary, "negotiation report --log (\\S+)");
    String negKey = group(summary, "negotiation report --log \\S+ --vkey '([^']+)'");
    String log = group(summary, "compliance    \\./countersign compliance --log (\\S+)");
    String key = group(summary, "compliance .* --vkey '([^']+)'");
    String agreed = group(summary, "agreed text     ([0-9a-f]{64})");

    CliRun report =
        CliRun.run("", "negotiation", "report", "--log", neg, "--vkey", negKey, "--format", "json");
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(report.out()).contains(agreed).contains("\"findings\":[]");

    CliRun compliance =
        CliRun.run(
            "",
            "compliance",
            "--log",
            log,
            "--treaty",
            "integrated-framework",
            "--vkey",
            key,
            "--at",
            "2027-11-30",
            "-q");
    assertThat(compliance.exitCode()).as(compliance.err()).isZero();
    assertThat(compliance.out())
        .contains("US - United States of America (party")
        .contains("RU - Russian Federation (party")
        .contains("CN - People's Republic of China (party")
        .contains("designated item matches")
        .doesNotContain("Discrepancies:\n  ");

    CliRun audit =
        CliRun.run(
            "",
            "audit",
            "--server",
            log,
            "--vkey",
            key,
            "--witness-policy",
            data.resolve("witness-policy.txt").toString(),
            "--first-keys",
            data.resolve("first-keys.txt").toString());
    assertThat(audit.exitCode()).as(audit.err()).isZero();
    assertThat(audit.out()).contains("witness policy satisfied");
    // Both logs admitted only the ceremony's first keys, and the summary names the file.
    assertThat(summary).contains("first keys      " + data.resolve("first-keys.txt"));

    CliRun offline =
        CliRun.run(
            "",
            "proposal",
            "evaluate",
            data.resolve("negotiation/4-ru-counter.yaml").toString(),
            "--log",
            log,
            "--treaty",
            "integrated-framework",
            "--vkey",
            key,
            "--at",
            "2027-11-30",
            "--format",
            "json",
            "-q");
    CliRun server =
        CliRun.run(
            "",
            "proposal",
            "evaluate",
            data.resolve("negotiation/4-ru-counter.yaml").toString(),
            "--server",
            log,
            "--at",
            "2027-11-30",
            "--format",
            "json");
    assertThat(offline.exitCode()).as(offline.err()).isZero();
    assertThat(server.exitCode()).as(server.err()).isZero();
    // Every party declared, and none declared a glide vehicle or a cruise missile (nor Russia a
    // bomber): a gap in the declarations, which the published estimates cannot fill either, so
    // the totals that count them are lower bounds and say why, never a silent zero.
    assertThat(offline.out())
        .isEqualTo(server.out())
        .contains("\"source\":\"declared\"")
        .contains(
            "categories heavy-bomber, hypersonic-glide-vehicle, nuclear-cruise-missile are neither"
                + " declared nor estimated: unknown");

    CliRun stability =
        CliRun.run(
            "",
            "stability",
            "assess",
            "--log",
            log,
            "--treaty",
            "integrated-framework",
            "--vkey",
            key,
            "--at",
            "2027-11-30",
            "--no-sensitivity",
            "-q");
    assertThat(stability.exitCode()).as(stability.err()).isZero();
    assertThat(stability.out())
        .contains("as declared")
        .contains("RU/heavy-bombers: no heavy-bomber item declared in the log");
    assertThat(demo.stop()).isZero();

    // The other scenario refuses this folder rather than serve it under the wrong treaty.
    CliRun wrong = CliRun.run("", "demo", "--data", data.toString(), "--port", "0");
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.err()).contains("holds the integrated-framework demo");
  }
}
