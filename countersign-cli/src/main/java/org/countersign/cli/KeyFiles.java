package org.countersign.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.SignerKey;

/**
 * Signer key files: one line, {@code PRIVATE+KEY+name+hex8+base64}, readable by the owner only.
 *
 * <p>A key file is created with POSIX mode 600 at the moment it comes into existence (never written
 * first and restricted after), and an existing file is replaced only on request, through a rename,
 * so that a crash never leaves a half-written key behind.
 */
final class KeyFiles {
  /** Cap on a key file; a signer key line is about 90 bytes. */
  static final int MAX_KEY_FILE_BYTES = 4096;

  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private KeyFiles() {}

  /**
   * Reads and parses a signer key file: the key, optionally followed by one newline.
   *
   * @throws CommandFailure (usage) naming the file and the problem, never the secret
   */
  static SignerKey read(Path file) throws IOException {
    byte[] data;
    try {
      if (Files.size(file) > MAX_KEY_FILE_BYTES) {
        throw CommandFailure.usage(
            "key file " + file + " is over " + MAX_KEY_FILE_BYTES + " bytes: not a signer key");
      }
      data = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw CommandFailure.missing("key file " + file + " does not exist");
    }
    String text = new String(data, StandardCharsets.UTF_8);
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    try {
      return SignerKey.parse(text);
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
    byte[] content = (key.encodeSecret() + "\n").getBytes(StandardCharsets.UTF_8);
    if (!replace) {
      try {
        createOwnerOnly(file, content);
      } catch (FileAlreadyExistsException e) {
        throw CommandFailure.usage(file + " exists; use --force to overwrite it");
      }
      return;
    }
    // An absolute file path always has a parent folder.
    Path dir = Objects.requireNonNull(file.toAbsolutePath().getParent());
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    Files.deleteIfExists(tmp);
    createOwnerOnly(tmp, content);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void createOwnerOnly(Path file, byte[] content) throws IOException {
    try {
      Files.createFile(file, OWNER_ONLY);
    } catch (UnsupportedOperationException e) {
      throw new IOException(
          "cannot create " + file + " readable by its owner only on this file system", e);
    }
    Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
  }
}
