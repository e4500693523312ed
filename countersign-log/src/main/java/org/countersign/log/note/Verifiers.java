package org.countersign.log.note;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The set of keys a reader trusts, looked up by (name, key id).
 *
 * <p>Two different verifiers for the same (name, key id) make the set ambiguous: whoever controls
 * the configuration could then make one key pass for another. Go's {@code VerifierList} reports
 * this when a signature hits the pair; this class refuses it when the set is built, so a bad
 * configuration fails at start-up. Adding the same verifier key twice is harmless and kept once.
 */
public final class Verifiers {
  private final Map<Id, NoteVerifier> byId;

  private Verifiers(Map<Id, NoteVerifier> byId) {
    this.byId = byId;
  }

  /**
   * A set of the given verifiers.
   *
   * @throws IllegalArgumentException if two different verifiers share a (name, key id) pair
   */
  public static Verifiers of(NoteVerifier... verifiers) {
    return of(List.of(verifiers));
  }

  /**
   * A set of the given verifiers.
   *
   * @throws IllegalArgumentException if two different verifiers share a (name, key id) pair
   */
  public static Verifiers of(Collection<? extends NoteVerifier> verifiers) {
    Map<Id, NoteVerifier> map = new LinkedHashMap<>();
    for (NoteVerifier v : verifiers) {
      Id id = new Id(v.name(), v.keyId());
      NoteVerifier before = map.putIfAbsent(id, v);
      if (before != null && !before.verifierKey().equals(v.verifierKey())) {
        throw new IllegalArgumentException(
            "ambiguous key "
                + v.name()
                + "+"
                + KeyId.hex(v.keyId())
                + ": two different verifiers share it");
      }
    }
    return new Verifiers(map);
  }

  /** The verifier for (name, key id), or empty if that pair is unknown. */
  public Optional<NoteVerifier> find(String name, int keyId) {
    return Optional.ofNullable(byId.get(new Id(name, keyId)));
  }

  /** Every verifier in the set, in the order first given. */
  public List<NoteVerifier> all() {
    return List.copyOf(byId.values());
  }

  public int size() {
    return byId.size();
  }

  @Override
  public String toString() {
    return "Verifiers" + byId.keySet();
  }

  private record Id(String name, int keyId) {
    @Override
    public String toString() {
      return name + "+" + KeyId.hex(keyId);
    }
  }
}
