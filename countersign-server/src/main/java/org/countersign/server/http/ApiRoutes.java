package org.countersign.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;
import org.countersign.log.Hash;
import org.countersign.log.merkle.ConsistencyProof;
import org.countersign.log.merkle.InclusionProof;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.server.publish.PublicationStatus;
import org.countersign.server.publish.PublishedCheckpoint;
import org.countersign.server.publish.PublishedLog;
import org.countersign.server.tiles.ProofSource;
import org.countersign.store.LogStore;
import org.countersign.store.StoreException;

/**
 * The JSON API for people and the portal, over the published tree only.
 *
 * <ul>
 *   <li>{@code GET /api/v1/log}: origin, verifier key, treaty, published size and checkpoint, the
 *       integrated size (committed, possibly not yet published) and the witnessing status ({@code
 *       publication}: {@code ok} or the degradation, and the details);
 *   <li>{@code GET /api/v1/entries/<i>}: the entry (signed note text), its leaf hash and its
 *       statement as JSON;
 *   <li>{@code GET /api/v1/proofs/inclusion?index=&size=}: size defaults to the published size;
 *   <li>{@code GET /api/v1/proofs/consistency?from=&to=}: to defaults to the published size.
 * </ul>
 *
 * <p>Proofs are computed from the same tiles the read path serves; clients MUST verify them against
 * a checkpoint they verified, as with anything a log says.
 */
final class ApiRoutes {
  private final HttpApi.LogInfo info;
  private final PublishedLog published;
  private final LogStore store;
  private final ProofSource proofs;
  private final PublicationStatus publication;
  private final LongSupplier integratedSize;

  /** Whether this is a negotiation log, which {@code /api/v1/log} says as its {@code kind}. */
  private final boolean negotiationLog;

  ApiRoutes(
      HttpApi.LogInfo info,
      PublishedLog published,
      LogStore store,
      ProofSource proofs,
      PublicationStatus publication,
      LongSupplier integratedSize,
      boolean negotiationLog) {
    this.negotiationLog = negotiationLog;
    this.publication = publication;
    this.integratedSize = integratedSize;
    this.info = info;
    this.published = published;
    this.store = store;
    this.proofs = proofs;
  }

  void register(Javalin app) {
    app.get("/api/v1/log", this::log);
    app.get("/api/v1/entries/{index}", this::entry);
    app.get("/api/v1/proofs/inclusion", this::inclusion);
    app.get("/api/v1/proofs/consistency", this::consistency);
  }

  private void log(Context ctx) {
    PublishedCheckpoint c = published.current();
    ObjectNode body = Json.object();
    body.put("origin", info.origin());
    body.put("verifierKey", info.verifierKey());
    body.put("treaty", info.treaty());
    // Clients (the portal's negotiation page) learn what the log keeps without probing routes.
    body.put("kind", negotiationLog ? "negotiation" : "treaty");
    body.put("size", c.size());
    body.put("rootHash", c.root().base64());
    body.put("checkpoint", c.note());
    body.put("publishedSize", c.size());
    body.put("integratedSize", Math.max(c.size(), integratedSize.getAsLong()));
    body.put("publication", publication.degradation().orElse("ok"));
    body.set("witnessing", Json.MAPPER.valueToTree(publication.details()));
    Json.send(ctx, 200, body);
  }

  private void entry(Context ctx) throws StoreException {
    long index = ApiException.nonNegative("index", ctx.pathParam("index"));
    long size = published.current().size();
    if (index >= size) {
      throw ApiException.notFound("no entry " + index + " in the published tree of size " + size);
    }
    List<byte[]> got = store.readEntries(index, 1);
    if (got.isEmpty()) {
      throw new StoreException("the store lacks published entry " + index);
    }
    byte[] entry = got.get(0);
    String note = new String(entry, StandardCharsets.UTF_8);
    ObjectNode body = Json.object();
    body.put("index", index);
    body.put("leafHash", Rfc6962.leafHash(entry).base64());
    body.put("identity", Hash.sha256(entry).hex());
    body.put("entry", note);
    StatementView.describe(note, body);
    Json.send(ctx, 200, body);
  }

  private void inclusion(Context ctx) throws IOException {
    long published = this.published.current().size();
    long index = ApiException.nonNegative("index", required(ctx, "index"));
    long size = optional(ctx, "size", published);
    if (size > published) {
      throw ApiException.notFound(
          "size " + size + " is beyond the published tree of size " + published);
    }
    if (index >= size) {
      throw ApiException.badRequest("index " + index + " is not in a tree of size " + size);
    }
    InclusionProof proof = proofs.inclusion(index, size);
    ObjectNode body = Json.object();
    body.put("index", index);
    body.put("size", size);
    body.set("proof", Json.base64(proof.path()));
    Json.send(ctx, 200, body);
  }

  private void consistency(Context ctx) throws IOException {
    long published = this.published.current().size();
    long from = ApiException.nonNegative("from", required(ctx, "from"));
    long to = optional(ctx, "to", published);
    if (to > published) {
      throw ApiException.notFound(
          "size " + to + " is beyond the published tree of size " + published);
    }
    if (from == 0 || from > to) {
      throw ApiException.badRequest(
          "a consistency proof needs 0 < from <= to, got from=" + from + " to=" + to);
    }
    ConsistencyProof proof = proofs.consistency(from, to);
    ObjectNode body = Json.object();
    body.put("from", from);
    body.put("to", to);
    body.set("proof", Json.base64(proof.path()));
    Json.send(ctx, 200, body);
  }

  private static String required(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null) {
      throw ApiException.badRequest("query parameter " + name + " is required");
    }
    return v;
  }

  private static long optional(Context ctx, String name, long fallback) {
    String v = ctx.queryParam(name);
    return v == null ? fallback : ApiException.nonNegative(name, v);
  }
}
