package org.countersign.treaty.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.countersign.treaty.TestTreaties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture under src/test/resources/treaties/bad-*.yaml, with the exact problem it must get.
 */
class BadTreatyFilesTest {
  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of(
            "bad-alias.yaml", 153, "limits[1].bindsFrom", "anchors and aliases are not allowed"),
        Arguments.of(
            "bad-content-field.yaml",
            192,
            "notifications[3].content[0]",
            "a change notification has no field \"launchArea\""),
        Arguments.of(
            "bad-count-form.yaml",
            127,
            "countingRules[3].count",
            "must be \"items\", {attribute: NAME} or {fixed: N}"),
        Arguments.of(
            "bad-count-word.yaml",
            110,
            "countingRules[0].count",
            "must be \"items\", got the text \"item\""),
        Arguments.of(
            "bad-counted-optional-attribute.yaml",
            120,
            "countingRules[2].count.attribute",
            "must be required or have a default"),
        Arguments.of(
            "bad-date.yaml",
            158,
            "limits[2].bindsFrom",
            "is not a real calendar date: \"2021-02-30\""),
        Arguments.of(
            "bad-deadline-both.yaml",
            196,
            "notifications[4].deadline",
            "must have at most 1 field(s), got {before, within}"),
        Arguments.of(
            "bad-duplicate-id.yaml",
            160,
            "limits[3].id",
            "id \"warheads\" is already used by limits[1]"),
        Arguments.of("bad-duplicate-key.yaml", 158, "limits[2].value", "duplicate key \"value\""),
        Arguments.of(
            "bad-duration.yaml",
            176,
            "notifications[0].deadline.within",
            "must be an ISO 8601 duration"),
        Arguments.of(
            "bad-extension.yaml",
            10,
            "dates.extensions[0].agreed",
            "must be agreed before the expiry it extends (2030-01-01)"),
        Arguments.of(
            "bad-draw-zero.yaml",
            211,
            "inspections.draw.commitWithin",
            "a draw deadline must be a positive duration, got PT0S"),
        Arguments.of(
            "bad-forfeit-rule.yaml",
            213,
            "inspections.draw.forfeit",
            "must be one of revealed-values-decide, inspecting-party-chooses; got the text \"whoever-is-faster\""),
        Arguments.of(
            "bad-float.yaml", 147, "limits[0].value", "must be an integer, got the number 10.5"),
        Arguments.of("bad-format.yaml", 2, "format", "must be \"countersign-treaty/v1\""),
        Arguments.of("bad-leap-monthday.yaml", 201, "dataExchanges[0].asOf[0]", "cannot be 02-29"),
        Arguments.of(
            "bad-limit-before-eif.yaml",
            158,
            "limits[2].bindsFrom",
            "a limit cannot bind before entry into force (2020-01-01), got 2019-12-31"),
        Arguments.of(
            "bad-limit-party-observer.yaml",
            165,
            "limits[3].parties[1]",
            "\"O\" is observer, not a party"),
        Arguments.of(
            "bad-missing-required.yaml",
            155,
            "limits[2].bindsFrom",
            "missing required field \"bindsFrom\""),
        Arguments.of(
            "bad-norway.yaml",
            28,
            "parties[3].id",
            "YAML reads an unquoted NO as a boolean: write \"NO\" in quotes"),
        Arguments.of("bad-octal.yaml", 147, "limits[0].value", "write integers in plain decimal"),
        Arguments.of(
            "bad-population-status.yaml",
            219,
            "inspections.quotas[0].population.statuses[1]",
            "no category of this population has status \"converted\""),
        Arguments.of(
            "bad-regex.yaml", 64, "categories[1].identifier", "is not a valid regular expression"),
        Arguments.of(
            "bad-role.yaml",
            30,
            "parties[3].role",
            "must be one of party, observer, witness; got the text \"observr\""),
        Arguments.of("bad-syntax.yaml", 152, "(syntax)", "expected ',' or ']'"),
        Arguments.of("bad-two-documents.yaml", 215, "(top level)", "one YAML document"),
        Arguments.of(
            "bad-type.yaml", 147, "limits[0].value", "must be an integer, got the text \"ten\""),
        Arguments.of(
            "bad-unknown-field.yaml",
            152,
            "limits[1].valeu",
            "unknown field \"valeu\"; did you mean \"value\"?"),
        Arguments.of(
            "bad-unknown-rule.yaml",
            159,
            "limits[2].sum[1]",
            "unknown counting rule \"test-launchers\""),
        Arguments.of(
            "bad-unknown-status.yaml",
            77,
            "categories[3].statuses[1]",
            "unknown status \"non-deployd\""),
        Arguments.of(
            "bad-where-attribute.yaml",
            137,
            "countingRules[5].where.warhead",
            "category \"missile\" has no attribute \"warhead\""),
        Arguments.of("bad-zone-cycle.yaml", 47, "zones[0].within", "zones form a cycle"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void parse_badFixture_reportsFileLineFieldAndReason(
      String file, int line, String path, String reason) {
    assertThatThrownBy(() -> TreatyLoader.parse(file, TestTreaties.text(file)))
        .isInstanceOfSatisfying(
            TreatyException.class,
            e -> {
              assertThat(e.problems())
                  .anySatisfy(
                      p -> {
                        assertThat(p.file()).isEqualTo(file);
                        assertThat(p.line()).isEqualTo(line);
                        assertThat(p.path()).isEqualTo(path);
                        assertThat(p.reason()).contains(reason);
                      });
              assertThat(e.getMessage())
                  .contains(file + ":" + line + ":")
                  .contains(path)
                  .contains(reason);
            });
  }

  @Test
  void parse_testTreaty_loads() throws Exception {
    assertThat(TreatyLoader.parse("test-treaty.yaml", TestTreaties.text("test-treaty.yaml")).id())
        .isEqualTo("test-treaty");
  }

  @Test
  void parse_severalProblems_reportsAllSortedByLine() {
    String text =
        TestTreaties.text("test-treaty.yaml")
            .replace("    value: 10\n", "    value: -1\n")
            .replace("    role: observer\n", "    role: spectator\n");
    assertThatThrownBy(() -> TreatyLoader.parse("two.yaml", text))
        .isInstanceOfSatisfying(
            TreatyException.class,
            e -> {
              assertThat(e.problems()).hasSize(2);
              assertThat(e.problems().get(0).path()).isEqualTo("parties[3].role");
              assertThat(e.problems().get(1).path()).isEqualTo("limits[0].value");
              assertThat(e.problems().get(1).reason()).isEqualTo("must be at least 0, got -1");
            });
  }

  @Test
  void parse_emptyFile_refused() {
    assertThatThrownBy(() -> TreatyLoader.parse("empty.yaml", "")).hasMessageContaining("empty");
  }

  @Test
  void parse_invalidUtf8_refused() {
    assertThatThrownBy(
            () -> TreatyLoader.parse("x.yaml", new byte[] {'i', 'd', ':', ' ', (byte) 0xc3}))
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void digest_reformattedFile_isUnchanged_butChangedValueChangesIt() throws Exception {
    String text = TestTreaties.text("test-treaty.yaml");
    String reformatted =
        "# another comment\n" + text.replace("    value: 12\n", "    value:   12   # twelve\n");
    String changed = text.replace("    value: 12\n", "    value: 13\n");
    String digest = TreatyLoader.parse("a", text).digest();
    assertThat(TreatyLoader.parse("b", reformatted).digest()).isEqualTo(digest);
    assertThat(TreatyLoader.parse("c", changed).digest()).isNotEqualTo(digest);
  }
}
