package org.countersign.witness.policy;

import java.util.List;
import java.util.Set;

/**
 * A quorum rule of a tlog-policy: no cosignature at all, one named witness, or a group that is
 * satisfied when at least {@code threshold} of its members are.
 *
 * <p>Rules form a tree (a group names only rules defined before it, so there are no cycles) and
 * every name appears at most once as a member, so that each witness counts towards the quorum in
 * only one way.
 */
public sealed interface Quorum {
  /** The predefined name {@code none}: a quorum that needs no cosignature. */
  String NONE_NAME = "none";

  /** The rule's name in the policy. */
  String name();

  /** Whether this rule holds when exactly the witnesses named in {@code cosigners} cosigned. */
  boolean heldBy(Set<String> cosigners);

  /** The quorum {@code none}: every checkpoint with a valid log signature is accepted. */
  record None() implements Quorum {
    @Override
    public String name() {
      return NONE_NAME;
    }

    @Override
    public boolean heldBy(Set<String> cosigners) {
      return true;
    }
  }

  /** A single witness, which holds when that witness cosigned. */
  record Single(PolicyWitness witness) implements Quorum {
    @Override
    public String name() {
      return witness.name();
    }

    @Override
    public boolean heldBy(Set<String> cosigners) {
      return cosigners.contains(witness.name());
    }
  }

  /**
   * A group: holds when at least {@code threshold} members hold.
   *
   * @param name the group's name
   * @param threshold k, with {@code 1 <= k <= members.size()}
   * @param members the member rules, at least one
   */
  record Group(String name, int threshold, List<Quorum> members) implements Quorum {
    public Group {
      requireName(name);
      members = List.copyOf(members);
      if (members.isEmpty()) {
        throw new IllegalArgumentException("group " + name + " has no members");
      }
      if (threshold < 1 || threshold > members.size()) {
        throw new IllegalArgumentException(
            "group "
                + name
                + ": threshold must be between 1 and "
                + members.size()
                + " (its member count), got "
                + threshold);
      }
      for (Quorum m : members) {
        if (m instanceof None) {
          throw new IllegalArgumentException("group " + name + ": \"none\" cannot be a member");
        }
      }
    }

    @Override
    public boolean heldBy(Set<String> cosigners) {
      int held = 0;
      for (Quorum m : members) {
        if (m.heldBy(cosigners)) {
          held++;
        }
      }
      return held >= threshold;
    }
  }

  /**
   * Checks a witness or group name: non-empty, no ASCII space, tab or control character, not the
   * predefined {@code none}.
   *
   * @throws IllegalArgumentException naming the problem
   */
  static String requireName(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name must not be empty");
    }
    if (name.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException(
          "name must not contain spaces or control characters: \"" + name + "\"");
    }
    if (name.equals(NONE_NAME)) {
      throw new IllegalArgumentException("\"none\" is predefined and cannot be redefined");
    }
    return name;
  }
}
