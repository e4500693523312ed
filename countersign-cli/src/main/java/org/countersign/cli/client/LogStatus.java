package org.countersign.cli.client;

/**
 * What {@code GET /api/v1/log} says about publication: how far the log has integrated entries, how
 * far it has published checkpoints, and why not further. Unauthenticated: for telling a user why a
 * receipt is late, never for trusting anything.
 *
 * @param publishedSize the size of the checkpoint served at {@code /checkpoint}
 * @param integratedSize entries durably sequenced (at least {@code publishedSize})
 * @param publication {@code "ok"}, or a sentence starting {@code "degraded: "} saying why the log
 *     cannot publish what it integrated (for instance a witness quorum not met)
 */
public record LogStatus(long publishedSize, long integratedSize, String publication) {
  /** Whether publication is behind for a reason the server states. */
  public boolean degraded() {
    return !publication.equals("ok");
  }
}
