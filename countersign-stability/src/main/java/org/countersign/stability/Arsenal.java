package org.countersign.stability;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A party's forces for the model: its offensive systems and its missile defence.
 *
 * @param party party id, e.g. {@code US}
 * @param elements offensive systems with warheads
 * @param interceptors missile-defence interceptors
 * @param interceptorKillProbability single-shot kill probability of its interceptors
 */
public record Arsenal(
    String party,
    List<ForceElement> elements,
    int interceptors,
    double interceptorKillProbability) {
  public Arsenal {
    elements = List.copyOf(elements);
    if (interceptors < 0) {
      throw new IllegalArgumentException(party + ": interceptors must be >= 0");
    }
    KillProbability.requireFraction(
        party + " interceptor kill probability", interceptorKillProbability);
  }

  /** All deployed warheads. */
  public double warheads() {
    return elements.stream().mapToDouble(ForceElement::warheads).sum();
  }

  /** Warheads available for a prompt counterforce strike. */
  public int promptWarheads() {
    return elements.stream().mapToInt(ForceElement::promptWarheads).sum();
  }

  /** This party's defence under the given doctrine. */
  public Defence defence(ModelParameters p) {
    return new Defence(
        interceptors, interceptorKillProbability, p.shotsPerWarhead(), p.shootLookShoot());
  }

  /** A copy with every element transformed. */
  public Arsenal mapElements(UnaryOperator<ForceElement> f) {
    return new Arsenal(
        party, elements.stream().map(f).toList(), interceptors, interceptorKillProbability);
  }

  /** A copy with another interceptor inventory and kill probability. */
  public Arsenal withDefence(int n, double pk) {
    return new Arsenal(party, elements, n, pk);
  }
}
