package org.countersign.treaty.forces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Category;
import org.junit.jupiter.api.Test;

class ForcePostureLoaderTest {
  private static final String HEAD =
      """
      format: countersign-forces/v1
      asOf: 2025-01-01
      sources:
        s1: {citation: "A publication", year: 2025, url: "https://example.org"}
      parties:
        US:
          name: United States
          systems:
            - id: mm3
              name: Minuteman III
              category: icbm
              basing: silo
              figures:
      """;

  private static ForcePosture parse(String figures) throws ForcePostureException {
    return ForcePostureLoader.parse("t.yaml", (HEAD + figures).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void builtIn_loads_everyFigureHasProvenanceAndListedSource() throws Exception {
    ForcePosture p = ForcePostureLoader.builtIn();
    assertThat(p.parties().keySet()).containsExactly("US", "RU", "CN", "GB", "FR");
    for (Figure f : p.allFigures()) {
      switch (f.provenance()) {
        case Provenance.Sourced s -> assertThat(p.sources()).containsKey(s.sourceId());
        case Provenance.Assumption a -> assertThat(a.reason()).isNotBlank();
        case Provenance.Unknown u -> assertThat(f.value()).isEmpty();
      }
    }
  }

  @Test
  void builtIn_publishedFigures_matchTheirSources() throws Exception {
    ForcePosture p = ForcePostureLoader.builtIn();
    // Kristensen et al., United States nuclear weapons, 2025: 1,770 deployed, 400 on ICBMs.
    var us = p.party("US");
    assertThat(us.value(Quantity.DEPLOYED_WARHEADS)).hasValue(1770);
    assertThat(us.system("minuteman-iii").orElseThrow().count(Quantity.DEPLOYED)).hasValue(400);
    assertThat(p.sourceOf(us.system("minuteman-iii").orElseThrow().figure(Quantity.DEPLOYED).get()))
        .get()
        .extracting(Source::year)
        .isEqualTo(2025);
    // Russian nuclear weapons, 2025: 1,718 deployed strategic warheads, ~640 on SLBMs.
    assertThat(p.party("RU").value(Quantity.DEPLOYED_WARHEADS)).hasValue(1718);
    assertThat(p.party("RU").system("slbm").orElseThrow().value(Quantity.DEPLOYED_WARHEADS))
        .hasValue(640);
    assertThat(p.party("CN").value(Quantity.STOCKPILE)).hasValue(600);
    assertThat(p.party("GB").value(Quantity.STOCKPILE)).hasValue(225);
    assertThat(p.party("FR").value(Quantity.STOCKPILE)).hasValue(290);
  }

  @Test
  void builtIn_categories_areTheIntegratedFrameworksCategories() throws Exception {
    Set<String> treatyCategories =
        TreatyLoader.builtIn("integrated-framework").categories().stream()
            .map(Category::id)
            .collect(Collectors.toSet());
    for (PartyForces party : ForcePostureLoader.builtIn().parties().values()) {
      for (ForceSystem s : party.systems()) {
        assertThat(treatyCategories).contains(s.category());
        s.launcherCategory().ifPresent(c -> assertThat(treatyCategories).contains(c));
      }
    }
  }

  @Test
  void parse_bareNumber_refusedForLackOfProvenance() {
    assertThatThrownBy(() -> parse("          deployed: 400\n"))
        .isInstanceOf(ForcePostureException.class)
        .hasMessageContaining("parties.US.systems[0].figures.deployed")
        .hasMessageContaining("no provenance");
  }

  @Test
  void parse_valueWithoutSourceOrAssumption_refused() {
    assertThatThrownBy(() -> parse("          deployed: {value: 400}\n"))
        .hasMessageContaining("exactly one of source, assumption, unknown");
  }

  @Test
  void parse_unlistedSource_refused() {
    assertThatThrownBy(() -> parse("          deployed: {value: 400, source: nowhere}\n"))
        .hasMessageContaining("'nowhere' is not listed under sources");
  }

  @Test
  void parse_unknownWithValue_refused() {
    assertThatThrownBy(() -> parse("          deployed: {value: 4, unknown: \"not published\"}\n"))
        .hasMessageContaining("an unknown figure has no value");
    assertThatThrownBy(() -> parse("          deployed: {unknown: \"x\", source: s1, value: 4}\n"))
        .hasMessageContaining("exactly one of");
  }

  @Test
  void parse_fractionalCountAndFractionOutOfRange_refusedTogether() {
    assertThatThrownBy(
            () ->
                parse(
                    figures(
                        "deployed: {value: 400.5, source: s1}",
                        "reliability: {value: 1.2, assumption: \"x\"}")))
        .isInstanceOfSatisfying(
            ForcePostureException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(m -> assertThat(m).contains("whole number"))
                    .anySatisfy(m -> assertThat(m).contains("[0, 1]")));
  }

  @Test
  void parse_unknownQuantityOrKey_refused() {
    assertThatThrownBy(() -> parse("          deployd: {value: 400, source: s1}\n"))
        .hasMessageContaining("deployd: unknown quantity");
  }

  @Test
  void parse_duplicateKey_refused() {
    assertThatThrownBy(
            () ->
                parse(
                    figures(
                        "deployed: {value: 400, source: s1}",
                        "deployed: {value: 500, source: s1}")))
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void parse_syntaxError_oneLineNamingItsPosition() {
    // SnakeYAML's own message spans lines with a source excerpt and a caret; a CLI error is one
    // line.
    assertThatThrownBy(
            () ->
                ForcePostureLoader.parse(
                    "f.yaml", "parties:\n  US: [1, 2\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ForcePostureException.class)
        .satisfies(
            e -> {
              String message = e.getMessage();
              assertThat(message).doesNotContain("\n").doesNotContain("^");
              assertThat(message)
                  .contains("f.yaml: not valid YAML at line 2, column 12:")
                  .contains("expected ',' or ']'");
            });
  }

  @Test
  void parse_validFigures_bound() throws Exception {
    ForcePosture p =
        parse(
            figures(
                "deployed: {value: 400, source: s1}",
                "cep-m: {value: 120, assumption: \"classified\"}",
                "bases: {unknown: \"not published\"}"));
    ForceSystem s = p.party("US").systems().getFirst();
    assertThat(s.count(Quantity.DEPLOYED)).hasValue(400);
    assertThat(s.figure(Quantity.CEP_M).orElseThrow().isAssumption()).isTrue();
    assertThat(s.value(Quantity.BASES)).isEmpty();
    assertThat(s.figure(Quantity.BASES)).isPresent();
  }

  /** Figure lines at the depth the parse fixture expects (ten spaces), each ending in a newline. */
  private static String figures(String... lines) {
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append("          ").append(l).append('\n');
    }
    return b.toString();
  }
}
