package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.escrow.EscrowItem;
import org.countersign.treaty.model.ItemType;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.Declaration;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, point 4: types within a category. A B-2A is not a B-52H: items state a type, and
 * counting rules, change kinds (a conversion agreed for one type) and so limits can name types. The
 * signed form stays additive: an item without a type keeps the exact bytes it had before.
 */
class ItemTypesTest {
  private static final Treaty NEW_START = TestTreaties.newStart();
  private static final Instant ISSUED = Instant.parse("2020-03-20T00:00:00Z");
  private static final LocalDate AS_OF = LocalDate.of(2020, 3, 1);

  private static DeclaredItem bomber(String id, String status, String type) {
    return new DeclaredItem(id, "heavy-bomber", status, "base-1", "", Map.of(), type);
  }

  private static final String ORIGIN = "example.org/log";

  private static Declaration declaration(DeclaredItem... items) {
    return new Declaration("new-start", "US", ISSUED, AS_OF, 1, 1, List.of(items));
  }

  @Test
  void untypedItem_encodesExactlyAsBeforeTypesExisted() {
    String text =
        StatementCodec.encodeText(
            declaration(
                new DeclaredItem("B-1", "heavy-bomber", "deployed", "base-1", "", Map.of())),
            ORIGIN);
    assertThat(text)
        .isEqualTo(
            "countersign/statement/v1 declaration\n"
                + "{\"asOf\":\"2020-03-01\",\"author\":\"US\",\"issuedAt\":\"2020-03-20T00:00:00Z\","
                + "\"items\":[{\"attributes\":{},\"category\":\"heavy-bomber\",\"id\":\"B-1\","
                + "\"site\":\"base-1\",\"status\":\"deployed\",\"zone\":\"\"}],"
                + "\"kind\":\"declaration\",\"origin\":\"example.org/log\",\"part\":1,\"parts\":1,\"treaty\":\"new-start\"}\n");
  }

  @Test
  void typedItem_roundTripsAndAnEmptyTypeSpelledOutIsRefused() throws Exception {
    Statement d = declaration(bomber("B-1", "deployed", "b-52h"));
    String text = StatementCodec.encodeText(d, ORIGIN);
    assertThat(text).contains("\"status\":\"deployed\",\"type\":\"b-52h\",\"zone\":\"\"");
    assertThat(StatementCodec.decodeText(text)).isEqualTo(d);
    String spelledOut =
        StatementCodec.encodeText(declaration(bomber("B-1", "deployed", "")), ORIGIN)
            .replace("\"status\":\"deployed\",", "\"status\":\"deployed\",\"type\":\"\",");
    assertThatThrownBy(() -> StatementCodec.decodeText(spelledOut))
        .isInstanceOf(InvalidStatementException.class)
        .hasMessageContaining("canonical");
    assertThatThrownBy(() -> bomber("B-1", "deployed", "B-52H"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type");
  }

  @Test
  void newStart_namesTheHeavyBomberTypes() {
    assertThat(NEW_START.category("heavy-bomber").orElseThrow().types())
        .extracting(ItemType::id)
        .contains("b-52h", "b-2a", "tu-95ms", "tu-160");
  }

  @Test
  void admission_refusesATypeTheCategoryDoesNotDefine() {
    assertThatThrownBy(
            () -> Admission.check(NEW_START, declaration(bomber("B-1", "deployed", "b-3"))))
        .isInstanceOf(InvalidStatementException.class)
        .hasMessageContaining("items[0] (B-1).type: \"b-3\" is not a type of heavy-bomber");
  }

  @Test
  void countingRule_withTypes_countsOnlyThoseTypes() {
    Treaty treaty = withB52Limit();
    var log =
        List.of(
            new LoggedStatement<>(
                0,
                declaration(
                    bomber("B52-1", "deployed", "b-52h"),
                    bomber("B52-2", "deployed", "b-52h"),
                    bomber("B2-1", "deployed", "b-2a"),
                    bomber("X-1", "deployed", ""))));
    var line = line(ComplianceEngine.replay(treaty, log).reportAt(LocalDate.of(2020, 4, 1)));
    assertThat(line.total()).isEqualTo(2L);
  }

  @Test
  void conversionForOneType_isNotAppliedToAnother_andIsADiscrepancy() {
    Treaty treaty = withB52Limit();
    var log = new ArrayList<LoggedStatement<?>>();
    log.add(
        new LoggedStatement<>(
            0,
            declaration(bomber("B52-1", "deployed", "b-52h"), bomber("B2-1", "deployed", "b-2a"))));
    for (String id : List.of("B52-1", "B2-1")) {
      log.add(
          new LoggedStatement<>(
              log.size(),
              new ChangeNotification(
                  "new-start",
                  "US",
                  Instant.parse("2020-03-21T00:00:00Z"),
                  "convert",
                  id,
                  "heavy-bomber",
                  Instant.parse("2020-03-20T00:00:00Z"),
                  "converted",
                  "",
                  "",
                  Map.of())));
    }
    var r = ComplianceEngine.replay(treaty, log).reportAt(LocalDate.of(2020, 4, 1));
    assertThat(r.discrepancies())
        .filteredOn(x -> x.kind().equals("change-not-for-type"))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.detail()).contains("B2-1").contains("\"b-2a\"");
              assertThat(x.evidence()).containsExactly(2L);
            });
    // The B-52H left the deployed count; the B-2A, not converted, still counts.
    var deployed =
        r.parties().stream()
            .filter(p -> p.party().equals("US"))
            .flatMap(p -> p.limits().stream())
            .filter(l -> l.limit().equals("deployed-delivery-vehicles"))
            .findFirst()
            .orElseThrow();
    assertThat(deployed.total()).isEqualTo(1L);
  }

  @Test
  void escrowItem_untypedEncodingUnchanged_typedOneDiffersAndDecodes() {
    var untyped = new EscrowItem("B-1", "heavy-bomber", "deployed", "s", "", Map.of("n", 1L));
    var typed = new EscrowItem("B-1", "heavy-bomber", "deployed", "s", "", Map.of("n", 1L), "b-2a");
    // 5 strings, the attribute count, one attribute: the layout before types existed.
    assertThat(untyped.canonicalBytes()).hasSize(5 * 4 + 3 + 12 + 8 + 1 + 0 + 4 + 4 + 1 + 8);
    assertThat(EscrowItem.decode(untyped.canonicalBytes())).isEqualTo(untyped);
    assertThat(typed.canonicalBytes()).hasSize(untyped.canonicalBytes().length + 4 + 4);
    assertThat(EscrowItem.decode(typed.canonicalBytes())).isEqualTo(typed);
    byte[] emptyType =
        java.util.Arrays.copyOf(untyped.canonicalBytes(), untyped.canonicalBytes().length + 4);
    assertThatThrownBy(() -> EscrowItem.decode(emptyType)).hasMessageContaining("empty type");
  }

  @Test
  void escrowCounting_ruleWithTypes_isUndecidedWithTheReason() {
    var d =
        EscrowCounting.total(
            withB52Limit(),
            withB52Limit().limit("deployed-b52h").orElseThrow(),
            List.of(
                new org.countersign.treaty.statement.EscrowTotal(
                    "heavy-bomber", "deployed", 3, Map.of("nuclear-armaments", 3L))));
    assertThat(d.total()).isNull();
    assertThat(d.undecided()).contains("not broken down by type");
  }

  private static ComplianceReport.LimitLine line(ComplianceReport r) {
    return r.parties().stream()
        .filter(p -> p.party().equals("US"))
        .flatMap(p -> p.limits().stream())
        .filter(l -> l.limit().equals("deployed-b52h"))
        .findFirst()
        .orElseThrow();
  }

  /** New START plus a B-52H-only conversion and an illustrative limit on deployed B-52Hs. */
  private static Treaty withB52Limit() {
    String text = newStartText();
    String convert =
        """
          - id: convert
            name: Conversion
            effect: status
            toStatuses: [converted]
        """;
    text = text.replace(convert, convert + "    types: [b-52h]\n");
    String rule =
        """

          - id: deployed-b52h
            description: Each deployed B-52H
            categories: [heavy-bomber]
            statuses: [deployed]
            types: [b-52h]
            count: items

        limits:
          - id: deployed-b52h
            name: Deployed B-52H
            value: 100
            bindsFrom: 2018-02-05
            sum: [deployed-b52h]
        """;
    text = text.replace("\nlimits:\n", rule);
    assertThat(text).contains("types: [b-52h]\n    count: items");
    return TestTreaties.parse("typed.yaml", text);
  }

  private static String newStartText() {
    try (var in = Treaty.class.getResourceAsStream("/treaties/new-start.yaml")) {
      if (in == null) {
        throw new AssertionError("new-start.yaml is not on the class path");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
