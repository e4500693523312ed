package org.countersign.treaty.model;

import java.time.Instant;

/**
 * When a notification is due relative to the event that triggers it: {@code within: P5D} (no later
 * than five days after the change) or {@code before: PT24H} (at least 24 hours before the launch).
 * A notification issued exactly at the deadline is on time.
 *
 * @param before true for "at least this long before", false for "within this long after"
 * @param period the duration
 */
public record Deadline(boolean before, TreatyDuration period) {
  public Deadline {
    Checks.present("period", period);
  }

  /** The last instant at which a notification of an event at {@code eventTime} is on time. */
  public Instant dueFor(Instant eventTime) {
    return before ? period.subtractFrom(eventTime) : period.addTo(eventTime);
  }

  /** As written in a treaty file, e.g. {@code within P5D}. */
  @Override
  public String toString() {
    return (before ? "before " : "within ") + period.text();
  }
}
