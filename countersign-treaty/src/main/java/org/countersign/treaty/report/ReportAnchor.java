package org.countersign.treaty.report;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a report's evidence can be checked: the log and the signed checkpoint that every cited
 * entry can be proved against, and where entries and proofs are served.
 *
 * @param origin the log's origin (its checkpoint's first line)
 * @param checkpointSize the size of that checkpoint; at least the report's prefix
 * @param checkpointRoot its root hash, base64
 * @param checkpointNote the signed checkpoint note verbatim (with any cosignatures)
 * @param apiBase the URL prefix of the log's JSON API ending in {@code /} (e.g. {@code
 *     https://log.example/api/v1/}, or {@code ""} for links relative to {@code /api/v1/...}), or
 *     null where there is no server to link to (a replay of a local mirror)
 */
public record ReportAnchor(
    String origin,
    long checkpointSize,
    String checkpointRoot,
    String checkpointNote,
    @Nullable String apiBase) {
  public ReportAnchor {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(checkpointRoot, "checkpointRoot");
    Objects.requireNonNull(checkpointNote, "checkpointNote");
    if (checkpointSize < 0) {
      throw new IllegalArgumentException("checkpoint size must be >= 0, got " + checkpointSize);
    }
    if (apiBase != null && !apiBase.isEmpty() && !apiBase.endsWith("/")) {
      throw new IllegalArgumentException("the API base must end in /, got \"" + apiBase + "\"");
    }
  }
}
