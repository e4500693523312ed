package org.countersign.server.publish;

import java.util.Map;
import java.util.Optional;

/**
 * What {@code /health} and {@code /api/v1/log} say about publication beyond the sequencer: whether
 * the checkpoints the log commits reach {@code /checkpoint} as configured (with witnesses: only
 * once a quorum cosigned them).
 *
 * <p>A degraded publication is reported, never hidden: the server keeps integrating entries, keeps
 * serving the last checkpoint it could publish, and says here why it cannot publish the newer one.
 */
public interface PublicationStatus {
  /**
   * Why the log cannot publish what it committed, as one sentence starting with {@code "degraded:
   * "}, or empty when publication is up to date.
   */
  Optional<String> degradation();

  /**
   * The details, as a tree of maps, lists, strings, numbers and booleans that maps to JSON: for
   * witnesses, each witness's last outcome.
   */
  Map<String, Object> details();

  /** The status of a log without witnesses: never degraded; details say none are configured. */
  static PublicationStatus logSignedOnly() {
    return new PublicationStatus() {
      @Override
      public Optional<String> degradation() {
        return Optional.empty();
      }

      @Override
      public Map<String, Object> details() {
        return Map.of("configured", false);
      }
    };
  }
}
