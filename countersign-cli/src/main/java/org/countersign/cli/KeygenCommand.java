package org.countersign.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;
import org.countersign.log.note.KeyNames;
import org.countersign.log.note.SignerKey;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code countersign keygen --name NAME --out FILE [--force]}: makes an Ed25519 signer key, writes
 * it to FILE (mode 600) and prints its verifier key on stdout. {@code keygen --vkey-of FILE} prints
 * the verifier key of an existing signer key (a lost vkey is recovered without a new key).
 */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Generates an Ed25519 signer key (C2SP signed-note) and writes it to FILE,",
      "readable by you only. Prints the verifier key (name+hex8+base64) on stdout:",
      "publish that one. With --vkey-of, prints the verifier key of an existing key.",
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:key written (or its verifier key printed)",
      "2:bad usage, invalid name, FILE exists, or not a signer key",
      "3:FILE could not be written or read"
    })
final class KeygenCommand extends CliCommand {
  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "key name, e.g. the log origin example.org/log")
  @Nullable String name;

  @Option(names = "--out", paramLabel = "FILE", description = "where to write the signer key")
  @Nullable Path out;

  @Option(
      names = "--vkey-of",
      paramLabel = "FILE",
      description = "print the verifier key of this existing signer key, and do nothing else")
  @Nullable Path vkeyOf;

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
    if (vkeyOf != null) {
      if (name != null || out != null || force) {
        throw CommandFailure.usage(
            "--vkey-of reads an existing key: give it without --name, --out or --force");
      }
      writeStdout(KeyFiles.read(vkeyOf).verifierKey() + "\n");
      return ExitCodes.OK;
    }
    if (name == null || out == null) {
      throw CommandFailure.usage(
          "missing required option "
              + (name == null ? "--name=NAME" : "--out=FILE")
              + " (or give --vkey-of FILE)");
    }
    try {
      KeyNames.requireValid(name);
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage(Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
    SignerKey key = SignerKey.generate(name, random);
    KeyFiles.write(out, key, force);
    writeStdout(key.verifierKey() + "\n");
    return ExitCodes.OK;
  }
}
