package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a server stopped with SIGTERM (or Ctrl-C) exits 0 once it has finished stopping, as
 * {@code docs/cli.md} says, not 143 while it is still closing. Runs the real command in its own
 * JVM, since only a process can receive the signal.
 */
class StopSignalIT {
  @TempDir Path dir;

  private static List<String> stopWithSigterm(String ready, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.contains(ready)) {
          p.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our streams
          break;
        }
      }
      assertThat(lines).as("the server started").anyMatch(l -> l.contains(ready));
      while ((line = out.readLine()) != null) {
        lines.add(line);
      }
    } finally {
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
    return lines;
  }

  @Test
  void serve_sigterm_finishesStoppingThenExitsZero() throws Exception {
    List<String> lines =
        stopWithSigterm(
            "serving http://", "serve", "--data", dir.resolve("log").toString(), "--port", "0");
    // The JVM did not end before the server had stopped.
    assertThat(lines).anyMatch(l -> l.contains("event=server_stopped"));
  }

  @Test
  void witness_sigterm_exitsZero() throws Exception {
    CliRun log =
        CliRun.run(
            "", "keygen", "--name", "example.org/log", "--out", dir.resolve("log.key").toString());
    assertThat(log.exitCode()).as(log.err()).isZero();
    stopWithSigterm(
        "listening on http://",
        "witness",
        "--data",
        dir.resolve("witness").toString(),
        "--port",
        "0",
        "--log",
        log.out().strip());
  }
}
