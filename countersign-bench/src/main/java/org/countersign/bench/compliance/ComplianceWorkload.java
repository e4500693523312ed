package org.countersign.bench.compliance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.countersign.treaty.compliance.ComplianceEngine;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.forces.ForcePostureException;
import org.countersign.treaty.forces.ForcePostureLoader;
import org.countersign.treaty.history.DemoInventory;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Limit;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.DataExchangeUpdate;
import org.countersign.treaty.statement.DeclarationParts;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.LaunchNotification;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.TreatyAdoption;

/**
 * A deterministic log of an intense New START regime: ten years (5 February 2011 to 4 February
 * 2021) of two parties with about 18,000 accountable items each at the start and 32,000 at the end,
 * about one million statements in all. Statements only: the replay benchmark measures the
 * compliance fold, not signatures (the audit verifies those).
 *
 * <h2>What is in it</h2>
 *
 * <ul>
 *   <li>Each party adopts the treaty and starts from a {@link DemoInventory} scaled up ten-fold
 *       (8,000 deployed delivery vehicles, 18,000 warheads, 10,000 launchers).
 *   <li>Every day, each party notifies about {@value #DEFAULT_PER_DAY} changes to random items:
 *       movements between sites (55%), changes of reentry vehicles on deployed missiles (25%),
 *       deployment and non-deployment (15%), new items and eliminations (5%), each issued a few
 *       hours to four days after it takes effect (one in five hundred late, after the five-day
 *       deadline), and one advance launch notification.
 *   <li>On the initial date and every 1 March and 1 September it declares its whole inventory (in
 *       parts, under the statement size cap) and publishes the totals of the three central limits
 *       as a data exchange, both issued twenty days later: the inventory the notifications lead to,
 *       so the replay finds no discrepancy, only the late notifications.
 * </ul>
 *
 * <p>Log order is issue order; the same seed gives the same log on every machine.
 */
public final class ComplianceWorkload {
  /** Changes each party notifies per day by default: about one million statements in ten years. */
  public static final int DEFAULT_PER_DAY = 135;

  /** The first day of the log (entry into force). */
  public static final LocalDate START = LocalDate.of(2011, 2, 5);

  /** The day after the last day of the log. */
  public static final LocalDate END = LocalDate.of(2021, 2, 5);

  /** The last day of the log, the day the benchmarks ask about. */
  public static final LocalDate LAST_DAY = END.minusDays(1);

  static final long SEED = 0x5EED_C0DEL;
  private static final String TREATY = "new-start";

  private ComplianceWorkload() {}

  /** The New START treaty file shipped with the project. */
  public static Treaty treaty() {
    try {
      return TreatyLoader.builtIn(TREATY);
    } catch (TreatyException e) {
      throw new IllegalStateException("the built-in New START treaty does not load", e);
    }
  }

  /** The log with {@code perDay} change notifications per party and day, in log order. */
  public static List<LoggedStatement<?>> log(Treaty treaty, int perDay) {
    var statements = new ArrayList<Statement>(perDay * 2 * 3700 + 10_000);
    for (String party : List.of("US", "RU")) {
      new Party(treaty, party, perDay, statements).run();
    }
    // Log order is the order of issue; a stable sort keeps each party's own order for equal times.
    statements.sort(Comparator.comparing(Statement::issuedAt));
    var log = new ArrayList<LoggedStatement<?>>(statements.size());
    for (int i = 0; i < statements.size(); i++) {
      log.add(new LoggedStatement<>(i, statements.get(i)));
    }
    return log;
  }

  /**
   * The New START log with {@code perDay} change notifications per party and day, replayed into an
   * engine ({@code ComplianceEngine.replay}, which prepares the derived state as a server's
   * follower does once caught up), with what a proposal's evaluation reads beside it. The log
   * itself is not kept: a server holds the engine, not the statements.
   */
  public static Replayed replayed(int perDay) {
    Treaty treaty = treaty();
    ComplianceEngine engine = ComplianceEngine.replay(treaty, log(treaty, perDay));
    try {
      return new Replayed(
          treaty,
          engine,
          TreatyLoader.builtIn("integrated-framework"),
          ForcePostureLoader.builtIn());
    } catch (TreatyException e) {
      throw new IllegalStateException("the built-in integrated framework does not load", e);
    } catch (ForcePostureException e) {
      throw new IllegalStateException("the built-in force-posture file does not load", e);
    }
  }

  /**
   * The workload's log replayed ({@link #replayed}).
   *
   * @param treaty New START, the log's treaty
   * @param engine the engine that applied every statement of the log
   * @param framework the hypothetical framework shipped with the project, to evaluate
   * @param posture the force-posture file shipped with the project (figures for parties that
   *     declared nothing)
   */
  public record Replayed(
      Treaty treaty, ComplianceEngine engine, Treaty framework, ForcePosture posture) {}

  /** Prints the size of the default log and what it holds, per kind. */
  public static void main(String[] args) {
    Treaty treaty = treaty();
    long t0 = System.nanoTime();
    List<LoggedStatement<?>> log =
        log(treaty, args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PER_DAY);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    var kinds = new TreeMap<String, Long>();
    log.forEach(e -> kinds.merge(e.statement().kind(), 1L, Long::sum));
    System.out.println("statements " + log.size() + " " + kinds + " generated in " + ms + " ms");
  }

  /** One party's ten years. */
  private static final class Party {
    private static final int SITES = 40;

    private final Treaty treaty;
    private final String id;
    private final int perDay;
    private final List<Statement> out;
    private final SplittableRandom random;
    private final Map<String, DeclaredItem> items = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Integer> position = new HashMap<>();
    private final String[] sites = new String[SITES];
    private int serial;

    Party(Treaty treaty, String id, int perDay, List<Statement> out) {
      this.treaty = treaty;
      this.id = id;
      this.perDay = perDay;
      this.out = out;
      this.random = new SplittableRandom(SEED ^ id.hashCode());
      for (int s = 0; s < SITES; s++) {
        sites[s] = id + "-site-" + s;
      }
    }

    void run() {
      var start = new DemoInventory.Aggregate(8000, 18_000, 10_000);
      for (DeclaredItem item : DemoInventory.generate(treaty, id, start, START, SEED)) {
        add(item);
      }
      out.add(new TreatyAdoption(TREATY, id, at(START).plusSeconds(3600), treaty.digest()));
      declare(START);
      for (LocalDate day = START; day.isBefore(END); day = day.plusDays(1)) {
        if (!day.equals(START)
            && ((day.getMonthValue() == 3 || day.getMonthValue() == 9)
                && day.getDayOfMonth() == 1)) {
          declare(day);
        }
        for (int k = 0; k < perDay; k++) {
          change(day, k);
        }
        launch(day);
      }
    }

    /** The whole inventory as of {@code day} and its totals, issued twenty days later. */
    private void declare(LocalDate day) {
      Instant issued = at(day.plusDays(20)).plusSeconds(10 * 3600);
      var inventory = new ArrayList<>(items.values());
      inventory.sort(Comparator.comparing(DeclaredItem::id));
      out.addAll(DeclarationParts.split(TREATY, id, issued, day, inventory));
      var totals = new TreeMap<String, Long>();
      for (Limit limit : treaty.limits()) {
        totals.put(limit.id(), treaty.total(limit, inventory));
      }
      out.add(new DataExchangeUpdate(TREATY, id, issued.plusSeconds(60), day, totals));
    }

    /** The {@code k}th change of the day: effective times increase through the day. */
    private void change(LocalDate day, int k) {
      int slot = 86_000 / perDay;
      Instant effective = at(day).plusSeconds(60 + (long) k * slot + random.nextInt(slot));
      boolean late = random.nextInt(500) == 0;
      Instant issued =
          effective.plusSeconds(
              late ? 6 * 86_400 + random.nextInt(4 * 86_400) : 3600 + random.nextInt(4 * 86_400));
      int roll = random.nextInt(100);
      DeclaredItem item = Objects.requireNonNull(items.get(ids.get(random.nextInt(ids.size()))));
      boolean missile = item.category().equals("icbm") || item.category().equals("slbm");
      if (roll < 5) {
        if (roll < 3 || item.status().equals("deployed")) {
          String category = roll % 2 == 0 ? "icbm-launcher" : "heavy-bomber";
          String newId = id + "-N-" + ++serial;
          String site = sites[random.nextInt(SITES)];
          Map<String, Long> attrs =
              category.equals("heavy-bomber") ? Map.of("nuclear-armaments", 1L) : Map.of();
          add(new DeclaredItem(newId, category, "non-deployed", site, "", attrs));
          out.add(
              new ChangeNotification(
                  TREATY,
                  id,
                  issued,
                  "new-item",
                  newId,
                  category,
                  effective,
                  "non-deployed",
                  site,
                  "",
                  attrs));
        } else {
          remove(item.id());
          out.add(
              new ChangeNotification(
                  TREATY,
                  id,
                  issued,
                  "eliminate",
                  item.id(),
                  item.category(),
                  effective,
                  "eliminated",
                  "",
                  "",
                  Map.of()));
        }
      } else if (roll < 20 && !item.status().equals("converted")) {
        boolean deploy = !item.status().equals("deployed");
        String status = deploy ? "deployed" : "non-deployed";
        put(item.withStatus(status));
        out.add(
            new ChangeNotification(
                TREATY,
                id,
                issued,
                deploy ? "deploy" : "non-deploy",
                item.id(),
                item.category(),
                effective,
                status,
                item.site(),
                "",
                Map.of()));
      } else if (roll < 45 && missile && item.status().equals("deployed")) {
        long cap = item.category().equals("icbm") ? 10 : 8;
        Map<String, Long> attrs = Map.of("warheads", 1 + (long) random.nextInt((int) cap));
        put(item.withAttributes(attrs));
        out.add(
            new ChangeNotification(
                TREATY,
                id,
                issued,
                "reload",
                item.id(),
                item.category(),
                effective,
                "",
                "",
                "",
                attrs));
      } else {
        String site = sites[random.nextInt(SITES)];
        put(item.at(site, item.zone()));
        out.add(
            new ChangeNotification(
                TREATY,
                id,
                issued,
                "move",
                item.id(),
                item.category(),
                effective,
                "",
                site,
                "",
                Map.of()));
      }
    }

    private void launch(LocalDate day) {
      Instant launchAt = at(day).plusSeconds(60 + random.nextInt(86_000));
      Instant issued = launchAt.minus(Duration.ofHours(25 + random.nextInt(48)));
      String category = random.nextBoolean() ? "icbm" : "slbm";
      out.add(
          new LaunchNotification(
              TREATY,
              id,
              issued,
              id + "-L-" + day,
              category,
              "",
              launchAt,
              id + "-launch-area-" + random.nextInt(4),
              id + "-impact-area-" + random.nextInt(2)));
    }

    private void add(DeclaredItem item) {
      items.put(item.id(), item);
      position.put(item.id(), ids.size());
      ids.add(item.id());
    }

    private void put(DeclaredItem item) {
      items.put(item.id(), item);
    }

    private void remove(String itemId) {
      items.remove(itemId);
      int at = Objects.requireNonNull(position.remove(itemId));
      String last = ids.remove(ids.size() - 1);
      if (!last.equals(itemId)) {
        ids.set(at, last);
        position.put(last, at);
      }
    }

    private static Instant at(LocalDate day) {
      return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
  }
}
