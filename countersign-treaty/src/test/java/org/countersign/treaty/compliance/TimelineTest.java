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
import org.countersign.treaty.statement.InvalidStatementException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The timeline's inventory at any instant equals a direct replay of the notifications. */
class TimelineTest {
  private static final Treaty TREATY = TestTreaties.testTreaty();
  private static final List<Set<String>> CATEGORY_SETS = List.of(Set.of(),
      TREATY.categories().stream().map(c -> c.id()).collect(java.util.stream.Collectors.toSet()),
      Set.of(TREATY.categories().get(0).id()),
      Set.of(TREATY.categories().get(TREATY.categories().size() - 1).id()));

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void stateAt_randomLogAndInstants_equalsReplayOfTheNotifications(long seed) {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed * 7919);
    Map<String, PartyLedger> ledgers = new TreeMap<>();
    for (Party p : TREATY.parties()) {
      ledgers.put(p.id(), new PartyLedger(p));
    }
    List<LoggedStatement> log = RandomLogs.log(seed, 600);
    var instants = new ArrayList<Instant>();
    int checked = 0;
    for (int i = 0; i < log.size(); i++) {
      LoggedStatement e = log.get(i);
      PartyLedger ledger = ledgers.get(e.statement().author());
      if (ledger == null || !admitted(e)) {
        continue;
      }
      switch (e.statement()) {
        case Declaration d -> {
          ledger.addDeclaration(new Entry<>(e.index(), d));
          instants.add(PartyLedger.startOf(d.asOf()));
        }
        case ChangeNotification c -> {
          ledger.addChange(new Entry<>(e.index(), c));
          instants.add(c.effectiveAt());
        }
        default -> { }
      }
      // Query between applies too: the timeline must be rebuilt after every change of the ledger.
      if (i % 97 == 0 || i == log.size() - 1) {
        for (int q = 0; q < 25; q++) {
          Instant t = r.nextInt(3) == 0 || instants.isEmpty()
              ? RandomLogs.instant(r)
              : instants.get(r.nextInt(instants.size())).plusSeconds(r.nextInt(3) - 1);
          for (PartyLedger l : ledgers.values()) {
            assertSame(l.stateAt(TREATY, t), l.stateAtByReplay(TREATY, t), l.party.id() + " at " + t);
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  private static boolean admitted(LoggedStatement e) {
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
      assertThat(fast.evidence(categories)).as(where + ": evidence of " + categories)
          .isEqualTo(replayed.evidence(categories))
          .isEqualTo(ItemState.evidenceBySorting(fast.baseline(), fast.applied(), categories));
    }
    assertThat(fast.exists()).isEqualTo(replayed.exists());
  }
}
