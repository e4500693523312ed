package org.countersign.treaty.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.DataExchangeUpdate;
import org.countersign.treaty.statement.Declaration;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.Dispute;
import org.countersign.treaty.statement.LaunchNotification;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.Suspension;
import org.countersign.treaty.statement.TreatyAdoption;
import org.countersign.treaty.statement.Withdrawal;

/** Seeded random logs under the test treaty: every kind, valid and a few inadmissible. */
final class RandomLogs {
  private static final String TR = "test-treaty";
  private static final String[] PARTIES = {"A", "B", "C"};
  private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
  private static final long SPAN = 6L * 365 * 86_400;

  private RandomLogs() {}

  static List<LoggedStatement<?>> log(long seed, int size) {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    // A second stream interleaves escrow and inspection statements, so that the statements drawn
    // from the first stream stay what they were before these kinds existed.
    RandomGenerator x = RandomGeneratorFactory.of("L64X128MixRandom").create(~seed);
    var flows = new EscrowFlows(x);
    Treaty treaty = TestTreaties.testTreaty();
    var out = new ArrayList<LoggedStatement<?>>();
    long index = 0;
    while (out.size() < size) {
      index += 1 + (r.nextInt(10) == 0 ? r.nextInt(3) : 0);
      if (x.nextInt(100) < 30) {
        for (Statement s : flows.next()) {
          out.add(new LoggedStatement<>(index++, s));
        }
      }
      out.add(new LoggedStatement<>(index, statement(r, treaty)));
    }
    return out;
  }

  static Instant instant(RandomGenerator r) {
    return START.plusSeconds(r.nextLong(SPAN));
  }

  static LocalDate asOf(RandomGenerator r) {
    LocalDate d = LocalDate.ofInstant(instant(r), java.time.ZoneOffset.UTC);
    return r.nextBoolean() ? LocalDate.of(d.getYear(), r.nextBoolean() ? 3 : 9, 1) : d;
  }

  private static String pick(RandomGenerator r, String... options) {
    return options[r.nextInt(options.length)];
  }

  private static DeclaredItem item(RandomGenerator r) {
    return switch (r.nextInt(4)) {
      case 0 ->
          new DeclaredItem(
              "M-" + r.nextInt(12),
              "missile",
              pick(r, "deployed", "deployed", "non-deployed", "test"),
              "site-" + r.nextInt(3),
              "",
              Map.of("warheads", (long) r.nextInt(6)));
      case 1 ->
          new DeclaredItem(
              "L-" + r.nextInt(12),
              "launcher",
              pick(r, "deployed", "non-deployed", "converted", "test"),
              "site-" + r.nextInt(3),
              "",
              Map.of());
      case 2 ->
          new DeclaredItem(
              "B-" + r.nextInt(5),
              "bomber",
              pick(r, "deployed", "converted"),
              "air-1",
              "",
              r.nextBoolean() ? Map.of() : Map.of("nuclear-armaments", (long) r.nextInt(2)));
      default ->
          new DeclaredItem(
              "I-" + r.nextInt(6),
              "interceptor",
              pick(r, "deployed", "non-deployed"),
              "site-9",
              pick(r, "", "region", "subregion"),
              Map.of());
    };
  }

  private static Statement statement(RandomGenerator r, Treaty treaty) {
    String party = PARTIES[r.nextInt(PARTIES.length)];
    int kind = r.nextInt(100);
    if (kind < 25) {
      LocalDate asOf = asOf(r);
      var items = new java.util.LinkedHashMap<String, DeclaredItem>();
      for (int i = r.nextInt(12); i > 0; i--) {
        DeclaredItem it = item(r);
        items.putIfAbsent(it.id(), it);
      }
      int parts = r.nextInt(5) == 0 ? 2 : 1;
      return new Declaration(
          TR,
          party,
          asOf.atStartOfDay()
              .toInstant(java.time.ZoneOffset.UTC)
              .plusSeconds(r.nextLong(40L * 86_400)),
          asOf,
          parts == 2 ? 1 + r.nextInt(2) : 1,
          parts,
          List.copyOf(items.values()));
    } else if (kind < 60) {
      DeclaredItem it = item(r);
      Instant eff = instant(r);
      Instant issued = eff.plusSeconds(r.nextLong(-86_400, 10L * 86_400));
      if (issued.isBefore(START)) {
        issued = START;
      }
      String change =
          pick(r, "new-item", "deploy", "non-deploy", "convert", "eliminate", "move", "reload");
      String status =
          switch (change) {
            case "new-item" -> it.status();
            case "deploy" -> "deployed";
            case "non-deploy" -> "non-deployed";
            case "convert" -> "converted";
            case "eliminate" -> "eliminated";
            default -> "";
          };
      Map<String, Long> attrs =
          it.category().equals("missile")
                  && (change.equals("new-item") || change.equals("reload") || r.nextBoolean())
              ? Map.of("warheads", (long) r.nextInt(6))
              : Map.of();
      String site = change.equals("reload") ? "" : "site-" + r.nextInt(3);
      String zone = it.category().equals("interceptor") && change.equals("move") ? "region" : "";
      // Some combinations are inadmissible (a converted missile, an eliminated interceptor move):
      // they must show up as such, deterministically.
      return new ChangeNotification(
          TR, party, issued, change, it.id(), it.category(), eff, status, site, zone, attrs);
    } else if (kind < 75) {
      LocalDate asOf = asOf(r);
      var totals = new java.util.TreeMap<String, Long>();
      totals.put("delivery-vehicles", (long) r.nextInt(15));
      totals.put("warheads", (long) r.nextInt(30));
      if (r.nextBoolean()) {
        totals.put("launchers", (long) r.nextInt(15));
      }
      return new DataExchangeUpdate(
          TR,
          party,
          asOf.atStartOfDay()
              .toInstant(java.time.ZoneOffset.UTC)
              .plusSeconds(r.nextLong(45L * 86_400)),
          asOf,
          totals);
    } else if (kind < 83) {
      Instant at = instant(r);
      return new LaunchNotification(
          TR,
          party,
          at.minusSeconds(r.nextLong(3L * 86_400)),
          "launch-" + r.nextInt(8),
          "missile",
          "",
          at,
          "area-1",
          "area-2");
    } else if (kind < 91) {
      String other = PARTIES[(java.util.Arrays.asList(PARTIES).indexOf(party) + 1) % 3];
      DeclaredItem it = item(r);
      Map<String, Long> reading =
          it.category().equals("missile") && r.nextBoolean()
              ? Map.of("warheads", (long) r.nextInt(6), "nuclear-armaments", 1L)
              : Map.of();
      return new Dispute(
          TR,
          party,
          instant(r),
          other,
          List.of(it.id()),
          it.status(),
          it.status().equals("deployed") ? "non-deployed" : "deployed",
          reading,
          "reading");
    } else if (kind < 94) {
      return new TreatyAdoption(
          TR,
          r.nextBoolean() ? party : "O",
          instant(r),
          r.nextBoolean() ? treaty.digest() : "ab".repeat(32));
    } else if (kind < 97) {
      Instant at = instant(r);
      return new Suspension(TR, party, at, LocalDate.ofInstant(at, java.time.ZoneOffset.UTC), "s");
    } else {
      return new Withdrawal(TR, r.nextInt(3) == 0 ? "O" : party, instant(r), "w");
    }
  }
}
