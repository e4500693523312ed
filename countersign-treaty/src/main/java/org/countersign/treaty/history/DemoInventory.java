package org.countersign.treaty.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.countersign.treaty.model.Limit;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.DeclarationParts;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.Statement;
import org.jspecify.annotations.Nullable;

/**
 * Demonstration item-level inventories for New START whose counted totals, under the treaty file's
 * own counting rules, reproduce given aggregates exactly.
 *
 * <p>Everything is deterministic: the same treaty, party, target and seed give the same items, ids
 * and notifications. Inventories are invented (ids, sites and loadings are not real data); only
 * their totals are tied to the published figures.
 *
 * <h2>How an inventory is shaped</h2>
 *
 * <p>Deployed delivery vehicles are split into heavy bombers (a party-typical share) and missiles
 * (60% ICBMs, 40% SLBMs); each deployed missile sits in a deployed launcher; the warheads beyond
 * one per deployed bomber are spread over the deployed missiles (at least one each when possible,
 * at most 10 on an ICBM and 8 on an SLBM); launchers and bombers beyond the deployed ones are
 * non-deployed launchers. A first inventory also holds items the rules do not count (missiles in
 * storage, heavy bombers equipped for non-nuclear armaments, converted SLBM launchers), so that a
 * demo shows the counting rules at work.
 *
 * <h2>Evolving</h2>
 *
 * <p>{@link #evolve} moves an inventory to a new target with as few changes as it can (deploying
 * stored missiles before introducing new ones, eliminating non-deployed launchers when the launcher
 * total falls) and returns the change notifications that explain every difference, all effective at
 * 00:00 UTC of the target's date and issued a day later, so that the replay finds neither missing
 * notifications nor discrepancies between successive declarations, and no total between the two
 * dates differs from the earlier one's.
 */
public final class DemoInventory {
  private static final int ICBM_CAP = 10;
  private static final int SLBM_CAP = 8;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.BASIC_ISO_DATE;

  private DemoInventory() {}

  /**
   * Target aggregates under New START.
   *
   * @param deployedDeliveryVehicles deployed ICBMs, SLBMs and heavy bombers (limit 700)
   * @param deployedWarheads warheads counted for them (limit 1,550)
   * @param launchers deployed and non-deployed launchers and heavy bombers (limit 800)
   */
  public record Aggregate(long deployedDeliveryVehicles, long deployedWarheads, long launchers) {
    public Aggregate {
      if (deployedDeliveryVehicles < 0 || deployedWarheads < 0 || launchers < 0) {
        throw new IllegalArgumentException("aggregates are not negative");
      }
      if (launchers < deployedDeliveryVehicles) {
        throw new IllegalArgumentException(
            "launchers "
                + launchers
                + " cannot be fewer than deployed delivery vehicles "
                + deployedDeliveryVehicles);
      }
    }

    /**
     * A history row whose three figures were published (see {@link
     * NewStartHistory.Row#complete()}).
     */
    public static Aggregate of(NewStartHistory.Row row) {
      if (row.dv() == null || row.wh() == null || row.l() == null) {
        throw new IllegalArgumentException(
            "row " + row.party() + " " + row.asOf() + " is incomplete");
      }
      return new Aggregate(row.dv(), row.wh(), row.l());
    }
  }

  /**
   * An inventory and the notifications that led to it from the previous one.
   *
   * @param items the accountable items (eliminated ones dropped), sorted by id
   * @param notifications the change notifications, in order of effect
   */
  public record Step(List<DeclaredItem> items, List<ChangeNotification> notifications) {
    public Step {
      items = List.copyOf(items);
      notifications = List.copyOf(notifications);
    }
  }

  /** A first inventory for {@code party} as of {@code asOf} reproducing {@code target}. */
  public static List<DeclaredItem> generate(
      Treaty treaty, String party, Aggregate target, LocalDate asOf, long seed) {
    return new Builder(treaty, party, List.of(), asOf, seed, null).reach(target).items();
  }

  /**
   * Moves {@code previous} (the inventory as of {@code from}) to {@code target} as of {@code to},
   * with the notifications that explain each change, effective at 00:00 UTC of {@code to}.
   *
   * @throws IllegalArgumentException if the target cannot be reached (e.g. more warheads than the
   *     deployed missiles can carry)
   */
  public static Step evolve(
      Treaty treaty,
      String party,
      List<DeclaredItem> previous,
      Aggregate target,
      LocalDate from,
      LocalDate to,
      long seed) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from " + from + " must precede to " + to);
    }
    return new Builder(treaty, party, previous, to, seed, from).reach(target);
  }

  /**
   * The full demonstration log for New START: the history's adoptions, published data exchanges and
   * Russia's suspension, plus synthetic item-level detail that never states a figure the record
   * does not publish.
   *
   * <ul>
   *   <li>At each exchange date whose three figures were all published ({@link
   *       NewStartHistory#completeRows()}), a complete item-level declaration, in parts,
   *       reproducing them exactly, issued with the data exchange of the same date.
   *   <li>At an exchange date with only some figures published, no declaration; change
   *       notifications effective at 00:00 UTC of that date bring the counted totals to the
   *       published figures and leave the others as they were (a report marks those as not
   *       published: see {@code LimitLine.publication}).
   *   <li>Every change notification takes effect at 00:00 UTC of the exchange date it explains, so
   *       between two exchange dates the item-level totals are those of the earlier one: the
   *       synthetic detail invents no intermediate total.
   * </ul>
   */
  public static List<LoggedStatement<?>> newStartLog(
      Treaty treaty, NewStartHistory history, long seed) {
    var statements = new ArrayList<Statement>();
    history.log(treaty).forEach(e -> statements.add(e.statement()));
    for (String party : List.of("US", "RU")) {
      List<DeclaredItem> items = null;
      LocalDate previous = null;
      for (NewStartHistory.Row row : history.rows()) {
        if (!row.party().equals(party) || row.totals().isEmpty()) {
          continue;
        }
        if (items == null) {
          if (!row.complete()) {
            continue; // item detail starts at the first fully published date
          }
          items = generate(treaty, party, Aggregate.of(row), row.asOf(), seed);
        } else {
          Aggregate now = totals(treaty, items);
          Aggregate target =
              new Aggregate(
                  row.dv() != null ? row.dv() : now.deployedDeliveryVehicles(),
                  row.wh() != null ? row.wh() : now.deployedWarheads(),
                  row.l() != null ? row.l() : now.launchers());
          // previous is set with items: this branch runs from the second row on.
          Step step =
              evolve(
                  treaty, party, items, target, Objects.requireNonNull(previous), row.asOf(), seed);
          statements.addAll(step.notifications());
          items = step.items();
        }
        if (row.complete()) {
          statements.addAll(
              DeclarationParts.split(
                  treaty.id(),
                  party,
                  NewStartHistory.issuedAt(treaty, row.asOf()),
                  row.asOf(),
                  items));
        }
        previous = row.asOf();
      }
    }
    return NewStartHistory.inLogOrder(statements);
  }

  /** The counted totals of {@code items} under the treaty's three central limits. */
  public static Aggregate totals(Treaty treaty, List<DeclaredItem> items) {
    return new Aggregate(
        total(treaty, "deployed-delivery-vehicles", items),
        total(treaty, "deployed-warheads", items),
        total(treaty, "launchers", items));
  }

  private static long total(Treaty treaty, String limit, List<DeclaredItem> items) {
    Limit l =
        treaty
            .limit(limit)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        treaty.id()
                            + " has no limit "
                            + limit
                            + ": demo inventories are for New START"));
    return treaty.total(l, items);
  }

  /** One inventory being moved to a target; records the changes it makes. */
  private static final class Builder {
    private final Treaty treaty;
    private final String party;
    private final Map<String, DeclaredItem> items = new TreeMap<>();
    private final Map<String, DeclaredItem> before = new TreeMap<>();
    private final RandomGenerator random;
    private final LocalDate to;
    private final @Nullable LocalDate from;
    private int serial;

    Builder(
        Treaty treaty,
        String party,
        List<DeclaredItem> previous,
        LocalDate to,
        long seed,
        @Nullable LocalDate from) {
      for (String c : List.of("icbm", "slbm", "icbm-launcher", "slbm-launcher", "heavy-bomber")) {
        if (treaty.category(c).isEmpty()) {
          throw new IllegalArgumentException(
              treaty.id() + " has no category " + c + ": demo inventories are for New START");
        }
      }
      this.treaty = treaty;
      this.party = party;
      this.to = to;
      this.from = from;
      previous.forEach(i -> items.put(i.id(), i));
      before.putAll(items);
      long mix = seed * 0x9E3779B97F4A7C15L + party.hashCode() * 31L + to.toEpochDay();
      this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(mix);
    }

    Step reach(Aggregate target) {
      boolean first = items.isEmpty();
      long bombers =
          Math.min(
              Math.round(
                  target.deployedDeliveryVehicles()
                      * (party.equals("US") ? 0.075 : party.equals("RU") ? 0.09 : 0.08)),
              target.deployedWarheads());
      long missiles = target.deployedDeliveryVehicles() - bombers;
      long icbms = Math.round(missiles * 0.6);
      long slbms = missiles - icbms;
      long missileWarheads = target.deployedWarheads() - bombers;
      if (missileWarheads > icbms * ICBM_CAP + slbms * SLBM_CAP) {
        throw new IllegalArgumentException(
            "cannot load "
                + missileWarheads
                + " warheads on "
                + icbms
                + " ICBMs and "
                + slbms
                + " SLBMs");
      }
      setCount(
          "icbm",
          Builder::isNuclear,
          "deployed",
          icbms,
          "non-deployed",
          site("icbm-base"),
          "storage");
      setCount(
          "slbm",
          Builder::isNuclear,
          "deployed",
          slbms,
          "non-deployed",
          site("sub-base"),
          "storage");
      setCount(
          "icbm-launcher",
          Builder::isNuclear,
          "deployed",
          icbms,
          "non-deployed",
          site("icbm-base"),
          "icbm-base-1");
      setCount(
          "slbm-launcher",
          Builder::isNuclear,
          "deployed",
          slbms,
          "non-deployed",
          site("sub-base"),
          "sub-base-1");
      setCount(
          "heavy-bomber",
          Builder::isNuclear,
          "deployed",
          bombers,
          "non-deployed",
          site("air-base"),
          "air-base-1");
      loadWarheads(missileWarheads);
      setLaunchers(target.launchers());
      if (first) {
        extras(missiles, bombers);
      }
      Aggregate reached = totals(treaty, accountable());
      if (!reached.equals(target)) {
        throw new IllegalStateException("demo inventory reached " + reached + ", not " + target);
      }
      return new Step(accountable(), notifications());
    }

    private static boolean isNuclear(DeclaredItem i) {
      return i.attributes().getOrDefault("nuclear-armaments", 1L) == 1L;
    }

    private String site(String kind) {
      int count = kind.equals("icbm-base") ? 3 : 2;
      return party + "-" + kind + "-" + (1 + random.nextInt(count));
    }

    private String newId(String code) {
      return party + "-" + code + "-" + to.format(STAMP) + "-" + String.format("%04d", ++serial);
    }

    private static String code(String category) {
      return switch (category) {
        case "icbm" -> "ICBM";
        case "slbm" -> "SLBM";
        case "icbm-launcher" -> "ICBML";
        case "slbm-launcher" -> "SLBML";
        default -> "HB";
      };
    }

    /**
     * The type of every US heavy bomber equipped for non-nuclear armaments (see {@link #extras}).
     */
    static final String NON_NUCLEAR_US_BOMBER_TYPE = "b-52h";

    /** Items the rules do not count, so a demo shows them excluded. */
    private void extras(long missiles, long bombers) {
      for (long i = 0; i < Math.max(2, missiles / 12); i++) {
        String cat = i % 2 == 0 ? "icbm" : "slbm";
        create(cat, "non-deployed", party + "-storage", Map.of("warheads", 0L));
      }
      for (long i = 0; i < Math.max(2, bombers / 15); i++) {
        DeclaredItem b =
            create("heavy-bomber", "deployed", site("air-base"), Map.of("nuclear-armaments", 0L));
        if (party.equals("US")) {
          // Every US heavy bomber equipped for non-nuclear armaments is a B-52H (State Department
          // fact sheet "New START Treaty Aggregate Numbers of Strategic Offensive Arms", 1 December
          // 2020: 41 B-52H, 0 B-2A). Other bombers state no type: the demo's split of its nuclear
          // bombers between types would be a figure no one published.
          items.put(b.id(), b.withType(NON_NUCLEAR_US_BOMBER_TYPE));
        }
      }
      for (int i = 0; i < 4; i++) {
        create("slbm-launcher", "converted", site("sub-base"), Map.of());
      }
    }

    private DeclaredItem create(
        String category, String status, String site, Map<String, Long> attrs) {
      var item = new DeclaredItem(newId(code(category)), category, status, site, "", attrs);
      items.put(item.id(), item);
      return item;
    }

    private List<DeclaredItem> select(
        String category, Predicate<DeclaredItem> filter, String status) {
      return items.values().stream()
          .filter(i -> i.category().equals(category) && i.status().equals(status) && filter.test(i))
          .toList();
    }

    /**
     * Makes exactly {@code target} items of {@code category} (passing {@code filter}) have status
     * {@code up}: moving surplus ones to {@code down}, or raising {@code down} ones, or creating
     * new.
     */
    private void setCount(
        String category,
        Predicate<DeclaredItem> filter,
        String up,
        long target,
        String down,
        String upSite,
        String downSite) {
      List<DeclaredItem> current = select(category, filter, up);
      if (current.size() > target) {
        for (DeclaredItem i : pick(current, current.size() - (int) target)) {
          DeclaredItem n =
              i.withStatus(down)
                  .at(downSite.startsWith(party) ? downSite : party + "-" + downSite, i.zone());
          items.put(i.id(), category.endsWith("bm") ? n.withAttributes(Map.of("warheads", 0L)) : n);
        }
      } else {
        long missing = target - current.size();
        List<DeclaredItem> spare = select(category, filter, down);
        for (DeclaredItem i : pick(spare, (int) Math.min(missing, spare.size()))) {
          items.put(i.id(), i.withStatus(up).at(upSite, i.zone()));
          missing--;
        }
        // Every attribute a counting rule reads is written out, defaults included: an escrowed
        // declaration's sums cover only the items that state it.
        Map<String, Long> attributes =
            category.endsWith("bm")
                ? Map.of("warheads", 1L)
                : category.equals("heavy-bomber") ? Map.of("nuclear-armaments", 1L) : Map.of();
        for (; missing > 0; missing--) {
          create(category, up, upSite, attributes);
        }
      }
    }

    private List<DeclaredItem> pick(List<DeclaredItem> from, int n) {
      var pool = new ArrayList<>(from);
      var out = new ArrayList<DeclaredItem>(n);
      for (int k = 0; k < n; k++) {
        out.add(pool.remove(random.nextInt(pool.size())));
      }
      return out;
    }

    /** Spreads {@code total} warheads over the deployed missiles, changing as few as it can. */
    private void loadWarheads(long total) {
      List<DeclaredItem> deployed =
          new ArrayList<>(
              items.values().stream()
                  .filter(
                      i ->
                          (i.category().equals("icbm") || i.category().equals("slbm"))
                              && i.status().equals("deployed"))
                  .toList());
      if (deployed.isEmpty()) {
        return;
      }
      long floor = total >= deployed.size() ? 1 : 0;
      long sum = 0;
      for (DeclaredItem i : deployed) {
        long w =
            Math.max(
                floor, Math.min(cap(i), Objects.requireNonNull(i.attributes().get("warheads"))));
        items.put(i.id(), i.withAttributes(Map.of("warheads", w)));
        sum += w;
      }
      while (sum != total) {
        DeclaredItem i =
            Objects.requireNonNull(items.get(deployed.get(random.nextInt(deployed.size())).id()));
        long w = Objects.requireNonNull(i.attributes().get("warheads"));
        if (sum < total && w < cap(i)) {
          items.put(i.id(), i.withAttributes(Map.of("warheads", w + 1)));
          sum++;
        } else if (sum > total && w > floor) {
          items.put(i.id(), i.withAttributes(Map.of("warheads", w - 1)));
          sum--;
        }
      }
    }

    private static long cap(DeclaredItem i) {
      return i.category().equals("icbm") ? ICBM_CAP : SLBM_CAP;
    }

    /**
     * Adds non-deployed launchers or eliminates non-deployed ones until the launcher total fits.
     */
    private void setLaunchers(long target) {
      long counted = total(treaty, "launchers", accountable());
      for (long k = counted; k < target; k++) {
        create(
            k % 2 == 0 ? "icbm-launcher" : "slbm-launcher",
            "non-deployed",
            party + (k % 2 == 0 ? "-icbm-base-1" : "-sub-base-1"),
            Map.of());
      }
      for (long k = counted; k > target; k--) {
        var spare = new ArrayList<DeclaredItem>(select("icbm-launcher", i -> true, "non-deployed"));
        spare.addAll(select("slbm-launcher", i -> true, "non-deployed"));
        if (spare.isEmpty()) {
          spare.addAll(select("heavy-bomber", Builder::isNuclear, "non-deployed"));
        }
        if (spare.isEmpty()) {
          throw new IllegalArgumentException("cannot bring launchers down to " + target);
        }
        spare.sort(Comparator.comparing(DeclaredItem::id));
        DeclaredItem victim = pick(spare, 1).get(0);
        items.put(victim.id(), victim.withStatus("eliminated"));
      }
    }

    private List<DeclaredItem> accountable() {
      return items.values().stream().filter(i -> !treaty.isTerminal(i.status())).toList();
    }

    /**
     * One notification per changed item, all effective at 00:00 UTC of the target date (what a
     * declaration as of that date reflects) and issued a day later: the detail is synthetic, so it
     * claims no change at any instant the published record does not describe.
     */
    private List<ChangeNotification> notifications() {
      if (from == null) {
        return List.of();
      }
      var changed = new ArrayList<DeclaredItem>();
      for (DeclaredItem now : items.values()) {
        if (!now.equals(before.get(now.id()))) {
          changed.add(now);
        }
      }
      Instant effective = to.atStartOfDay().toInstant(ZoneOffset.UTC);
      var out = new ArrayList<ChangeNotification>();
      for (int k = 0; k < changed.size(); k++) {
        DeclaredItem now = changed.get(k);
        DeclaredItem was = before.get(now.id());
        String kind;
        String status = now.status();
        String site = now.site();
        Map<String, Long> attrs = now.attributes();
        if (was == null) {
          kind = "new-item";
        } else if (!was.status().equals(now.status())) {
          kind =
              switch (now.status()) {
                case "deployed" -> "deploy";
                case "eliminated" -> "eliminate";
                default -> "non-deploy";
              };
        } else {
          kind = "reload";
          status = "";
          site = "";
        }
        out.add(
            new ChangeNotification(
                treaty.id(),
                party,
                effective.plusSeconds(86_400),
                kind,
                now.id(),
                now.category(),
                effective,
                status,
                site,
                "",
                attrs));
      }
      return out;
    }
  }
}
