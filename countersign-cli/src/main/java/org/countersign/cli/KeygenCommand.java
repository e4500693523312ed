package org.countersign.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.countersign.log.note.KeyNames;
import org.countersign.log.note.SignerKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code countersign keygen --name NAME --out FILE [--force]}: makes an Ed25519 signer key, writes
 * it to FILE (mode 600) and prints its verifier key on stdout.
 */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Generates an Ed25519 signer key (C2SP signed-note) and writes it to FILE, readable by you only.",
      "Prints the verifier key (name+hex8+base64) on stdout: publish that one.",
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:key written",
      "2:bad usage, invalid name, or FILE exists",
      "3:FILE could not be written"
    })
final class KeygenCommand extends CliCommand {
  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "key name, e.g. the log origin example.org/log")
  String name;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "where to write the signer key")
  Path out;

  @Option(names = "--force", description = "replace FILE if it exists")
  boolean force;

  private final SecureRandom random;

  KeygenCommand() {
    this(new SecureRandom());
  }

  KeygenCommand(SecureRandom random) {
    this.random = random;
  }

  @Override
  int execute() throws IOException {
    try {
      KeyNames.requireValid(name);
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage(e.getMessage());
    }
    SignerKey key = SignerKey.generate(name, random);
    KeyFiles.write(out, key, force);
    writeStdout(key.verifierKey() + "\n");
    return ExitCodes.OK;
  }
}
