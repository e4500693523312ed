package org.countersign.treaty.forces;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The force-posture data: sources and each party's forces, as of a date. Immutable; built only by
 * {@link ForcePostureLoader}, which guarantees that every figure cites a listed source or is marked
 * as an assumption or unknown.
 *
 * @param asOf the date the estimates describe (ISO-8601 text)
 * @param sources publications by id, in file order
 * @param parties forces by party id, in file order
 */
public record ForcePosture(
    String asOf, Map<String, Source> sources, Map<String, PartyForces> parties) {
  public ForcePosture {
    sources = orderedCopy(sources);
    parties = orderedCopy(parties);
  }

  /** The forces of {@code party}. */
  public Optional<PartyForces> forces(String party) {
    return Optional.ofNullable(parties.get(party));
  }

  /** The forces of {@code party}; throws naming the parties present if absent. */
  public PartyForces party(String party) {
    PartyForces f = parties.get(party);
    if (f == null) {
      throw new NoSuchElementException(
          "no forces for party " + party + "; the file has " + parties.keySet());
    }
    return f;
  }

  /** The source a sourced figure cites. */
  public Optional<Source> sourceOf(Figure figure) {
    return figure.provenance() instanceof Provenance.Sourced s
        ? Optional.ofNullable(sources.get(s.sourceId()))
        : Optional.empty();
  }

  /** Every figure of the file (party totals and systems), for audits of provenance. */
  public List<Figure> allFigures() {
    return parties.values().stream()
        .flatMap(
            p ->
                java.util.stream.Stream.concat(
                    p.figures().values().stream(),
                    p.systems().stream().flatMap(s -> s.figures().values().stream())))
        .toList();
  }

  static <K, V> Map<K, V> orderedCopy(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
