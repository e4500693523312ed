package org.countersign.log.note;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Objects;
import org.countersign.log.MalformedInputException;
import org.countersign.log.Utf8;

/**
 * A signer key on disk, the one reader and writer of the file every Countersign key lives in (party
 * keys, the log's key, a witness's key): one line, Go's signer-key text form {@code
 * PRIVATE+KEY+<name>+<hex8>+<base64>}, and a final newline.
 *
 * <p>The file is readable and writable by its owner only (mode 600 where the file system has POSIX
 * permissions) from the moment it exists: the key goes into a temporary file created with that
 * mode, is flushed to disk, then takes its name by a hard link (which fails if the name exists, so
 * a concurrent creator never loses its key) or, for {@link #replace}, an atomic rename. A crash
 * leaves no key or a whole key, never a torn one.
 */
public final class SignerKeyFile {
  /** Cap on a key file; a signer key line is about 90 bytes. */
  public static final int MAX_BYTES = 4096;

  private SignerKeyFile() {}

  /**
   * Reads the key in {@code file}: the key line, optionally followed by one newline.
   *
   * @throws NoSuchFileException if there is no such file
   * @throws MalformedInputException if the file is over {@link #MAX_BYTES}, not UTF-8, or not a
   *     signer key; the message never holds the secret
   */
  public static SignerKey read(Path file) throws IOException, MalformedInputException {
    byte[] data;
    try (InputStream in = Files.newInputStream(file)) {
      data = in.readNBytes(MAX_BYTES + 1);
    }
    try {
      if (data.length > MAX_BYTES) {
        throw new MalformedInputException("over " + MAX_BYTES + " bytes: not a signer key");
      }
      String text = Utf8.decode(data, "text");
      if (text.endsWith("\n")) {
        text = text.substring(0, text.length() - 1);
      }
      return SignerKey.parse(text);
    } finally {
      Arrays.fill(data, (byte) 0);
    }
  }

  /**
   * Creates {@code file} holding {@code key}, readable by its owner only.
   *
   * @throws FileAlreadyExistsException if the file exists (it is left as it was)
   */
  public static void create(Path file, SignerKey key) throws IOException {
    Path dir = parent(file);
    Path tmp = writeTemporary(dir, file, key);
    try {
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
        move(tmp, file);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    syncDirectory(dir);
  }

  /** Writes {@code key} to {@code file}, replacing any file there, readable by its owner only. */
  public static void replace(Path file, SignerKey key) throws IOException {
    Path dir = parent(file);
    Path tmp = writeTemporary(dir, file, key);
    try {
      move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    syncDirectory(dir);
  }

  private static Path parent(Path file) throws IOException {
    // An absolute file path always has a parent folder.
    Path dir = Objects.requireNonNull(file.toAbsolutePath().getParent());
    Files.createDirectories(dir);
    return dir;
  }

  private static Path writeTemporary(Path dir, Path file, SignerKey key) throws IOException {
    boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
    FileAttribute<?>[] ownerOnly =
        posix
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", ownerOnly);
    byte[] bytes = (key.encodeSecret() + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(bytes));
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    return tmp;
  }

  private static void move(Path from, Path to, StandardCopyOption... options) throws IOException {
    StandardCopyOption[] atomic = Arrays.copyOf(options, options.length + 1);
    atomic[options.length] = StandardCopyOption.ATOMIC_MOVE;
    try {
      Files.move(from, to, atomic);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, options);
    }
  }

  /** Makes the new name durable; not possible on every platform, where it is skipped. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory; the rename is then as durable as the OS makes it.
    }
  }
}
