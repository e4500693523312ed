package org.countersign.stability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.countersign.treaty.forces.Basing;
import org.countersign.treaty.forces.Figure;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.forces.ForceSystem;
import org.countersign.treaty.forces.PartyForces;
import org.countersign.treaty.forces.Provenance;
import org.countersign.treaty.forces.Quantity;

/**
 * Builds the model's {@link Arsenal}s from a force-posture file, and records every assumption the
 * model relies on: the file's own assumptions, and the model default applied wherever the file says
 * a figure is unknown or does not state it.
 *
 * <p>Defaults (all assumptions, docs/stability.md): yield 300 kt; CEP 200 m; reliability 0.8; silo
 * hardness 1,000 psi; soft targets (mobile garrisons, ports, airfields) 10 psi; ICBM alert 1.0;
 * at-sea fraction 0.3; dispersed fraction 0.2; bomber alert 0; 10 garrisons, 2 airfields;
 * interceptor kill probability 0.5. A system without any warhead figure is left out and the
 * assessment says so.
 */
public final class Arsenals {
  private Arsenals() {}

  /** The arsenals built, by party, and every assumption used. */
  public record Built(Map<String, Arsenal> arsenals, List<String> assumptions) {
    public Built {
      arsenals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arsenals));
      assumptions = List.copyOf(assumptions);
    }
  }

  /** The arsenals of {@code parties} (all parties in the file if empty). */
  public static Built from(ForcePosture posture, List<String> parties) {
    var out = new LinkedHashMap<String, Arsenal>();
    var notes = new ArrayList<String>();
    List<String> wanted = parties.isEmpty() ? List.copyOf(posture.parties().keySet()) : parties;
    for (String party : wanted) {
      PartyForces forces = posture.party(party);
      out.put(party, arsenal(forces, notes));
    }
    return new Built(out, notes);
  }

  private static Arsenal arsenal(PartyForces forces, List<String> notes) {
    var elements = new ArrayList<ForceElement>();
    int interceptors = 0;
    double pkSum = 0;
    for (ForceSystem s : forces.systems()) {
      String where = forces.party() + "/" + s.id();
      if (s.category().equals("interceptor")) {
        OptionalDouble n = value(s, Quantity.DEPLOYED, where, notes);
        if (n.isEmpty()) {
          notes.add(where + ": interceptor count unknown; counted as 0");
          continue;
        }
        double pk = param(s, Quantity.KILL_PROBABILITY, 0.5, where, notes);
        interceptors += (int) n.getAsDouble();
        pkSum += pk * n.getAsDouble();
        continue;
      }
      ForceElement e = element(s, where, notes);
      if (e != null) {
        elements.add(e);
      }
    }
    double pk = interceptors == 0 ? 0.5 : pkSum / interceptors;
    return new Arsenal(forces.party(), elements, interceptors, pk);
  }

  private static @org.jspecify.annotations.Nullable ForceElement element(
      ForceSystem s, String where, List<String> notes) {
    Basing b = s.basing();
    if (b == Basing.AIR_LAUNCHED || b == Basing.OTHER || b == Basing.INTERCEPTOR_SILO) {
      return null; // carried by bombers, or not a delivery system of its own
    }
    OptionalDouble deployedWarheads = value(s, Quantity.DEPLOYED_WARHEADS, where, notes);
    OptionalDouble items = value(s, Quantity.DEPLOYED, where, notes);
    OptionalDouble perItem = value(s, Quantity.WARHEADS_PER_ITEM, where, notes);
    double warheads;
    if (deployedWarheads.isPresent()) {
      warheads = deployedWarheads.getAsDouble();
    } else if (items.isPresent() && perItem.isPresent()) {
      warheads = items.getAsDouble() * perItem.getAsDouble();
    } else {
      notes.add(where + ": no warhead figure; left out of the model");
      return null;
    }
    OptionalDouble statedLaunchers = value(s, Quantity.DEPLOYED_LAUNCHERS, where, notes);
    int boats = 0;
    double tubes = 0;
    if (b == Basing.SUBMARINE) {
      OptionalDouble op = value(s, Quantity.OPERATIONAL_BOATS, where, notes);
      OptionalDouble all = value(s, Quantity.BOATS, where, notes);
      boats = (int) (op.isPresent() ? op.getAsDouble() : all.orElse(0));
      if (boats == 0) {
        boats = 4;
        notes.add(where + ": boats unknown; model default 4 used");
      }
      tubes = value(s, Quantity.TUBES_PER_BOAT, where, notes).orElse(0) * boats;
    }
    double itemCount;
    if (items.isPresent()) {
      itemCount = items.getAsDouble();
    } else if (perItem.isPresent()) {
      itemCount = Math.ceil(warheads / perItem.getAsDouble());
    } else if (tubes > 0 || statedLaunchers.isPresent()) {
      // Unknown missile count: every launch tube (or launcher) on the stated force is assumed
      // loaded.
      itemCount = tubes > 0 ? tubes : statedLaunchers.getAsDouble();
      notes.add(
          where + ": deployed items unknown; all " + fmt(itemCount) + " launchers assumed loaded");
    } else {
      double wph = b == Basing.BOMBER ? 8 : 4;
      itemCount = Math.ceil(warheads / wph);
      notes.add(
          where
              + ": deployed items unknown; model default "
              + fmt(wph)
              + " warheads per item, "
              + fmt(itemCount)
              + " items");
    }
    double launchers =
        b == Basing.SUBMARINE && tubes > 0 ? tubes : statedLaunchers.orElse(itemCount);
    double soft = 10;
    double hardness;
    double survivable;
    double prompt;
    int bases = 0;
    switch (b) {
      case SILO -> {
        hardness = param(s, Quantity.HARDNESS_PSI, 1000, where, notes);
        survivable = 0;
        prompt = param(s, Quantity.ALERT_FRACTION, 1.0, where, notes);
      }
      case ROAD_MOBILE -> {
        hardness = param(s, Quantity.HARDNESS_PSI, soft, where, notes);
        survivable = param(s, Quantity.DISPERSED_FRACTION, 0.2, where, notes);
        prompt = param(s, Quantity.ALERT_FRACTION, 1.0, where, notes);
        bases = (int) param(s, Quantity.BASES, 10, where, notes);
      }
      case SUBMARINE -> {
        hardness = param(s, Quantity.HARDNESS_PSI, soft, where, notes);
        survivable = param(s, Quantity.AT_SEA_FRACTION, 0.3, where, notes);
        prompt = survivable; // only boats at sea can fire at once
      }
      case BOMBER -> {
        hardness = param(s, Quantity.HARDNESS_PSI, soft, where, notes);
        survivable = param(s, Quantity.ALERT_FRACTION, 0.0, where, notes);
        prompt = 0;
        bases = (int) param(s, Quantity.BASES, 2, where, notes);
      }
      default -> throw new IllegalStateException("unreachable basing " + b);
    }
    if (bases == 0 && (b == Basing.ROAD_MOBILE || b == Basing.BOMBER)) {
      bases = 1;
    }
    boolean missile = b != Basing.BOMBER;
    double yield = missile ? param(s, Quantity.YIELD_KT, 300, where, notes) : 300;
    double cep = missile ? param(s, Quantity.CEP_M, 200, where, notes) : 200;
    double rel = missile ? param(s, Quantity.RELIABILITY, 0.8, where, notes) : 0.8;
    return new ForceElement(
        s.id(),
        s.category(),
        s.launcherCategory().orElse(""),
        b,
        warheads,
        itemCount,
        launchers,
        boats,
        bases,
        survivable,
        prompt,
        yield,
        cep,
        rel,
        hardness);
  }

  /** A stated value, noting it if it is the file's assumption. */
  private static OptionalDouble value(ForceSystem s, Quantity q, String where, List<String> notes) {
    Figure f = s.figures().get(q);
    if (f == null || f.value().isEmpty()) {
      return OptionalDouble.empty();
    }
    if (f.provenance() instanceof Provenance.Assumption a) {
      String line =
          where
              + ": "
              + q.key()
              + " = "
              + fmt(f.value().getAsDouble())
              + " (file assumption: "
              + a.reason()
              + ")";
      if (!notes.contains(line)) {
        notes.add(line);
      }
    }
    return f.value();
  }

  /** A model parameter: the file's figure, else the default (noted as a model assumption). */
  private static double param(
      ForceSystem s, Quantity q, double fallback, String where, List<String> notes) {
    OptionalDouble v = value(s, q, where, notes);
    if (v.isPresent()) {
      return v.getAsDouble();
    }
    Figure f = s.figures().get(q);
    String why = f == null ? "not stated" : "unknown";
    notes.add(where + ": " + q.key() + " " + why + "; model default " + fmt(fallback) + " used");
    return fallback;
  }

  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
