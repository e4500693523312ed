package org.countersign.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one list of things a server closes, filled as assembly opens them and run by both a failed
 * start and {@link LogServer#stop()}. Steps run by {@link Phase}, not in reverse order of opening,
 * because the order that loses nothing is not the order of construction: the sequencer drains its
 * queue while the HTTP server still holds the submitters waiting for their receipts, and the store
 * closes last.
 */
final class Shutdown {
  private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

  /** When a step runs, in this order. */
  enum Phase {
    /** Stop taking entries, integrate the batch in flight and the queue, answer the waiters. */
    SEQUENCER,
    /** Stop asking witnesses to cosign. */
    WITNESSES,
    /** Stop serving HTTP. */
    HTTP,
    /** Stop following the published log. */
    COMPLIANCE,
    /** Close the store. */
    STORE
  }

  /** One thing to stop, given the grace period it may take. */
  @FunctionalInterface
  interface Step {
    void stop(Duration grace) throws Exception;
  }

  private final Map<Phase, List<Step>> steps = new EnumMap<>(Phase.class);

  /** Adds {@code step} to run in {@code phase}. */
  synchronized void add(Phase phase, Step step) {
    steps.computeIfAbsent(phase, p -> new ArrayList<>()).add(step);
  }

  /** Runs every step, phase by phase; a step that fails is logged and the others still run. */
  synchronized void run(Duration grace) {
    for (Phase phase : Phase.values()) {
      for (Step step : steps.getOrDefault(phase, List.of())) {
        try {
          step.stop(grace);
        } catch (Exception e) {
          log.warn("event=stop_step_failed phase={} error=\"{}\"", phase, e.toString());
        }
      }
    }
    steps.clear();
  }
}
