package org.countersign.cli;

import java.io.InputStream;
import java.io.OutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code countersign} command. */
@Command(
    name = "countersign",
    mixinStandardHelpOptions = true,
    version = "countersign 0.1.0-SNAPSHOT",
    description = "Makes an arms-control agreement verifiable in software.",
    subcommands = {
      CommandLine.HelpCommand.class,
      KeygenCommand.class,
      NoteCommand.class,
      ProofCommand.class,
      SubmitCommand.class,
      AuditCommand.class,
      StatementCommand.class,
      EscrowCommand.class,
      InspectCommand.class,
      DemoCommand.class,
      WitnessCommand.class,
      EvidenceCommand.class,
      MonitorCommand.class,
      ComplianceCommand.class,
      MirrorCommand.class,
      ServeCommand.class,
    })
public final class Main implements Runnable {
  private final InputStream stdin;
  private final OutputStream stdout;

  public Main() {
    this(System.in, System.out);
  }

  /**
   * A root command whose subcommands read {@code stdin} and write {@code stdout} as bytes (see
   * {@code CliCommand}); for in-process use and tests. Diagnostics go to picocli's error writer.
   */
  public Main(InputStream stdin, OutputStream stdout) {
    this.stdin = stdin;
    this.stdout = stdout;
  }

  /** The byte stream commands read their input from. */
  public InputStream stdin() {
    return stdin;
  }

  /** The byte stream commands write their output to. */
  public OutputStream stdout() {
    return stdout;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
