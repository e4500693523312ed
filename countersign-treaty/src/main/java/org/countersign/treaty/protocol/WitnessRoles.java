package org.countersign.treaty.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.countersign.treaty.model.Party;
import org.countersign.treaty.model.Role;
import org.countersign.treaty.model.Treaty;

/**
 * The link between a treaty's witnesses and a log's witness policy (C2SP tlog-policy). A treaty
 * names who cosigns its log's checkpoints (participants with role {@code witness}); a policy names
 * witnesses by a local name and a key. The two agree when policy witness names are the treaty's
 * participant ids:
 *
 * <ol>
 *   <li>every treaty witness is a witness of the policy, and counts toward its quorum (a treaty
 *       witness whose cosignature the quorum ignores witnesses nothing);
 *   <li>when the treaty names witnesses, every policy witness is a participant of the treaty (a
 *       party or observer may run a witness; a stranger may not stand in for one).
 * </ol>
 *
 * <p>A treaty that names no witness (New START has none) leaves the policy to the log's operator,
 * and any policy agrees with it. The server checks its policy at start, the audit checks the policy
 * it is given; both say every disagreement found, so one edit fixes the policy.
 */
public final class WitnessRoles {
  private WitnessRoles() {}

  /** The treaty's witnesses: participant ids with role {@code witness}, sorted. */
  public static Set<String> of(Treaty treaty) {
    var out = new TreeSet<String>();
    for (Party p : treaty.parties()) {
      if (p.role() == Role.WITNESS) {
        out.add(p.id());
      }
    }
    return out;
  }

  /**
   * Every way the policy disagrees with the treaty, each a sentence naming the witness; empty when
   * they agree.
   *
   * @param policyWitnesses the names of the policy's {@code witness} lines
   * @param quorumWitnesses the names of those that take part in its quorum rule
   */
  public static List<String> mismatches(
      Treaty treaty, Set<String> policyWitnesses, Set<String> quorumWitnesses) {
    var out = new ArrayList<String>();
    Set<String> named = of(treaty);
    for (String w : named) {
      if (!policyWitnesses.contains(w)) {
        out.add(
            "treaty "
                + treaty.id()
                + " names witness "
                + w
                + ", but the policy has no witness named "
                + w
                + " (its witnesses: "
                + list(policyWitnesses)
                + ")");
      } else if (!quorumWitnesses.contains(w)) {
        out.add(
            "treaty "
                + treaty.id()
                + " names witness "
                + w
                + ", but the policy's quorum does not count its cosignature");
      }
    }
    if (!named.isEmpty()) {
      for (String w : new TreeSet<>(policyWitnesses)) {
        if (treaty.party(w).isEmpty()) {
          out.add(
              "policy witness "
                  + w
                  + " is not a participant of treaty "
                  + treaty.id()
                  + " (its witnesses: "
                  + list(named)
                  + ")");
        }
      }
    }
    return out;
  }

  /**
   * Requires the policy to agree with the treaty.
   *
   * @throws IllegalArgumentException listing every disagreement
   */
  public static void require(
      Treaty treaty, Set<String> policyWitnesses, Set<String> quorumWitnesses) {
    List<String> problems = mismatches(treaty, policyWitnesses, quorumWitnesses);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "the witness policy does not match the witnesses of treaty "
              + treaty.id()
              + ": "
              + String.join("; ", problems));
    }
  }

  private static String list(Set<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", new TreeSet<>(names));
  }
}
