package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.model.Party;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.Declaration;
import org.countersign.treaty.statement.DeclarationParts;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.LoggedStatement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The timeline's inventory at any instant equals a direct replay of the notifications. */
class TimelineTest {
  private static final Treaty TREATY = TestTreaties.testTreaty();
  private static final List<Set<String>> CATEGORY_SETS =
      List.of(
          Set.of(),
          TREATY.categories().stream()
              .map(c -> c.id())
              .collect(java.util.stream.Collectors.toSet()),
          Set.of(TREATY.categories().get(0).id()),
          Set.of(TREATY.categories().get(TREATY.categories().size() - 1).id()),
          Set.of("icbm", "icbm-launcher", "heavy-bomber"));

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void stateAt_randomLogAndInstants_equalsReplayOfTheNotifications(long seed) {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed * 7919);
    Map<String, PartyLedger> ledgers = new TreeMap<>();
    for (Party p : TREATY.parties()) {
      ledgers.put(p.id(), new PartyLedger(p));
    }
    List<LoggedStatement<?>> log = RandomLogs.log(seed, 600);
    var instants = new ArrayList<Instant>();
    int checked = 0;
    for (int i = 0; i < log.size(); i++) {
      LoggedStatement<?> e = log.get(i);
      PartyLedger ledger = ledgers.get(e.statement().author());
      if (ledger == null || !admitted(e)) {
        continue;
      }
      switch (e.statement()) {
        case Declaration d -> {
          ledger.addDeclaration(new LoggedStatement<>(e.index(), d));
          instants.add(PartyLedger.startOf(d.asOf()));
        }
        case ChangeNotification c -> {
          ledger.addChange(new LoggedStatement<>(e.index(), c));
          instants.add(c.effectiveAt());
        }
        default -> {}
      }
      // Query between applies too: the timeline must be rebuilt after every change of the ledger.
      if (i % 97 == 0 || i == log.size() - 1) {
        for (int q = 0; q < 25; q++) {
          Instant t =
              r.nextInt(3) == 0 || instants.isEmpty()
                  ? RandomLogs.instant(r)
                  : instants.get(r.nextInt(instants.size())).plusSeconds(r.nextInt(3) - 1);
          for (PartyLedger l : ledgers.values()) {
            assertSame(
                l.stateAt(TREATY, t), l.stateAtByReplay(TREATY, t), l.party.id() + " at " + t);
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  /**
   * Dense periods and boundary instants: changes effective exactly at a baseline's as-of instant
   * (they belong to the period before) or a second later, added one by one so that every query
   * after the first goes through the incremental rebuild of one period.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void stateAt_changesAddedOneByOneAroundBaselines_equalsReplay(long seed) {
    Treaty treaty = TestTreaties.newStart();
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    PartyLedger ledger = new PartyLedger(treaty.party("US").orElseThrow());
    var first = java.time.LocalDate.parse("2019-03-01");
    var second = java.time.LocalDate.parse("2019-09-01");
    List<DeclaredItem> items =
        org.countersign.treaty.history.DemoInventory.generate(
            treaty,
            "US",
            new org.countersign.treaty.history.DemoInventory.Aggregate(60, 150, 80),
            first,
            seed);
    long index = 0;
    Instant issued = Instant.parse("2019-10-01T00:00:00Z");
    for (Declaration d : DeclarationParts.split("new-start", "US", issued, first, items)) {
      ledger.addDeclaration(new LoggedStatement<>(index++, d));
    }
    List<Instant> edges =
        List.of(
            PartyLedger.startOf(first),
            PartyLedger.startOf(second),
            PartyLedger.startOf(second).plusSeconds(1),
            PartyLedger.startOf(second).minusSeconds(1),
            PartyLedger.startOf(first).plusSeconds(1),
            Instant.parse("2019-01-01T00:00:00Z"));
    var current = new java.util.HashMap<String, DeclaredItem>();
    items.forEach(i -> current.put(i.id(), i));
    for (int k = 0; k < 160; k++) {
      if (k == 80) {
        var snapshot = new ArrayList<>(current.values());
        snapshot.sort(java.util.Comparator.comparing(DeclaredItem::id));
        for (Declaration d : DeclarationParts.split("new-start", "US", issued, second, snapshot)) {
          ledger.addDeclaration(new LoggedStatement<>(index++, d));
        }
      }
      DeclaredItem item = items.get(r.nextInt(items.size()));
      Instant at =
          r.nextInt(4) == 0
              ? edges.get(r.nextInt(edges.size()))
              : PartyLedger.startOf(first).plusSeconds(r.nextLong(250L * 86_400));
      String site = "US-site-" + r.nextInt(5);
      ledger.addChange(
          new LoggedStatement<>(
              index++,
              new ChangeNotification(
                  "new-start",
                  "US",
                  issued,
                  "move",
                  item.id(),
                  item.category(),
                  at,
                  "",
                  site,
                  "",
                  Map.of())));
      current.put(item.id(), item.at(site, item.zone()));
      assertSamePeriods(ledger.timeline(treaty), Timeline.of(treaty, ledger), "change " + k);
      for (Instant t :
          List.of(
              at,
              at.minusSeconds(1),
              edges.get(r.nextInt(edges.size())),
              PartyLedger.startOf(first).plusSeconds(r.nextLong(300L * 86_400)))) {
        assertSame(
            ledger.stateAt(treaty, t),
            ledger.stateAtByReplay(treaty, t),
            "change " + k + " at " + t);
      }
    }
  }

  /** The incrementally updated timeline has the periods a fresh build has, change for change. */
  private static void assertSamePeriods(Timeline incremental, Timeline fresh, String where) {
    assertThat(incremental.periods()).as(where).hasSameSizeAs(fresh.periods());
    for (int k = 0; k < fresh.periods().size(); k++) {
      Timeline.Period a = incremental.periods().get(k);
      Timeline.Period b = fresh.periods().get(k);
      assertThat(a.changes).as(where + " period " + k).isEqualTo(b.changes);
      assertThat(a.after).as(where + " period " + k).isEqualTo(b.after);
      assertThat(a.anomalies).as(where + " period " + k).isEqualTo(b.anomalies);
      assertThat(new java.util.HashMap<>(a.itemsAfter(a.changes.size())))
          .isEqualTo(new java.util.HashMap<>(b.itemsAfter(b.changes.size())));
    }
  }

  private static boolean admitted(LoggedStatement<?> e) {
    try {
      Admission.check(TREATY, e.statement());
      return true;
    } catch (InvalidStatementException refused) {
      return false;
    }
  }

  private static void assertSame(ItemState fast, ItemState replayed, String where) {
    assertThat(new HashMap<>(fast.items())).as(where + ": items").isEqualTo(replayed.items());
    assertThat(fast.items().size()).as(where + ": size").isEqualTo(replayed.items().size());
    for (var item : replayed.items().entrySet()) {
      assertThat(fast.items().get(item.getKey())).as(where).isEqualTo(item.getValue());
      assertThat(fast.items().containsKey(item.getKey())).isTrue();
    }
    assertThat(fast.baseline()).as(where + ": baseline").isSameAs(replayed.baseline());
    assertThat(fast.applied()).as(where + ": applied").isEqualTo(replayed.applied());
    assertThat(fast.freshness()).as(where + ": freshness").isEqualTo(replayed.freshness());
    assertThat(fast.totals()).as(where + ": totals").isEqualTo(replayed.totals());
    assertThat(fast.census()).as(where + ": census").isEqualTo(replayed.census());
    for (Set<String> categories : CATEGORY_SETS) {
      assertThat(fast.evidence(categories))
          .as(where + ": evidence of " + categories)
          .isEqualTo(replayed.evidence(categories))
          .isEqualTo(ItemState.evidenceBySorting(fast.baseline(), fast.applied(), categories));
    }
    assertThat(fast.exists()).isEqualTo(replayed.exists());
  }
}
