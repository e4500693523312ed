package org.countersign.witness.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a server's data folder ({@code DIR/.lock}), held while the server runs, so
 * that a second log server or witness on the same folder fails at start with a message naming the
 * folder, instead of at its first write while its clients wait.
 *
 * <p>An operating-system file lock: released when the process ends however it ends, so a crash
 * never leaves a stale lock behind. The lock file itself stays; it holds nothing.
 */
public final class DataFolderLock implements AutoCloseable {
  /** The lock file's name inside the folder. */
  public static final String FILE = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataFolderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir} (which must exist) for {@code what} ("log server", "witness").
   *
   * @throws IOException naming the folder if another process (or this one) holds it
   */
  public static DataFolderLock acquire(Path dir, String what) throws IOException {
    Path file = dir.resolve(FILE);
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new IOException(
          "the data folder "
              + dir.toAbsolutePath()
              + " is in use by another "
              + what
              + " (it holds "
              + file.getFileName()
              + "); stop that one first, or give this one its own folder");
    }
    return new DataFolderLock(channel, lock);
  }

  /** Releases the lock (idempotent). */
  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
      channel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock in any case; nothing else to do.
    }
  }
}
