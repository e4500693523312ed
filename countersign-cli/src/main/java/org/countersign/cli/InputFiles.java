package org.countersign.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the files a command is given, bounded, with usage errors that name the file. */
final class InputFiles {
  private InputFiles() {}

  /**
   * All of {@code file}, refusing more than {@code max} bytes without reading them.
   *
   * @param what what the file is, for messages ("proof file", "receipt")
   * @throws CommandFailure (file error, 3) if the file is missing; (usage) if it is not a regular
   *     file or is over the cap
   */
  static byte[] read(Path file, int max, String what) throws IOException {
    if (!Files.exists(file)) {
      throw CommandFailure.missing(what + " " + file + " does not exist");
    }
    if (!Files.isRegularFile(file)) {
      throw CommandFailure.usage(what + " " + file + " is not a regular file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] data = in.readNBytes(max + 1);
      if (data.length > max) {
        throw CommandFailure.usage(what + " " + file + " is over the cap of " + max + " bytes");
      }
      return data;
    } catch (NoSuchFileException e) {
      throw CommandFailure.missing(what + " " + file + " does not exist");
    }
  }
}
