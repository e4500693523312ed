package org.countersign.cli.demo;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The demo server's clock: while the demo replays 2011–2023 it reads the simulated moment of the
 * statement being sent, so that each historical statement is logged with the time it was really
 * issued and passes the server's clock-skew check honestly; once {@link #release released} it is
 * the system clock.
 *
 * <p>Why not re-issue history "now": compliance judges timeliness from {@code issuedAt}, so a data
 * exchange of 2011 issued in 2026 would be reported late, which is not what history says. The
 * simulation is confined to the demo; {@code serve} always runs on the system clock.
 */
final class HistoryClock implements InstantSource {
  private final InstantSource system;
  private final AtomicReference<@Nullable Instant> simulated = new AtomicReference<>();

  HistoryClock(InstantSource system) {
    this.system = system;
  }

  /** From now on the clock reads {@code moment}, until set again or released. */
  void simulate(Instant moment) {
    simulated.set(moment);
  }

  /** Back to the system clock, for good. */
  void release() {
    simulated.set(null);
  }

  /** Whether a moment is being simulated. */
  boolean simulating() {
    return simulated.get() != null;
  }

  @Override
  public Instant instant() {
    Instant s = simulated.get();
    return s != null ? s : system.instant();
  }
}
