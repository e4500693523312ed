package org.countersign.server.key;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Set;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.SignerKey;

/**
 * The log's Ed25519 signing key in the data directory ({@code log.key}): created once, reused on
 * every later start.
 *
 * <p>The file holds the key in Go's signed-note text form ({@code PRIVATE+KEY+<name>+<id>+<b64>})
 * and a final newline, readable and writable by its owner only (mode 600 on POSIX systems). It is
 * written to a temporary file with that mode, flushed to disk, then atomically renamed into place
 * and the directory synced, so a crash during creation leaves either no key or a whole key, never a
 * torn one that a later start would refuse (or worse, replace: a replaced key would sign a second,
 * unverifiable history under the same origin).
 *
 * <p>The key name is the log's origin (C2SP tlog-checkpoint: the log key name SHOULD equal the
 * origin). A key file whose name differs from the configured origin is refused rather than used.
 */
public final class LogKeyFile {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

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
      write(file, key);
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
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    SignerKey key;
    try {
      key = SignerKey.parse(text);
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

  private static void write(Path file, SignerKey key) throws IOException {
    // An absolute file path always has a parent folder.
    Path dir = Objects.requireNonNull(file.toAbsolutePath().getParent());
    Files.createDirectories(dir);
    boolean posix =
        Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class)
            != null;
    FileAttribute<?>[] attrs =
        posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dir, ".log.key.", ".tmp", attrs);
    try {
      byte[] bytes = (key.encodeSecret() + "\n").getBytes(StandardCharsets.UTF_8);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(bytes));
        ch.force(true);
      } finally {
        java.util.Arrays.fill(bytes, (byte) 0);
      }
      try {
        // link(2) fails if the name exists, unlike rename(2): a concurrent creator never loses.
        Files.createLink(file, tmp);
      } catch (UnsupportedOperationException | FileSystemException e) {
        if (e instanceof FileAlreadyExistsException exists) {
          throw exists;
        }
        if (Files.exists(file)) {
          throw new FileAlreadyExistsException(file.toString());
        }
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException notAtomic) {
          Files.move(tmp, file);
        }
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    syncDirectory(dir);
  }

  /** Makes the rename durable; not possible on every platform, where it is skipped. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory; the rename is then as durable as the OS makes it.
    }
  }
}
