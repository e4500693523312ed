package org.countersign.witness.server;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.countersign.log.Hash;
import org.jspecify.annotations.Nullable;

/**
 * The witness's durable memory: for each origin, the latest checkpoint it cosigned, in SQLite.
 *
 * <h2>Why a witness can never cosign two inconsistent checkpoints</h2>
 *
 * <p>Every change goes through {@link #advance}, which runs the caller's decision inside one
 * {@code BEGIN IMMEDIATE} transaction: the stored state is read under SQLite's write lock, the
 * decision is made against exactly that state, and the new state is written and committed (with
 * {@code synchronous=FULL}, so the commit is on disk) before {@code advance} returns. The caller
 * answers the HTTP request only after that. Hence:
 *
 * <ul>
 *   <li>two concurrent requests cannot both decide against the same old state (the tlog-witness
 *       "rollback race"): the write lock serialises them, in this process by a lock and across
 *       processes sharing the file by SQLite;
 *   <li>a crash (kill -9, power loss) before the commit leaves the old state and no cosignature was
 *       sent; a crash after it leaves the new state, whether or not the response got out. Either way
 *       every cosignature ever released is for a checkpoint at or below the stored one, and each
 *       stored checkpoint was checked consistent with its predecessor.
 * </ul>
 *
 * <p>The journal is WAL: readers of the monitoring endpoint do not block the writer.
 */
public final class WitnessStore implements AutoCloseable {
  /** A decision taken against the current state, inside the write transaction. */
  @FunctionalInterface
  public interface Transition {
    /**
     * Returns the state to store, given the current one ({@code null} if the origin was never
     * cosigned); throws to leave the state unchanged.
     */
    StoredCheckpoint next(@Nullable StoredCheckpoint current) throws AddCheckpointException;
  }

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();

  private WitnessStore(Connection connection) {
    this.connection = connection;
  }

  /**
   * Opens (creating if absent) the database at {@code file}.
   *
   * @throws IOException if SQLite cannot open or initialise the file
   */
  public static WitnessStore open(Path file) throws IOException {
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=10000");
        s.execute(
            "CREATE TABLE IF NOT EXISTS cosigned ("
                + " origin TEXT PRIMARY KEY NOT NULL,"
                + " size INTEGER NOT NULL CHECK (size >= 0),"
                + " root BLOB NOT NULL CHECK (length(root) = 32),"
                + " note TEXT NOT NULL)");
      }
      c.setAutoCommit(true);
      return new WitnessStore(c);
    } catch (SQLException e) {
      throw new IOException("cannot open witness database " + file + ": " + e.getMessage(), e);
    }
  }

  /** The latest checkpoint cosigned for {@code origin}, if any. */
  public Optional<StoredCheckpoint> latest(String origin) throws IOException {
    lock.lock();
    try {
      return Optional.ofNullable(read(origin));
    } catch (SQLException e) {
      throw new IOException("cannot read witness state for " + origin + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Atomically replaces the state of {@code origin} by {@code transition.next(current)} and commits
   * it durably. If the transition throws, nothing changes and the exception propagates.
   *
   * @return the state now stored
   * @throws AddCheckpointException as thrown by {@code transition}
   * @throws IOException if the database fails; the state is then unchanged
   */
  public StoredCheckpoint advance(String origin, Transition transition)
      throws AddCheckpointException, IOException {
    lock.lock();
    try {
      boolean committed = false;
      try (Statement s = connection.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
      }
      try {
        StoredCheckpoint current = read(origin);
        StoredCheckpoint next = transition.next(current);
        if (!next.origin().equals(origin)) {
          throw new IllegalStateException(
              "transition for " + origin + " returned state for " + next.origin());
        }
        try (PreparedStatement p =
            connection.prepareStatement(
                "INSERT INTO cosigned (origin, size, root, note) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (origin) DO UPDATE SET"
                    + " size = excluded.size, root = excluded.root, note = excluded.note")) {
          p.setString(1, origin);
          p.setLong(2, next.size());
          p.setBytes(3, next.root().bytes());
          p.setString(4, next.signedNote());
          p.executeUpdate();
        }
        try (Statement s = connection.createStatement()) {
          s.execute("COMMIT");
        }
        committed = true;
        return next;
      } finally {
        if (!committed) {
          rollbackQuietly();
        }
      }
    } catch (SQLException e) {
      throw new IOException("cannot update witness state for " + origin + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private @Nullable StoredCheckpoint read(String origin) throws SQLException {
    try (PreparedStatement p =
        connection.prepareStatement("SELECT size, root, note FROM cosigned WHERE origin = ?")) {
      p.setString(1, origin);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return null;
        }
        return new StoredCheckpoint(origin, r.getLong(1), Hash.of(r.getBytes(2)), r.getString(3));
      }
    }
  }

  private void rollbackQuietly() {
    try (Statement s = connection.createStatement()) {
      s.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // No transaction open (BEGIN failed) or the connection is gone: nothing was committed.
    }
  }

  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IOException("cannot close witness database: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
