package org.countersign.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.countersign.log.MalformedInputException;
import org.countersign.log.Utf8;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the commands that read stdin and write stdout as bytes.
 *
 * <p>Notes and keys contain non-ASCII text (the em dash of every signature line), so they MUST NOT
 * go through a character writer whose charset depends on the locale: stdin and stdout come as byte
 * streams from the root {@link Main}, and only diagnostics go to picocli's error writer. A {@link
 * CommandFailure} ends the command with its exit status and a one-line message.
 */
abstract class CliCommand implements Callable<Integer> {
  /** Default cap on what a command reads from stdin. */
  static final int MAX_STDIN_BYTES = 1 << 20;

  @Spec CommandSpec spec;

  /** The command's work; returns the exit status or throws {@link CommandFailure}. */
  abstract int execute() throws IOException;

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (CommandFailure f) {
      err().println("countersign: " + f.getMessage());
      err().flush();
      return f.exitCode();
    } catch (IOException | UncheckedIOException e) {
      err().println("countersign: I/O error: " + e.getMessage());
      err().flush();
      return ExitCodes.IO_ERROR;
    }
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  private Main root() {
    return (Main) spec.root().userObject();
  }

  /** All of stdin, refusing more than {@code max} bytes. */
  byte[] readStdin(int max) throws IOException {
    InputStream in = root().stdin();
    byte[] data = in.readNBytes(max + 1);
    if (data.length > max) {
      throw CommandFailure.usage("input is over the cap of " + max + " bytes");
    }
    return data;
  }

  /** Stdin as strictly decoded UTF-8. */
  String readStdinText(int max) throws IOException {
    byte[] data = readStdin(max);
    try {
      return Utf8.decode(data, "input");
    } catch (MalformedInputException e) {
      throw CommandFailure.usage("input is not valid UTF-8");
    }
  }

  /** Writes {@code text} to stdout as UTF-8, unchanged. */
  void writeStdout(String text) throws IOException {
    OutputStream out = root().stdout();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
