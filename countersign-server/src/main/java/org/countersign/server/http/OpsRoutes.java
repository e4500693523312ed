package org.countersign.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import org.countersign.server.ops.ServerMetrics;
import org.countersign.server.publish.PublicationStatus;
import org.countersign.server.sequence.Sequencer;

/**
 * {@code GET /metrics} (Prometheus text format) and {@code GET /health}: 200 with the sequencer's
 * state while it makes progress, 503 with the same body and a {@code problem} when it is stuck,
 * stopped or fenced, so that a load balancer stops sending submissions to it.
 *
 * <p>Unhealthy also when the last batch failed to become durable (until one succeeds: a full disk,
 * I/O errors) or a read from the store failed within the last 30 s.
 *
 * <p>With witnesses, a missed quorum makes the status {@code "degraded"} with the {@code problem}
 * naming the checkpoint and each failing witness, and a {@code witnessing} object with each
 * witness's last outcome. Degraded answers 200: the log still integrates entries and serves reads;
 * only publication waits for the witnesses, and moving submissions elsewhere would not help. Alert
 * on the status or on the witness metrics.
 */
final class OpsRoutes {
  private final ServerMetrics metrics;
  private final Sequencer sequencer;
  private final PublicationStatus publication;

  OpsRoutes(ServerMetrics metrics, Sequencer sequencer, PublicationStatus publication) {
    this.publication = publication;
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

  /** How long a failed store read keeps /health unhealthy. */
  static final java.time.Duration READ_FAILURE_WINDOW = java.time.Duration.ofSeconds(30);

  private void health(Context ctx) {
    Sequencer.Health seq = sequencer.health();
    java.util.Optional<String> readFailure = metrics.recentStoreFailure(READ_FAILURE_WINDOW);
    Sequencer.Health h =
        seq.healthy() && readFailure.isPresent()
            ? new Sequencer.Health(
                false,
                "reads are failing: " + readFailure.get(),
                seq.treeSize(),
                seq.publishedSize(),
                seq.pending(),
                seq.sinceProgress())
            : seq;
    ObjectNode body = Json.object();
    java.util.Optional<String> degraded = publication.degradation();
    body.put("status", !h.healthy() ? "unhealthy" : degraded.isPresent() ? "degraded" : "ok");
    if (!h.healthy()) {
      body.put("problem", h.problem());
    } else if (degraded.isPresent()) {
      body.put("problem", degraded.get());
    }
    body.put("treeSize", h.treeSize());
    body.put("publishedSize", h.publishedSize());
    body.put("pending", h.pending());
    body.put("sinceProgressMillis", h.sinceProgress().toMillis());
    body.set("witnessing", Json.MAPPER.valueToTree(publication.details()));
    Json.send(ctx, h.healthy() ? 200 : 503, body);
  }
}
