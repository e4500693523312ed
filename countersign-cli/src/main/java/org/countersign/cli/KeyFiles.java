package org.countersign.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.SignerKeyFile;

/**
 * Signer key files as the commands meet them: {@link SignerKeyFile} does the reading and writing
 * (mode 600, never a torn file); this class turns its failures into the CLI's one-line errors and
 * exit statuses.
 */
final class KeyFiles {
  private KeyFiles() {}

  /**
   * Reads and parses a signer key file: the key, optionally followed by one newline.
   *
   * @throws CommandFailure (usage) naming the file and the problem, never the secret
   */
  static SignerKey read(Path file) throws IOException {
    try {
      return SignerKeyFile.read(file);
    } catch (NoSuchFileException e) {
      throw CommandFailure.missing("key file " + file + " does not exist");
    } catch (MalformedInputException e) {
      throw CommandFailure.usage("key file " + file + ": " + e.getMessage());
    }
  }

  /**
   * Writes {@code key} to {@code file} with mode 600.
   *
   * @param replace whether an existing file may be replaced
   * @throws CommandFailure (usage) if the file exists and {@code replace} is false
   */
  static void write(Path file, SignerKey key, boolean replace) throws IOException {
    if (replace) {
      SignerKeyFile.replace(file, key);
      return;
    }
    try {
      SignerKeyFile.create(file, key);
    } catch (FileAlreadyExistsException e) {
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        throw e; // a parent folder's name is taken by a file: an I/O error, not the key's
      }
      throw CommandFailure.usage(file + " exists; use --force to overwrite it");
    }
  }
}
