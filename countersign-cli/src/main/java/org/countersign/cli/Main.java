package org.countersign.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code countersign} command. */
@Command(
    name = "countersign",
    mixinStandardHelpOptions = true,
    version = "countersign 0.1.0-SNAPSHOT",
    description = "Makes an arms-control agreement verifiable in software.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
