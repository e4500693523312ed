package org.countersign.server.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections that hold the server without using it, and caps connections per address.
 *
 * <p>Jetty's idle timeout bounds one blocked read, so a client sending one header byte every few
 * seconds would hold its connection (and a file descriptor) for ever. Every second this guard looks
 * at each open connection: one with a request in progress counts as active; one without (its
 * request headers not complete yet, or idle between keep-alive requests) for longer than the header
 * timeout is closed. A request in progress is bounded by its own deadlines (body deadline, compute
 * timeout, integration timeout).
 *
 * <p>A connection that opens while its address already holds the per-address cap is closed at once.
 * The total cap is Jetty's {@code ConnectionLimit}, which stops accepting instead.
 */
final class ConnectionGuard implements Connection.Listener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

  private final long headerTimeoutNanos;
  private final int perAddress;
  private final Map<Connection, Tracked> open = new ConcurrentHashMap<>();
  private final Map<InetAddress, AtomicInteger> byAddress = new ConcurrentHashMap<>();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong expired = new AtomicLong();
  private final ScheduledExecutorService sweeper;

  /** One open connection: when it was last seen busy (or opened). */
  private static final class Tracked {
    final @Nullable InetAddress address;
    volatile long lastActiveNanos;
    volatile long messagesIn;

    Tracked(@Nullable InetAddress address, long now) {
      this.address = address;
      this.lastActiveNanos = now;
    }
  }

  ConnectionGuard(HttpLimits limits) {
    this.headerTimeoutNanos = limits.headerTimeout().toNanos();
    this.perAddress = limits.maxConnectionsPerAddress();
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "connection-guard");
              t.setDaemon(true);
              return t;
            });
    // The sweep runs until close() shuts the executor down; its future carries nothing to check.
    var unused = sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  public void onOpened(Connection connection) {
    InetAddress address = addressOf(connection.getEndPoint().getRemoteSocketAddress());
    Tracked t = new Tracked(address, System.nanoTime());
    open.put(connection, t);
    if (address != null) {
      int n = byAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
      if (n > perAddress) {
        refused.incrementAndGet();
        log.debug("event=connection_refused address={} open={}", address, n - 1);
        connection.getEndPoint().close();
      }
    }
  }

  @Override
  public void onClosed(Connection connection) {
    Tracked t = open.remove(connection);
    if (t != null && t.address != null) {
      byAddress.computeIfPresent(t.address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
  }

  /** Connections closed because their address was at its cap. */
  long refusedByAddress() {
    return refused.get();
  }

  /** Connections closed for holding no request beyond the header timeout. */
  long expiredIdle() {
    return expired.get();
  }

  /** Connections open now. */
  int openConnections() {
    return open.size();
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Map.Entry<Connection, Tracked> e : open.entrySet()) {
      try {
        Connection c = e.getKey();
        Tracked t = e.getValue();
        if (busy(c, t)) {
          t.lastActiveNanos = now;
        } else if (now - t.lastActiveNanos > headerTimeoutNanos) {
          expired.incrementAndGet();
          c.getEndPoint().close();
        }
      } catch (RuntimeException ex) {
        log.debug("event=connection_sweep_failed error=\"{}\"", ex.toString());
      }
    }
  }

  /** Whether a request is in progress, or a new one completed since the last look. */
  private static boolean busy(Connection c, Tracked t) {
    if (!(c instanceof HttpConnection http)) {
      return false;
    }
    long messages = http.getMessagesIn();
    boolean progressed = messages != t.messagesIn;
    t.messagesIn = messages;
    return progressed || !http.getHttpChannel().getState().isIdle();
  }

  private static @Nullable InetAddress addressOf(@Nullable SocketAddress a) {
    return a instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
