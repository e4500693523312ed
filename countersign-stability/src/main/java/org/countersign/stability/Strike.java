package org.countersign.stability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.countersign.treaty.forces.Basing;

/**
 * A counterforce strike by one party on another's forces: the allocation of the attacker's prompt
 * warheads to the victim's targets, and its outcome in expectation ({@link #expected}) or drawn at
 * random ({@link #draw}).
 *
 * <p><b>Targets.</b> Each silo is a target (empty silos too: the attacker cannot tell them apart);
 * road-mobile missiles are targets only in garrison (the dispersed share survives), each garrison
 * one target; submarines in port are targets, one per boat (boats at sea survive: no anti-submarine
 * warfare is modelled); bombers on their airfields are targets, one per airfield (bombers on alert
 * escape).
 *
 * <p><b>Allocation rule.</b> The attacker keeps {@code reserveFraction} of its prompt warheads and
 * spends the rest on target groups in order of victim warheads destroyed per attacking warhead
 * (warheads per target times the best single-shot kill probability available), {@code
 * warheadsPerTarget} warheads per target, each drawn from the attacker's remaining weapon with the
 * highest kill probability against that target. Two warheads on one target come from different
 * missiles (cross-targeting), so their failures are independent.
 *
 * <p><b>Defence.</b> The victim's interceptors engage the incoming warheads under its doctrine
 * ({@link Defence}). In the closed form each warhead arrives with the exact marginal probability
 * {@code a = E[arriving] / W}, and arrivals are treated as independent between the warheads on one
 * target; the Monte Carlo draws the finite-inventory engagement itself. The two differ only through
 * that correlation (small; tested).
 */
public final class Strike {
  /** Targets of one kind: a victim system and how many targets it presents. */
  public record TargetGroup(
      String system, Basing basing, int targets, double warheadsPerTarget, double hardnessPsi) {}

  /** {@code count} targets of group {@code group}, each hit by warheads with these SSPKs. */
  // Package-private working value of one strike computation; never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  record Block(int group, int count, double[] sspk) {}

  private final List<TargetGroup> groups;
  private final List<Block> blocks;
  private final double unreachable;
  private final int expended;
  private final int prompt;
  private final Defence defence;

  private Strike(
      List<TargetGroup> groups,
      List<Block> blocks,
      double unreachable,
      int expended,
      int prompt,
      Defence defence) {
    this.groups = groups;
    this.blocks = blocks;
    this.unreachable = unreachable;
    this.expended = expended;
    this.prompt = prompt;
    this.defence = defence;
  }

  /** Plans {@code attacker}'s strike on {@code victim}. */
  public static Strike plan(Arsenal attacker, Arsenal victim, ModelParameters p) {
    var groups = new ArrayList<TargetGroup>();
    double unreachable = 0;
    for (ForceElement e : victim.elements()) {
      switch (e.basing()) {
        case SILO -> {
          int silos = (int) Math.round(e.launchers() > 0 ? e.launchers() : e.items());
          if (silos > 0) {
            groups.add(
                new TargetGroup(
                    e.system(), e.basing(), silos, e.warheads() / silos, e.hardnessPsi()));
          } else {
            unreachable += e.warheads();
          }
        }
        case SUBMARINE -> {
          int inPort = (int) Math.round(e.boats() * (1 - e.survivableFraction()));
          double perBoat = e.boats() == 0 ? 0 : e.warheads() / e.boats();
          unreachable += perBoat * (e.boats() - inPort);
          if (inPort > 0) {
            groups.add(new TargetGroup(e.system(), e.basing(), inPort, perBoat, e.hardnessPsi()));
          }
        }
        case ROAD_MOBILE, BOMBER -> {
          double exposed = e.warheads() * (1 - e.survivableFraction());
          unreachable += e.warheads() - exposed;
          if (e.bases() > 0 && exposed > 0) {
            groups.add(
                new TargetGroup(
                    e.system(), e.basing(), e.bases(), exposed / e.bases(), e.hardnessPsi()));
          }
        }
        default -> unreachable += e.warheads();
      }
    }
    // Attacker weapons: prompt warheads per system.
    List<ForceElement> weapons =
        attacker.elements().stream().filter(e -> e.promptWarheads() > 0).toList();
    int[] left = weapons.stream().mapToInt(ForceElement::promptWarheads).toArray();
    int prompt = Arrays.stream(left).sum();
    int budget = (int) Math.floor(prompt * (1 - p.reserveFraction()) + 1e-9);
    int n = p.warheadsPerTarget();

    Integer[] order = new Integer[groups.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        Comparator.<Integer>comparingDouble(
                i -> -groups.get(i).warheadsPerTarget() * best(weapons, groups.get(i)))
            .thenComparing(i -> groups.get(i).system()));
    var blocks = new ArrayList<Block>();
    int spent = 0;
    for (int gi : order) {
      TargetGroup g = groups.get(gi);
      // SSPK of each weapon type against this group, computed once (cube roots and powers).
      double[] groupPk =
          weapons.stream().mapToDouble(w -> w.sspkAgainst(g.hardnessPsi())).toArray();
      for (int t = 0; t < g.targets() && budget - spent >= n; t++) {
        double[] pks = new double[n];
        for (int k = 0; k < n; k++) {
          int w = bestAvailable(groupPk, left);
          left[w]--;
          pks[k] = groupPk[w];
        }
        spent += n;
        Block last = blocks.isEmpty() ? null : blocks.getLast();
        if (last != null && last.group() == gi && Arrays.equals(last.sspk(), pks)) {
          blocks.set(blocks.size() - 1, new Block(gi, last.count() + 1, pks));
        } else {
          blocks.add(new Block(gi, 1, pks));
        }
      }
    }
    return new Strike(
        List.copyOf(groups), List.copyOf(blocks), unreachable, spent, prompt, victim.defence(p));
  }

  private static double best(List<ForceElement> weapons, TargetGroup g) {
    return weapons.stream().mapToDouble(w -> w.sspkAgainst(g.hardnessPsi())).max().orElse(0);
  }

  private static int bestAvailable(double[] pk, int[] left) {
    int best = -1;
    double bestP = -1;
    for (int i = 0; i < pk.length; i++) {
      if (left[i] > 0) {
        if (pk[i] > bestP) {
          bestP = pk[i];
          best = i;
        }
      }
    }
    if (best < 0) {
      throw new IllegalStateException("budget exceeds available warheads");
    }
    return best;
  }

  /** Warheads the attacker expends. */
  public int expended() {
    return expended;
  }

  /** The attacker's prompt warheads (expended plus withheld). */
  public int prompt() {
    return prompt;
  }

  /** The victim's target groups. */
  public List<TargetGroup> groups() {
    return groups;
  }

  /** Victim warheads out of reach (dispersed, at sea, on alert). */
  public double unreachable() {
    return unreachable;
  }

  /** Expected outcome of the strike. */
  public record Outcome(double survivingWarheads, double interceptorsUsed, double arriving) {}

  /** The exact expected outcome (under independent arrivals; see the class comment). */
  public Outcome expected() {
    Defence.Expected d = defence.expect(expended);
    double a = expended == 0 ? 1 : d.arriving() / expended;
    double survivors = unreachable;
    int[] covered = new int[groups.size()];
    for (Block b : blocks) {
      double standing = 1;
      for (double pk : b.sspk()) {
        standing *= 1 - a * pk;
      }
      survivors += b.count() * groups.get(b.group()).warheadsPerTarget() * standing;
      covered[b.group()] += b.count();
    }
    for (int g = 0; g < groups.size(); g++) {
      survivors += (groups.get(g).targets() - covered[g]) * groups.get(g).warheadsPerTarget();
    }
    return new Outcome(survivors, d.interceptorsUsed(), d.arriving());
  }

  /** One random outcome of the strike. */
  public Outcome draw(SplittableRandom random) {
    Defence.Drawn d = defence.draw(expended, random);
    boolean[] arrived = d.arrived();
    double survivors = unreachable;
    int[] covered = new int[groups.size()];
    int w = 0;
    for (Block b : blocks) {
      double wpt = groups.get(b.group()).warheadsPerTarget();
      for (int t = 0; t < b.count(); t++) {
        boolean killed = false;
        for (double pk : b.sspk()) {
          // Always draw, so the random stream does not depend on earlier outcomes in the target.
          boolean hit = random.nextDouble() < pk;
          killed |= arrived[w++] && hit;
        }
        if (!killed) {
          survivors += wpt;
        }
      }
      covered[b.group()] += b.count();
    }
    for (int g = 0; g < groups.size(); g++) {
      survivors += (groups.get(g).targets() - covered[g]) * groups.get(g).warheadsPerTarget();
    }
    return new Outcome(survivors, d.interceptorsUsed(), d.arriving());
  }
}
