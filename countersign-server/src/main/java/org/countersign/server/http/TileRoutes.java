package org.countersign.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.countersign.log.MalformedInputException;
import org.countersign.log.tile.EntryBundleId;
import org.countersign.log.tile.TileId;
import org.countersign.log.tile.TileResource;
import org.countersign.server.publish.PublishedCheckpoint;
import org.countersign.server.publish.PublishedLog;
import org.countersign.server.tiles.TileSource;
import org.countersign.store.StoreException;

/**
 * The C2SP tlog-tiles read path: {@code GET /checkpoint}, {@code /tile/<L>/<N>[.p/<W>]} and {@code
 * /tile/entries/<N>[.p/<W>]}.
 *
 * <p>Nothing beyond the published checkpoint is served: a tile or bundle that no published tree
 * size justifies is 404, even if the sequencer has already committed it. Full tiles and bundles are
 * immutable and say so ({@code Cache-Control: public, max-age=31536000, immutable}); partial ones
 * are cacheable for a minute (they too never change, but a client should move on to the full tile
 * once it exists); the checkpoint for a second. Handlers do one volatile read, one parse and, for
 * cached tiles, one map lookup: the bytes are written without copying.
 */
final class TileRoutes {
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String PARTIAL = "public, max-age=60";
  static final String CHECKPOINT = "public, max-age=1";
  static final String OCTETS = "application/octet-stream";
  static final String TEXT = "text/plain; charset=utf-8";

  private final PublishedLog published;
  private final TileSource tiles;

  TileRoutes(PublishedLog published, TileSource tiles) {
    this.published = published;
    this.tiles = tiles;
  }

  void register(Javalin app) {
    app.get("/checkpoint", this::checkpoint);
    app.get("/tile/<path>", this::tile);
  }

  private void checkpoint(Context ctx) {
    PublishedCheckpoint c = published.current();
    ctx.header("Cache-Control", CHECKPOINT);
    ctx.contentType(TEXT);
    ctx.result(c.note().getBytes(StandardCharsets.UTF_8));
  }

  private void tile(Context ctx) throws StoreException {
    TileResource resource;
    try {
      resource = TileResource.parse("tile/" + ctx.pathParam("path"));
    } catch (MalformedInputException e) {
      notFound(ctx, "not a tile path");
      return;
    }
    if (resource.requiredTreeSize() > published.current().size()) {
      notFound(ctx, "beyond the published tree");
      return;
    }
    Optional<byte[]> body =
        switch (resource) {
          case EntryBundleId b -> tiles.entryBundle(b.index(), b.width());
          case TileId t -> tiles.hashTile(t);
        };
    if (body.isEmpty()) {
      // The published checkpoint justifies it, so the store must hold it: a broken store.
      throw new StoreException("the store lacks a published tile: " + ctx.pathParam("path"));
    }
    ctx.header("Cache-Control", resource.isPartial() ? PARTIAL : IMMUTABLE);
    ctx.contentType(OCTETS);
    ctx.result(body.get());
  }

  private static void notFound(Context ctx, String why) {
    // The API's one error shape, here too: a client reads the same {error, reason} everywhere.
    Json.error(ctx, 404, "not-found", why + ": " + ctx.path());
  }
}
