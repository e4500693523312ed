package org.countersign.witness.server;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.countersign.log.Hash;
import org.jspecify.annotations.Nullable;

/**
 * The witness's durable memory: for each origin, the latest checkpoint it cosigned, in SQLite.
 *
 * <h2>Why a witness can never cosign two inconsistent checkpoints</h2>
 *
 * <p>Every change goes through {@link #advance}, which runs the caller's decision inside one {@code
 * BEGIN IMMEDIATE} transaction: the stored state is read under SQLite's write lock, the decision is
 * made against exactly that state, and the new state is written and committed (with {@code
 * synchronous=FULL}, so the commit is on disk) before {@code advance} returns. The caller answers
 * the HTTP request only after that. Hence:
 *
 * <ul>
 *   <li>two concurrent requests cannot both decide against the same old state (the tlog-witness
 *       "rollback race"): the write lock serialises them, in this process by a lock and across
 *       processes sharing the file by SQLite;
 *   <li>a crash (kill -9, power loss) before the commit leaves the old state and no cosignature was
 *       sent; a crash after it leaves the new state, whether or not the response got out. Either
 *       way every cosignature ever released is for a checkpoint at or below the stored one, and
 *       each stored checkpoint was checked consistent with its predecessor.
 * </ul>
 *
 * <p>The journal is WAL: readers of the monitoring endpoint do not block the writer.
 *
 * <h2>Group commit</h2>
 *
 * <p>A durable commit costs one disk flush, and a disk flushes a few hundred times a second: one
 * transaction per request would cap a witness of many logs there. So requests that arrive while a
 * transaction is being committed wait in a queue, and the next caller to take the write lock
 * decides all of them (up to {@value #MAX_GROUP}) in one transaction, in arrival order, each
 * against the state left by the ones before it (SQLite shows a transaction its own writes), and
 * commits once. The argument above holds request by request: each decision is taken against exactly
 * the state it will be stored on top of, and no caller returns before the commit holding its
 * decision is durable. If the commit fails, every request of the group fails and nothing of it is
 * stored; a transition that refuses affects only its own request.
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

  /** Most requests decided in one transaction. */
  static final int MAX_GROUP = 256;

  /** A request waiting for its group's commit. */
  private record Pending(
      String origin, Transition transition, CompletableFuture<StoredCheckpoint> done) {}

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

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
   * it durably (in a group with concurrent callers; see the class comment). If the transition
   * throws, nothing changes for this request and the exception propagates.
   *
   * @return the state now stored
   * @throws AddCheckpointException as thrown by {@code transition}
   * @throws IOException if the database fails; the state is then unchanged
   */
  public StoredCheckpoint advance(String origin, Transition transition)
      throws AddCheckpointException, IOException {
    Pending mine = new Pending(origin, transition, new CompletableFuture<>());
    queue.add(mine);
    lock.lock();
    try {
      // Whoever holds the lock commits for everyone queued; ours may already be done.
      while (!mine.done().isDone()) {
        commitGroup();
      }
    } finally {
      lock.unlock();
    }
    try {
      return mine.done().get();
    } catch (InterruptedException e) {
      throw new IllegalStateException("a completed future cannot be interrupted", e);
    } catch (ExecutionException e) {
      // A future failed without a cause cannot happen; treat it as a bug, with the wrapper as
      // evidence.
      Throwable cause = e.getCause() == null ? e : e.getCause();
      switch (cause) {
        case AddCheckpointException refused -> throw refused;
        case IOException failed -> throw failed;
        case RuntimeException bug -> throw bug;
        case Error error -> throw error;
        default -> throw new IllegalStateException(cause);
      }
    }
  }

  /** Decides and commits the queued requests, at most {@link #MAX_GROUP}; holds the lock. */
  private void commitGroup() {
    List<Pending> group = new ArrayList<>();
    Pending p;
    while (group.size() < MAX_GROUP && (p = queue.poll()) != null) {
      group.add(p);
    }
    if (group.isEmpty()) {
      return;
    }
    List<Object> outcomes = new ArrayList<>(group.size());
    try {
      boolean committed = false;
      try (Statement s = connection.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
      }
      try {
        for (Pending q : group) {
          outcomes.add(decide(q));
        }
        try (Statement s = connection.createStatement()) {
          s.execute("COMMIT");
        }
        committed = true;
      } finally {
        if (!committed) {
          rollbackQuietly();
        }
      }
    } catch (SQLException e) {
      IOException failed = new IOException("cannot update witness state: " + e.getMessage(), e);
      for (Pending q : group) {
        q.done().completeExceptionally(failed);
      }
      return;
    } catch (RuntimeException | Error e) {
      // Nothing of the group is stored; no caller may wait forever.
      for (Pending q : group) {
        q.done().completeExceptionally(e);
      }
      throw e;
    }
    for (int i = 0; i < group.size(); i++) {
      Object o = outcomes.get(i);
      if (o instanceof StoredCheckpoint next) {
        group.get(i).done().complete(next);
      } else {
        group.get(i).done().completeExceptionally((Throwable) o);
      }
    }
  }

  /**
   * Runs one request's transition against the state in the open transaction and writes its result;
   * returns the new state, or the transition's exception (nothing written for it).
   */
  private Object decide(Pending q) throws SQLException {
    StoredCheckpoint next;
    try {
      next = q.transition().next(read(q.origin()));
      if (!next.origin().equals(q.origin())) {
        throw new IllegalStateException(
            "transition for " + q.origin() + " returned state for " + next.origin());
      }
    } catch (AddCheckpointException | RuntimeException refused) {
      return refused;
    }
    try (PreparedStatement p =
        connection.prepareStatement(
            "INSERT INTO cosigned (origin, size, root, note) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (origin) DO UPDATE SET"
                + " size = excluded.size, root = excluded.root, note = excluded.note")) {
      p.setString(1, q.origin());
      p.setLong(2, next.size());
      p.setBytes(3, next.root().bytes());
      p.setString(4, next.signedNote());
      p.executeUpdate();
    }
    return next;
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
