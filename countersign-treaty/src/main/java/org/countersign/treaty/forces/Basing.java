package org.countersign.treaty.forces;

import java.util.Arrays;
import java.util.Optional;

/** How a system is based, which decides how a counterforce strike can reach it. */
public enum Basing {
  /** Fixed hardened silos: each is a point target. */
  SILO("silo"),
  /** Road-mobile launchers: vulnerable in garrison, not when dispersed. */
  ROAD_MOBILE("road-mobile"),
  /** Ballistic-missile submarines: vulnerable in port, not at sea. */
  SUBMARINE("submarine"),
  /** Bombers: vulnerable on their bases unless on alert. */
  BOMBER("bomber"),
  /** Weapons carried by bombers (cruise missiles); they share the bombers' fate. */
  AIR_LAUNCHED("air-launched"),
  /** Missile-defence interceptors. */
  INTERCEPTOR_SILO("interceptor-silo"),
  OTHER("other");

  private final String key;

  Basing(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static Optional<Basing> ofKey(String key) {
    return Arrays.stream(values()).filter(b -> b.key.equals(key)).findFirst();
  }
}
