package org.countersign.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * One in-process run of the countersign command with captured streams: {@code out} is what the
 * command wrote, {@code help} what picocli printed (usage help, version).
 */
record CliRun(int exitCode, String out, String err, String help) {
  CliRun(int exitCode, String out, String err) {
    this(exitCode, out, err, "");
  }

  static CliRun run(String stdin, String... args) {
    return run(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  /** A run as {@code main} makes it: only the subcommand that the first argument names is built. */
  static CliRun run(byte[] stdin, String... args) {
    return run(args.length > 0 ? args[0] : null, stdin, args);
  }

  /** A run with the whole command tree built, whatever the arguments. */
  static CliRun runWholeTree(String... args) {
    return run(null, new byte[0], args);
  }

  /**
   * A run whose command line is built for {@code first} (see {@link Main#commandLine(Main,
   * String)}); standard output of help is captured too.
   */
  private static CliRun run(@Nullable String first, byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    StringWriter help = new StringWriter();
    CommandLine cli = Main.commandLine(new Main(new ByteArrayInputStream(stdin), out), first);
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(help, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(), help.toString());
  }
}
