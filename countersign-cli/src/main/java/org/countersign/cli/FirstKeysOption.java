package org.countersign.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.countersign.log.MalformedInputException;
import org.countersign.treaty.protocol.FirstKeys;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The {@code --first-keys FILE} option: each participant's first key, as the participants agreed
 * outside the log (docs/security.md, the key ceremony). The server admits only these first keys; an
 * auditor given the same file flags any other.
 */
final class FirstKeysOption {
  @Option(
      names = "--first-keys",
      paramLabel = "FILE",
      description = {
        "each participant's first key, agreed outside the log",
        "(countersign/first-keys/v1: one \"<participant> <vkey>\" line each)"
      })
  @Nullable Path file;

  /**
   * The agreed first keys, if the option was given.
   *
   * @throws CommandFailure usage (exit 2) for a malformed file, missing (exit 3) for a missing one
   */
  Optional<FirstKeys> firstKeys() throws IOException {
    if (file == null) {
      return Optional.empty();
    }
    byte[] bytes = InputFiles.read(file, FirstKeys.MAX_BYTES, "first-keys file");
    try {
      return Optional.of(FirstKeys.parse(bytes));
    } catch (MalformedInputException e) {
      throw CommandFailure.usage("first-keys file " + file + ": " + e.getMessage());
    }
  }
}
