package org.countersign.treaty.forces;

/**
 * Where a figure comes from. Exactly one of: a published source, an assumption of Countersign's
 * (stated with its reason), or unknown (no public estimate was found).
 */
public sealed interface Provenance {
  /** A figure taken from a publication listed in the file's {@code sources}. */
  record Sourced(String sourceId) implements Provenance {
    public Sourced {
      if (sourceId.isBlank()) {
        throw new IllegalArgumentException("source id must not be blank");
      }
    }
  }

  /** A value chosen by Countersign because no source we found publishes it; never a party's. */
  record Assumption(String reason) implements Provenance {
    public Assumption {
      if (reason.isBlank()) {
        throw new IllegalArgumentException("an assumption must state its reason");
      }
    }
  }

  /** No public estimate was found; the figure carries no value. */
  record Unknown(String reason) implements Provenance {
    public Unknown {
      if (reason.isBlank()) {
        throw new IllegalArgumentException("an unknown figure must say why");
      }
    }
  }
}
