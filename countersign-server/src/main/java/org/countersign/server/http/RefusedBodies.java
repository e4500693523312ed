package org.countersign.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bodies refused for their size are read to their end before the refusal is sent. Why: answering
 * and closing with the body unread makes the kernel reset the connection, and a client still
 * sending then often loses the 413 to that reset (the JDK's client did, at 1 to 5 MB, in about one
 * refusal in fifty). Draining costs bandwidth, so it is bounded by {@link #DRAIN_LIMIT} and by the
 * body deadline; a larger declared body is refused at once.
 */
final class RefusedBodies {
  private static final Logger log = LoggerFactory.getLogger(RefusedBodies.class);

  /** The most of an oversized body that is read and thrown away before the 413 is sent. */
  static final long DRAIN_LIMIT = 16L << 20;

  private RefusedBodies() {}

  /**
   * Drains, before any handler runs, a body declared larger than {@code cap} (Javalin's request
   * cap, which then refuses it by its declared length), so that routes reading their body through
   * Javalin refuse it as the submission route does.
   */
  static void drainOverCap(Javalin app, long cap, HttpLimits limits) {
    app.before(
        ctx -> {
          long declared = ctx.req().getContentLengthLong();
          if (declared > cap && declared <= DRAIN_LIMIT) {
            drain(ctx, declared, System.nanoTime() + limits.bodyDeadline().toNanos());
          }
        });
  }

  /**
   * Reads and discards up to {@code budget} more bytes of a refused body, until its end or the
   * deadline ({@link System#nanoTime()}). Whatever stops the drain (a slow or vanished client, a
   * broken encoding), the answer is still the refusal.
   */
  static void drain(Context ctx, long budget, long deadline) {
    byte[] scratch = new byte[16 * 1024];
    long left = budget;
    try (InputStream in = ctx.req().getInputStream()) {
      while (left > 0 && System.nanoTime() - deadline < 0) {
        int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
        if (n < 0) {
          return;
        }
        left -= n;
      }
    } catch (IOException | BadMessageException e) {
      log.debug("event=drain_stopped reason={}", e.toString());
    }
  }
}
