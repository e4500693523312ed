package org.countersign.treaty.model;

import java.util.List;

/**
 * What triggers a notification duty: a change of one of the listed kinds, or a launch; either
 * restricted to items of the listed categories (empty: any category).
 *
 * @param onLaunch true for a launch trigger, false for a change trigger
 * @param changes the change kind ids (change triggers only, at least one)
 * @param categories the categories concerned, or empty for all
 */
public record Trigger(boolean onLaunch, List<String> changes, List<String> categories) {
  public Trigger {
    changes = Checks.list("changes", changes);
    categories = Checks.list("categories", categories);
    if (onLaunch != changes.isEmpty()) {
      throw new IllegalArgumentException(
          onLaunch
              ? "a launch trigger names no change kinds"
              : "a change trigger names change kinds");
    }
  }

  /** Whether a change of kind {@code kind} to an item of {@code category} triggers the duty. */
  public boolean matchesChange(String kind, String category) {
    return !onLaunch
        && changes.contains(kind)
        && (categories.isEmpty() || categories.contains(category));
  }

  /** Whether a launch of an item of {@code category} triggers the duty. */
  public boolean matchesLaunch(String category) {
    return onLaunch && (categories.isEmpty() || categories.contains(category));
  }
}
