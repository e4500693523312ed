package org.countersign.treaty.model;

import java.time.Instant;
import java.util.List;

/**
 * The treaty's rules for the joint random draw that picks the object of an inspection: how long
 * each side has to commit to its random value and then to reveal it, and what decides the draw when
 * a side misses a deadline.
 *
 * <p>The deadlines are the treaty's, not the requester's: a request's {@code commitBy} MUST be
 * exactly its {@code issuedAt} plus {@link #commitWithin()}, and its {@code revealBy} exactly
 * {@code commitBy} plus {@link #revealWithin()}. Were the inspecting party free to choose them, it
 * could set a commit deadline the inspected party cannot meet and, under a rule that lets the
 * inspecting party choose when the other side delays, pick the object itself.
 *
 * @param commitWithin time from the request to the commit deadline, positive
 * @param revealWithin time from the commit deadline to the reveal deadline, positive
 * @param forfeit the forfeit rule's kebab-case name, one of {@link #FORFEIT_RULES} (the inspection
 *     package maps it to its {@code ForfeitRule})
 */
public record DrawRules(TreatyDuration commitWithin, TreatyDuration revealWithin, String forfeit) {
  /** The forfeit rules the treaty language knows, as treaty files spell them. */
  public static final List<String> FORFEIT_RULES =
      List.of("revealed-values-decide", "inspecting-party-chooses");

  public DrawRules {
    Checks.present("commitWithin", commitWithin);
    Checks.present("revealWithin", revealWithin);
    if (isZero(commitWithin) || isZero(revealWithin)) {
      throw new IllegalArgumentException(
          "draw deadlines must be positive durations, got commit "
              + commitWithin
              + " and reveal "
              + revealWithin);
    }
    if (!FORFEIT_RULES.contains(Checks.present("forfeit", forfeit))) {
      throw new IllegalArgumentException(
          "unknown forfeit rule \"" + forfeit + "\"; known: " + FORFEIT_RULES);
    }
  }

  private static boolean isZero(TreatyDuration d) {
    return d.years() == 0 && d.months() == 0 && d.days() == 0 && d.seconds() == 0;
  }

  /** The commit deadline of a request issued at {@code issuedAt}. */
  public Instant commitBy(Instant issuedAt) {
    return commitWithin.addTo(issuedAt);
  }

  /** The reveal deadline of a request issued at {@code issuedAt}. */
  public Instant revealBy(Instant issuedAt) {
    return revealWithin.addTo(commitBy(issuedAt));
  }
}
