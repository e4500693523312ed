package org.countersign.treaty.forces;

import java.util.Arrays;
import java.util.Optional;

/** The quantities a figure may state, with the file's key and the range its value must lie in. */
public enum Quantity {
  // Party totals.
  STOCKPILE("stockpile", Kind.COUNT),
  DEPLOYED_WARHEADS("deployed-warheads", Kind.COUNT),
  RESERVE_WARHEADS("reserve-warheads", Kind.COUNT),
  RETIRED_WARHEADS("retired-warheads", Kind.COUNT),
  // Items of the system's category (missiles, bombers, interceptors ...), by treaty status.
  DEPLOYED("deployed", Kind.COUNT),
  NON_DEPLOYED("non-deployed", Kind.COUNT),
  // Launchers of the system's launcher category (silos, mobile launchers, launch tubes).
  DEPLOYED_LAUNCHERS("deployed-launchers", Kind.COUNT),
  NON_DEPLOYED_LAUNCHERS("non-deployed-launchers", Kind.COUNT),
  WARHEADS_PER_ITEM("warheads-per-item", Kind.COUNT),
  WARHEADS_ON_PATROL("warheads-on-patrol", Kind.COUNT),
  BOATS("boats", Kind.COUNT),
  OPERATIONAL_BOATS("operational-boats", Kind.COUNT),
  TUBES_PER_BOAT("tubes-per-boat", Kind.COUNT),
  BASES("bases", Kind.COUNT),
  // Parameters of the stability model.
  YIELD_KT("yield-kt", Kind.POSITIVE),
  CEP_M("cep-m", Kind.POSITIVE),
  HARDNESS_PSI("hardness-psi", Kind.POSITIVE),
  RELIABILITY("reliability", Kind.FRACTION),
  ALERT_FRACTION("alert-fraction", Kind.FRACTION),
  AT_SEA_FRACTION("at-sea-fraction", Kind.FRACTION),
  DISPERSED_FRACTION("dispersed-fraction", Kind.FRACTION),
  KILL_PROBABILITY("kill-probability", Kind.FRACTION);

  /** What values a quantity admits. */
  public enum Kind {
    /** A whole number, zero or more. */
    COUNT,
    /** A number greater than zero. */
    POSITIVE,
    /** A number from 0 to 1 inclusive. */
    FRACTION
  }

  private final String key;
  private final Kind kind;

  Quantity(String key, Kind kind) {
    this.key = key;
    this.kind = kind;
  }

  /** The key in the data file, e.g. {@code yield-kt}. */
  public String key() {
    return key;
  }

  public Kind kind() {
    return kind;
  }

  /** The quantity written as {@code key} in the file. */
  public static Optional<Quantity> ofKey(String key) {
    return Arrays.stream(values()).filter(q -> q.key.equals(key)).findFirst();
  }

  /** Why {@code value} is not admissible for this quantity, or empty if it is. */
  Optional<String> check(double value) {
    if (!Double.isFinite(value)) {
      return Optional.of("must be a finite number, got " + value);
    }
    return switch (kind) {
      case COUNT ->
          value < 0 || value != Math.rint(value) || value > Integer.MAX_VALUE
              ? Optional.of("must be a whole number >= 0, got " + value)
              : Optional.empty();
      case POSITIVE -> value > 0 ? Optional.empty() : Optional.of("must be > 0, got " + value);
      case FRACTION ->
          value >= 0 && value <= 1
              ? Optional.empty()
              : Optional.of("must lie in [0, 1], got " + value);
    };
  }
}
