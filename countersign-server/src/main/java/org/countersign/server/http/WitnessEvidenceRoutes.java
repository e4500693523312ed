package org.countersign.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import org.countersign.server.witness.WitnessEvidence;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/witnesses/evidence}: the split-view evidence this log's witnesses hold about
 * it, each file with the server's verdict and its verbatim text ({@link WitnessEvidence}); on a
 * server without witnesses, {@code configured: false} and no witness.
 */
final class WitnessEvidenceRoutes {
  private final @Nullable WitnessEvidence evidence;
  private final String logKey;

  WitnessEvidenceRoutes(@Nullable WitnessEvidence evidence, String logKey) {
    this.evidence = evidence;
    this.logKey = logKey;
  }

  void register(Javalin app) {
    app.get("/api/v1/witnesses/evidence", this::evidence);
  }

  private void evidence(Context ctx) throws InterruptedException {
    WitnessEvidence e = evidence;
    String body = e == null ? WitnessEvidence.none(logKey) : e.json();
    ctx.status(200);
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType("application/json; charset=utf-8");
    ctx.result((body + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
