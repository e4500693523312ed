package org.countersign.treaty.inspection;

import java.util.Arrays;
import java.util.Locale;
import org.countersign.treaty.model.DrawRules;
import org.countersign.treaty.model.Treaty;

/**
 * What decides a joint draw when a side does not commit or reveal in time. The treaty file names
 * the rule in kebab-case ({@link #treatyName()}); the report always names the delaying side.
 *
 * <p>Why a rule is needed at all: the side that reveals last sees the outcome first and could
 * withhold its reveal if it dislikes it. Each rule makes withholding no better than revealing for
 * the side that would gain from it. A rule cannot remove the choice between "reveal" and "be
 * reported as delaying", which is why delays are always reported.
 */
public enum ForfeitRule {
  /**
   * The draw uses the values revealed in time; a missing reveal counts as empty. The remaining
   * value was committed before anything was known, so the draw stays uniform; the side that reveals
   * last can at most choose between two draws (with or without its value), and choosing "without"
   * is reported as its delay. If neither side reveals, the checkpoint alone decides.
   */
  REVEALED_VALUES_DECIDE,

  /**
   * If the inspected party delays, the inspecting party designates the object itself: withholding
   * is then never better for the inspected party than revealing. If only the inspecting party
   * delays, the request lapses and still counts against its quota.
   */
  INSPECTING_PARTY_CHOOSES;

  /** The kebab-case name used in treaty files, e.g. {@code revealed-values-decide}. */
  public String treatyName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The rule {@code treaty} names in its draw rules, or {@link #REVEALED_VALUES_DECIDE} when the
   * treaty file states none (the rule that needs no one's choice: the draw goes ahead with what was
   * revealed in time).
   */
  public static ForfeitRule of(Treaty treaty) {
    return treaty
        .drawRules()
        .map(DrawRules::forfeit)
        .map(ForfeitRule::fromTreatyName)
        .orElse(REVEALED_VALUES_DECIDE);
  }

  /**
   * The rule a treaty file names.
   *
   * @throws IllegalArgumentException naming the known rules if {@code name} is none of them
   */
  public static ForfeitRule fromTreatyName(String name) {
    for (ForfeitRule r : values()) {
      if (r.treatyName().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown forfeit rule \""
            + name
            + "\"; known: "
            + Arrays.stream(values()).map(ForfeitRule::treatyName).toList());
  }
}
