/**
 * A client of a Countersign log's public HTTP API: the C2SP tlog-tiles read path ({@code
 * /checkpoint}, {@code /tile/...}) and the JSON API ({@code /api/v1/...}).
 *
 * <p>The client trusts nothing it downloads: it only bounds and transports bytes. Verification is
 * the caller's job ({@code org.countersign.cli.verify}): tiles go through a {@code TileClient}
 * anchored at a checkpoint that the log key signed.
 */
@NullMarked
package org.countersign.cli.client;

import org.jspecify.annotations.NullMarked;
