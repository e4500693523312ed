package org.countersign.server.http;

import java.time.Duration;

/**
 * What one client may hold of the server, and for how long (issue 13; see docs/security.md).
 *
 * @param headerTimeout how long a connection may sit without a request in progress (headers not yet
 *     complete, or idle between requests) before it is closed: the slow-header and idle connection
 *     defence
 * @param idleTimeout Jetty's idle timeout: the longest a single read or write may block
 * @param maxConnections connections open at once, in total; beyond it Jetty stops accepting
 * @param maxConnectionsPerAddress connections open at once from one remote IP address; a further
 *     one is closed as soon as it opens
 * @param minBodyRate the slowest a request body may arrive, in bytes per second (after the first
 *     second)
 * @param bodyDeadline the longest a submission's body may take to arrive, whatever its rate
 * @param computeTimeout the longest a CPU-heavy answer (inspection plans, compliance queries) may
 *     compute before the request is answered 503
 */
public record HttpLimits(
    Duration headerTimeout,
    Duration idleTimeout,
    int maxConnections,
    int maxConnectionsPerAddress,
    long minBodyRate,
    Duration bodyDeadline,
    Duration computeTimeout) {

  /** The defaults: see docs/security.md for the reasoning behind each figure. */
  public static final HttpLimits DEFAULTS =
      new HttpLimits(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          10_000,
          1024,
          1024,
          Duration.ofSeconds(10),
          Duration.ofSeconds(10));

  public HttpLimits {
    positive("headerTimeout", headerTimeout);
    positive("idleTimeout", idleTimeout);
    positive("bodyDeadline", bodyDeadline);
    positive("computeTimeout", computeTimeout);
    if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
      throw new IllegalArgumentException("connection caps must be at least 1");
    }
    if (maxConnectionsPerAddress > maxConnections) {
      throw new IllegalArgumentException(
          "the per-address cap ("
              + maxConnectionsPerAddress
              + ") exceeds the total cap ("
              + maxConnections
              + ")");
    }
    if (minBodyRate < 0) {
      throw new IllegalArgumentException("minBodyRate must not be negative");
    }
  }

  private static void positive(String name, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
