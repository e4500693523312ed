package org.countersign.treaty.model;

import java.util.List;

/**
 * A condition on one integer attribute in a counting rule's filter: either one of listed values
 * ({@code nuclear-armaments: 1} or {@code warheads: [1, 2, 3]}) or a range ({@code {min: 1}}).
 *
 * @param anyOf the accepted values, or empty for a range condition
 * @param min smallest accepted value (range conditions)
 * @param max largest accepted value (range conditions)
 */
public record AttributeCondition(List<Long> anyOf, long min, long max) {
  public AttributeCondition {
    anyOf = Checks.list("anyOf", anyOf);
    if (anyOf.isEmpty() && min > max) {
      throw new IllegalArgumentException("empty range " + min + ".." + max);
    }
  }

  /** Accepts exactly {@code value}. */
  public static AttributeCondition equalTo(long value) {
    return new AttributeCondition(List.of(value), 0, 0);
  }

  /** Accepts {@code min..max}. */
  public static AttributeCondition between(long min, long max) {
    return new AttributeCondition(List.of(), min, max);
  }

  /** Whether {@code value} satisfies the condition. */
  public boolean test(long value) {
    return anyOf.isEmpty() ? value >= min && value <= max : anyOf.contains(value);
  }
}
