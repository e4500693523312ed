package org.countersign.server.key;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.SignerKeyFile;

/**
 * The log's Ed25519 signing key in the data directory ({@code log.key}): created once, reused on
 * every later start.
 *
 * <p>{@link SignerKeyFile} reads and writes it (mode 600, never torn: a torn key would be refused
 * at the next start, or worse replaced, and a replaced key would sign a second, unverifiable
 * history under the same origin).
 *
 * <p>The key name is the log's origin (C2SP tlog-checkpoint: the log key name SHOULD equal the
 * origin). A key file whose name differs from the configured origin is refused rather than used.
 */
public final class LogKeyFile {
  private LogKeyFile() {}

  /**
   * The key and whether it was created by this call.
   *
   * @param key the log's signing key
   * @param created true on the first start in a data directory
   */
  public record Loaded(SignerKey key, boolean created) {}

  /**
   * Reads the key at {@code file}, or creates it (with a fresh seed from {@code random}) if the
   * file does not exist.
   *
   * @throws IOException if the file cannot be read or written, does not hold a valid signer key, or
   *     holds a key named other than {@code origin}
   */
  public static Loaded loadOrCreate(Path file, String origin, SecureRandom random)
      throws IOException {
    if (Files.exists(file)) {
      return new Loaded(load(file, origin), false);
    }
    SignerKey key = SignerKey.generate(origin, random);
    try {
      SignerKeyFile.create(file, key);
    } catch (FileAlreadyExistsException raced) {
      // Another process created it between our check and our rename: use theirs.
      return new Loaded(load(file, origin), false);
    }
    return new Loaded(key, true);
  }

  /**
   * Reads an existing key file.
   *
   * @throws IOException if it is unreadable, malformed, or named other than {@code origin}
   */
  public static SignerKey load(Path file, String origin) throws IOException {
    SignerKey key;
    try {
      key = SignerKeyFile.read(file);
    } catch (MalformedInputException e) {
      throw new IOException(
          "log key file " + file + " does not hold a signer key: " + e.getMessage(), e);
    }
    if (!key.name().equals(origin)) {
      throw new IOException(
          "log key file "
              + file
              + " holds a key named \""
              + key.name()
              + "\" but the log's origin is \""
              + origin
              + "\"; start with --origin "
              + key.name()
              + " or use another data directory");
    }
    return key;
  }
}
