package org.countersign.treaty.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The escrow and inspection kinds through the statement codec, and their field rules. */
class EscrowAndInspectionStatementsTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  private static final String H1 = "a".repeat(64);
  private static final String H2 = "0123456789abcdef".repeat(4);

  static RevealedItem opened() {
    return new RevealedItem(
        "rs-24-01",
        "icbm",
        "deployed",
        "kozelsk",
        "zone-west",
        Map.of("reentry-vehicles", 4L),
        H1,
        5,
        List.of(H2, H1));
  }

  static InspectionRequest request() {
    return new InspectionRequest(
        "new-start",
        "united-states",
        T,
        "req-1",
        "type-one",
        16,
        "russia",
        "kozelsk",
        new InspectionCheckpoint("log.example/new-start", 1000, H2),
        H1,
        700,
        1,
        T.plusSeconds(3600),
        T.plusSeconds(7200));
  }

  static List<Statement> samples() {
    return List.of(
        new EscrowCommitment(
            "new-start",
            "russia",
            T,
            LocalDate.parse("2026-03-01"),
            H1,
            3,
            List.of(
                new EscrowTotal("heavy-bomber", "deployed", 1, Map.of("warheads", 1L)),
                new EscrowTotal("icbm", "deployed", 2, Map.of("reentry-vehicles", 8L))),
            ""),
        new EscrowCommitment(
            "new-start",
            "russia",
            T,
            LocalDate.parse("2026-09-01"),
            H2,
            1,
            List.of(new EscrowTotal("icbm", "deployed", 1, Map.of())),
            H1),
        new EscrowReveal(
            "new-start", "russia", T, H1, RevealSelection.site("kozelsk"), 1, 1, List.of(opened())),
        new EscrowReveal(
            "new-start",
            "russia",
            T,
            H1,
            RevealSelection.sample(H2, 100, "req-1"),
            2,
            3,
            List.of(opened())),
        new EscrowReveal(
            "new-start", "russia", T, H1, RevealSelection.zone("zone-east"), 1, 1, List.of()),
        request(),
        new RandomnessCommit("new-start", "russia", T, "req-1", H2),
        new RandomnessReveal("new-start", "russia", T, "req-1", H1),
        new InspectionReport(
            "new-start",
            "united-states",
            T,
            "req-1",
            "russia",
            "kozelsk",
            "zone-west",
            List.of(
                new InspectionFinding(
                    "rs-24-01", "icbm", "deployed", Map.of("reentry-vehicles", 4L), true),
                new InspectionFinding("rs-24-02", "", "", Map.of(), false))));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void decodeText_encodedSample_roundTrips(Statement s) throws Exception {
    String text = StatementCodec.encodeText(s, "countersign.local/new-start");
    assertThat(text).startsWith(StatementCodec.HEADER_PREFIX + s.kind() + "\n");
    assertThat(StatementCodec.decodeText(text)).isEqualTo(s);
  }

  @Test
  void kinds_escrowAndInspection_discoveredByTheCodec() {
    assertThat(StatementCodec.kindsUnder(EscrowStatement.class))
        .containsExactlyInAnyOrder("escrow-commitment", "escrow-reveal");
    assertThat(StatementCodec.kindsUnder(InspectionStatement.class))
        .containsExactlyInAnyOrder(
            "inspection-request", "randomness-commit", "randomness-reveal", "inspection-report");
  }

  @Test
  void records_useOnlyCodecTypes_noFloatsNoBytes() {
    Set<Class<?>> allowed =
        Set.of(
            String.class,
            long.class,
            int.class,
            boolean.class,
            Long.class,
            Instant.class,
            LocalDate.class,
            List.class,
            Map.class);
    var pending = new ArrayList<Class<?>>(List.of(EscrowStatement.class.getPermittedSubclasses()));
    pending.addAll(List.of(InspectionStatement.class.getPermittedSubclasses()));
    var seen = new java.util.HashSet<Class<?>>();
    while (!pending.isEmpty()) {
      Class<?> type = pending.remove(pending.size() - 1);
      if (!seen.add(type)) {
        continue;
      }
      for (RecordComponent c : type.getRecordComponents()) {
        for (Class<?> used : classesIn(c.getGenericType())) {
          if (used.isRecord()) {
            pending.add(used);
          } else {
            assertThat(allowed.contains(used) || used.isEnum())
                .as(type.getSimpleName() + "." + c.getName() + ": " + used)
                .isTrue();
          }
        }
      }
    }
    assertThat(seen)
        .contains(
            RevealedItem.class,
            EscrowTotal.class,
            InspectionCheckpoint.class,
            InspectionFinding.class);
  }

  private static List<Class<?>> classesIn(Type t) {
    if (t instanceof Class<?> c) {
      return List.of(c);
    }
    var p = (ParameterizedType) t;
    var out = new ArrayList<Class<?>>();
    out.add((Class<?>) p.getRawType());
    for (Type a : p.getActualTypeArguments()) {
      out.addAll(classesIn(a));
    }
    return out;
  }

  @Test
  void decodeText_badSaltLength_refusedNamingTheField() {
    String text =
        StatementCodec.encodeText(samples().get(2), "countersign.local/new-start")
            .replace("\"salt\":\"" + H1 + "\"", "\"salt\":\"" + H1.substring(2) + "\"");
    assertThatThrownBy(() -> StatementCodec.decodeText(text))
        .isInstanceOf(InvalidStatementException.class)
        .hasMessageContaining(
            "opened item rs-24-01: salt must be 32 bytes as 64 lowercase hex digits, got 62 characters");
  }

  @Test
  void escrowCommitment_inconsistentTotals_refused() {
    var t = List.of(new EscrowTotal("icbm", "deployed", 2, Map.of()));
    assertThatThrownBy(
            () -> new EscrowCommitment("new-start", "russia", T, LocalDate.EPOCH, H1, 3, t, ""))
        .hasMessage("totals add up to 2 items but itemCount is 3");
    var unsorted =
        List.of(
            new EscrowTotal("icbm", "deployed", 1, Map.of()),
            new EscrowTotal("heavy-bomber", "deployed", 1, Map.of()));
    assertThatThrownBy(
            () ->
                new EscrowCommitment(
                    "new-start", "russia", T, LocalDate.EPOCH, H1, 2, unsorted, ""))
        .hasMessage(
            "totals must be sorted by category then status: icbm/deployed before heavy-bomber/deployed");
    assertThatThrownBy(
            () ->
                new EscrowCommitment(
                    "new-start",
                    "russia",
                    T,
                    LocalDate.EPOCH,
                    H1,
                    1,
                    List.of(new EscrowTotal("icbm", "deployed", 1, Map.of())),
                    H1))
        .hasMessage("previousRoot must differ from root, both are " + H1);
  }

  @Test
  void escrowReveal_badParts_refused() {
    assertThatThrownBy(
            () ->
                new EscrowReveal(
                    "new-start",
                    "russia",
                    T,
                    H1,
                    RevealSelection.chosen(),
                    3,
                    2,
                    List.of(opened())))
        .hasMessage("part must be 1..parts and parts 1..10000, got part 3 of 2");
    assertThatThrownBy(
            () ->
                new EscrowReveal(
                    "new-start", "russia", T, H1, RevealSelection.site("x"), 1, 2, List.of()))
        .hasMessage("a SITE reveal part must open at least one item");
  }

  @Test
  void revealSelection_shapes_checked() {
    assertThatThrownBy(() -> RevealSelection.sample("abc", 10, "req-1"))
        .hasMessage(
            "selection seed must be 32 bytes as 64 lowercase hex digits, got 3 characters: \"abc\"");
    assertThatThrownBy(() -> RevealSelection.sample(H1, 0, "req-1"))
        .hasMessage("a SAMPLE selection draws at least 1 leaf, got 0");
    assertThatThrownBy(() -> new RevealSelection(RevealSelectionKind.SITE, "kozelsk", 5, ""))
        .hasMessage("sampleSize is for SAMPLE selections only, got 5 for SITE");
  }

  @Test
  void inspectionRequest_inconsistentFields_refusedPrecisely() {
    var r = request();
    assertThatThrownBy(
            () ->
                new InspectionRequest(
                    r.treaty(),
                    r.author(),
                    r.issuedAt(),
                    r.requestId(),
                    r.inspectionType(),
                    r.treatyYear(),
                    r.author(),
                    r.site(),
                    r.checkpoint(),
                    r.population(),
                    700,
                    1,
                    r.commitBy(),
                    r.revealBy()))
        .hasMessage("a party cannot inspect itself: united-states");
    assertThatThrownBy(
            () ->
                new InspectionRequest(
                    r.treaty(),
                    r.author(),
                    r.issuedAt(),
                    r.requestId(),
                    r.inspectionType(),
                    r.treatyYear(),
                    r.inspectedParty(),
                    r.site(),
                    r.checkpoint(),
                    r.population(),
                    700,
                    701,
                    r.commitBy(),
                    r.revealBy()))
        .hasMessage("sampleSize must be 1..700 (the population), got 701");
    assertThatThrownBy(
            () ->
                new InspectionRequest(
                    r.treaty(),
                    r.author(),
                    r.issuedAt(),
                    r.requestId(),
                    r.inspectionType(),
                    r.treatyYear(),
                    r.inspectedParty(),
                    r.site(),
                    r.checkpoint(),
                    r.population(),
                    700,
                    1,
                    r.revealBy(),
                    r.commitBy()))
        .hasMessage("revealBy " + r.commitBy() + " is before commitBy " + r.revealBy());
  }

  @Test
  void issuedAt_subSecond_refused() {
    assertThatThrownBy(
            () -> new RandomnessReveal("new-start", "russia", T.plusMillis(1), "req-1", H1))
        .hasMessage("issuedAt must be whole seconds, got 2026-03-01T10:00:00.001Z");
  }

  @Test
  void inspectionReport_sameItemTwice_refused() {
    var f = new InspectionFinding("rs-24-01", "icbm", "deployed", Map.of(), false);
    assertThatThrownBy(
            () ->
                new InspectionReport(
                    "new-start",
                    "united-states",
                    T,
                    "req-1",
                    "russia",
                    "kozelsk",
                    "",
                    List.of(f, f)))
        .hasMessage("item rs-24-01 is reported twice");
  }

  @Test
  void kind_readFromTheAnnotation() {
    assertThat(samples())
        .extracting(Statement::kind)
        .containsExactly(
            "escrow-commitment",
            "escrow-commitment",
            "escrow-reveal",
            "escrow-reveal",
            "escrow-reveal",
            "inspection-request",
            "randomness-commit",
            "randomness-reveal",
            "inspection-report");
  }
}
