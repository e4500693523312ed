package org.countersign.treaty.model;

import java.util.Locale;

/** What a participant may do under a treaty. */
public enum Role {
  /** Bound by limits and duties; makes declarations and notifications. */
  PARTY,
  /** Reads everything and may cosign (e.g. a non-nuclear state); bound by nothing. */
  OBSERVER,
  /** Cosigns log checkpoints; bound by nothing. */
  WITNESS;

  /** The spelling in treaty files: {@code party}, {@code observer}, {@code witness}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the treaty-file spelling. */
  public static Role of(String id) {
    for (Role r : values()) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role " + id);
  }
}
