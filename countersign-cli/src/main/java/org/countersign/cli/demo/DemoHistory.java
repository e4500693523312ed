package org.countersign.cli.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.countersign.treaty.escrow.EscrowDeclaration;
import org.countersign.treaty.escrow.EscrowItem;
import org.countersign.treaty.history.DemoInventory;
import org.countersign.treaty.history.NewStartHistory;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.Declaration;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.LaunchNotification;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.RevealSelection;
import org.countersign.treaty.statement.Statement;

/**
 * The demo's statements, in the order they are logged (key registrations excepted: the filler sends
 * those first).
 *
 * <ol>
 *   <li>New START's recorded history ({@link DemoInventory#newStartLog}): both parties' adoption of
 *       the treaty, every published aggregate data exchange from 2011 to 2023, item-level
 *       declarations (in parts) reproducing each exchange's figures, the change notifications that
 *       explain each declaration's differences from the last, and Russia's suspension of 21
 *       February 2023;
 *   <li>a declaration under escrow: the United States commits to its inventory as of 1 March 2023
 *       (only the root and totals are published), then opens the items of one site;
 *   <li>two advance launch notifications, for launches two and three days ahead.
 * </ol>
 *
 * <p>The statements carry their historical issue times, which the filler keeps (see the package
 * comment). The escrow's private part is returned so that the party can keep it.
 */
public final class DemoHistory {
  /** Seed of the invented inventories: the same seed, the same items and notifications. */
  public static final long SEED = 20100408L;

  /** The statements, and the escrowed declaration whose commitment and reveal they contain. */
  public record Script(List<Statement> statements, EscrowDeclaration escrow, LocalDate escrowAsOf) {
    public Script {
      statements = List.copyOf(statements);
    }
  }

  private DemoHistory() {}

  /**
   * Builds the script.
   *
   * @param time the time the demo runs: launch notices announce launches after it
   * @param salts the source of the escrow salts (a {@link java.security.SecureRandom})
   */
  public static Script build(Treaty treaty, Instant time, RandomGenerator salts) {
    Instant now = time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    List<Statement> out = new ArrayList<>();
    for (LoggedStatement<?> s : DemoInventory.newStartLog(treaty, NewStartHistory.load(), SEED)) {
      out.add(s.statement());
    }

    // The United States' last inventory, committed under escrow, and the items of one site opened.
    LocalDate asOf =
        out.stream()
            .filter(s -> s instanceof Declaration d && d.author().equals("US"))
            .map(s -> ((Declaration) s).asOf())
            .max(Comparator.naturalOrder())
            .orElseThrow(() -> new IllegalStateException("the history has no US declaration"));
    List<EscrowItem> items = new ArrayList<>();
    for (Statement s : out) {
      if (s instanceof Declaration d && d.author().equals("US") && d.asOf().equals(asOf)) {
        for (DeclaredItem i : d.items()) {
          items.add(
              new EscrowItem(
                  i.id(), i.category(), i.status(), i.site(), i.zone(), i.attributes(), i.type()));
        }
      }
    }
    EscrowDeclaration escrow = EscrowDeclaration.commit(items, salts);
    out.add(escrow.commitment(treaty.id(), "US", now, asOf, ""));
    out.addAll(escrow.reveal(treaty.id(), "US", now, RevealSelection.site(smallestSite(items))));

    // Launches announced ahead, as the parties do under the 1988 agreement even after 2023.
    String icbm =
        items.stream()
            .filter(i -> i.category().equals("icbm") && i.status().equals("deployed"))
            .map(EscrowItem::id)
            .findFirst()
            .orElse("");
    out.add(
        new LaunchNotification(
            treaty.id(),
            "US",
            now,
            "US-DEMO-GT-1",
            "icbm",
            icbm,
            now.plus(Duration.ofDays(2)),
            "Vandenberg Space Force Base, California",
            "Kwajalein Atoll, Marshall Islands"));
    out.add(
        new LaunchNotification(
            treaty.id(),
            "RU",
            now,
            "RU-DEMO-1",
            "icbm",
            "",
            now.plus(Duration.ofDays(3)),
            "Plesetsk Cosmodrome",
            "Kura test range, Kamchatka"));
    return new Script(out, escrow, asOf);
  }

  /**
   * The site holding the fewest items (ties: the first by name), so that the reveal stays short.
   */
  private static String smallestSite(List<EscrowItem> items) {
    Map<String, Integer> counts = new TreeMap<>();
    items.forEach(i -> counts.merge(i.site(), 1, Integer::sum));
    return counts.entrySet().stream()
        .min(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElseThrow(() -> new IllegalStateException("no items"));
  }
}
