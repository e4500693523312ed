package org.countersign.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import org.countersign.server.ops.ServerMetrics;
import org.countersign.server.sequence.Sequencer;

/**
 * {@code GET /metrics} (Prometheus text format) and {@code GET /health}: 200 with the sequencer's
 * state while it makes progress, 503 with the same body and a {@code problem} when it is stuck,
 * stopped or fenced, so that a load balancer stops sending submissions to it.
 */
final class OpsRoutes {
  private final ServerMetrics metrics;
  private final Sequencer sequencer;

  OpsRoutes(ServerMetrics metrics, Sequencer sequencer) {
    this.metrics = metrics;
    this.sequencer = sequencer;
  }

  void register(Javalin app) {
    app.get("/metrics", this::metrics);
    app.get("/health", this::health);
  }

  private void metrics(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
    ctx.result(metrics.scrape().getBytes(StandardCharsets.UTF_8));
  }

  private void health(Context ctx) {
    Sequencer.Health h = sequencer.health();
    ObjectNode body = Json.object();
    body.put("status", h.healthy() ? "ok" : "unhealthy");
    if (!h.healthy()) {
      body.put("problem", h.problem());
    }
    body.put("treeSize", h.treeSize());
    body.put("publishedSize", h.publishedSize());
    body.put("pending", h.pending());
    body.put("sinceProgressMillis", h.sinceProgress().toMillis());
    Json.send(ctx, h.healthy() ? 200 : 503, body);
  }
}
