package org.countersign.treaty.escrow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.countersign.treaty.escrow.EscrowFinding.Kind;
import org.countersign.treaty.escrow.RevealedSet.Opened;
import org.countersign.treaty.escrow.RevealedSet.Region;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowTotal;
import org.countersign.treaty.statement.InspectionFinding;
import org.countersign.treaty.statement.InspectionReport;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.RevealSelectionKind;

/**
 * The consistency checks between an escrowed declaration, its reveals, inspection findings and
 * change notifications: pure functions from logged statements to {@link EscrowFinding}s, which the
 * compliance engine reports as discrepancies. Each finding cites the entries that prove it.
 *
 * <ul>
 *   <li>{@link #totals}: revealed items cannot outnumber the published count of their group, nor
 *       exceed its attribute sums; a category revealed completely must match its totals exactly.
 *   <li>{@link #inspections}: an item found in a fully revealed region but not revealed proves the
 *       declaration incomplete; a finding about a revealed item must agree with it.
 *   <li>{@link #successive}: between two linked declarations, every difference in the revealed
 *       items and in the item count must be explained by a notified change.
 * </ul>
 *
 * <p>Notified changes excuse differences: an item found at a revealed site after a notified move
 * there is not a discrepancy. The caller passes the notifications that lie between the statements
 * compared (e.g. between the declaration's date and the inspection).
 */
public final class EscrowChecks {
  private EscrowChecks() {}

  /**
   * Checks the revealed items against the published totals (plus the findings met while folding the
   * reveals).
   */
  public static List<EscrowFinding> totals(RevealedSet revealed) {
    var out = new ArrayList<>(revealed.findings());
    EscrowCommitment c = revealed.commitment().statement();
    long commitmentEntry = revealed.commitment().index();
    var groups = new TreeMap<String, Group>();
    for (Opened o : revealed.opened().values()) {
      groups
          .computeIfAbsent(o.item().category() + '\0' + o.item().status(), k -> new Group())
          .add(o);
    }
    for (var e : groups.entrySet()) {
      String[] cs = e.getKey().split("\0", 2);
      Group g = e.getValue();
      Optional<EscrowTotal> total = c.total(cs[0], cs[1]);
      long declared = total.map(EscrowTotal::items).orElse(0L);
      if (g.count > declared) {
        out.add(
            new EscrowFinding(
                Kind.TOTALS_CONTRADICTED,
                c.author(),
                "",
                g.count
                    + " revealed items are "
                    + cs[0]
                    + "/"
                    + cs[1]
                    + " but the commitment of entry "
                    + commitmentEntry
                    + " declares "
                    + declared,
                g.evidence(commitmentEntry)));
        continue;
      }
      var declaredSums = total.map(EscrowTotal::attributeSums).orElse(Map.of());
      for (var s : g.sums.entrySet()) {
        long limit = declaredSums.getOrDefault(s.getKey(), 0L);
        if (s.getValue() > limit) {
          out.add(
              new EscrowFinding(
                  Kind.TOTALS_CONTRADICTED,
                  c.author(),
                  "",
                  "revealed "
                      + cs[0]
                      + "/"
                      + cs[1]
                      + " items carry "
                      + s.getValue()
                      + " "
                      + s.getKey()
                      + " but the commitment of entry "
                      + commitmentEntry
                      + " declares "
                      + limit
                      + " in total",
                  g.evidence(commitmentEntry)));
        }
      }
    }
    for (Region region : revealed.regions()) {
      if (region.kind() == RevealSelectionKind.CATEGORY) {
        out.addAll(completeCategory(c, commitmentEntry, region, groups));
      }
    }
    return out;
  }

  /** A category revealed completely must reproduce every published total of that category. */
  private static List<EscrowFinding> completeCategory(
      EscrowCommitment c, long commitmentEntry, Region region, Map<String, Group> groups) {
    var out = new ArrayList<EscrowFinding>();
    for (EscrowTotal t : c.totals()) {
      if (!t.category().equals(region.value())) {
        continue;
      }
      Group g = groups.getOrDefault(t.category() + '\0' + t.status(), new Group());
      List<Long> evidence = new ArrayList<>(g.evidence(commitmentEntry));
      evidence.addAll(region.entries());
      if (g.count != t.items()) {
        out.add(
            new EscrowFinding(
                Kind.TOTALS_CONTRADICTED,
                c.author(),
                "",
                "entry "
                    + region.revealEntry()
                    + " reveals every "
                    + t.category()
                    + " item, "
                    + g.count
                    + " of them "
                    + t.status()
                    + ", but the commitment of entry "
                    + commitmentEntry
                    + " declares "
                    + t.items(),
                evidence));
      } else if (!g.sums.equals(t.attributeSums())) {
        out.add(
            new EscrowFinding(
                Kind.TOTALS_CONTRADICTED,
                c.author(),
                "",
                "entry "
                    + region.revealEntry()
                    + " reveals every "
                    + t.category()
                    + " item; the "
                    + t.status()
                    + " ones carry "
                    + g.sums
                    + " but the commitment of entry "
                    + commitmentEntry
                    + " declares "
                    + t.attributeSums(),
                evidence));
      }
    }
    return out;
  }

  /**
   * Checks inspection reports about the declaring party against what its reveals established.
   *
   * @param revealed the declaration in force at the inspections, with its reveals
   * @param reports inspection reports (those about other parties are ignored)
   * @param explanations changes notified between the declaration and the reports
   */
  public static List<EscrowFinding> inspections(
      RevealedSet revealed,
      List<LoggedStatement<InspectionReport>> reports,
      List<ChangeExplanation> explanations) {
    var out = new ArrayList<EscrowFinding>();
    EscrowCommitment c = revealed.commitment().statement();
    long commitmentEntry = revealed.commitment().index();
    for (LoggedStatement<InspectionReport> logged : reports) {
      InspectionReport report = logged.statement();
      if (!report.inspectedParty().equals(c.author()) || !report.treaty().equals(c.treaty())) {
        continue;
      }
      for (InspectionFinding f : report.findings()) {
        Optional<Opened> opened = revealed.opened(f.itemId());
        if (opened.isEmpty()) {
          unrevealed(revealed, logged, f, explanations).ifPresent(out::add);
        } else {
          out.addAll(compare(c.author(), commitmentEntry, opened.get(), logged, f, explanations));
        }
      }
    }
    return out;
  }

  /** An item found but never revealed: incomplete if it lies in a region claimed complete. */
  private static Optional<EscrowFinding> unrevealed(
      RevealedSet revealed,
      LoggedStatement<InspectionReport> logged,
      InspectionFinding f,
      List<ChangeExplanation> explanations) {
    InspectionReport report = logged.statement();
    Optional<Region> region =
        revealed
            .region(RevealSelectionKind.SITE, report.site())
            .or(() -> revealed.region(RevealSelectionKind.ZONE, report.zone()))
            .or(() -> revealed.region(RevealSelectionKind.CATEGORY, f.category()));
    if (region.isEmpty()) {
      return Optional.empty();
    }
    List<ChangeExplanation> excuses =
        explaining(
            explanations, f.itemId(), ItemChange.NEW_ITEM, ItemChange.MOVED, ItemChange.CONVERTED);
    if (!excuses.isEmpty()) {
      return Optional.empty();
    }
    Region g = region.get();
    String where =
        switch (g.kind()) {
          case SITE -> "site " + g.value();
          case ZONE -> "zone " + g.value();
          default -> "category " + g.value();
        };
    EscrowCommitment c = revealed.commitment().statement();
    return Optional.of(
        new EscrowFinding(
            Kind.INCOMPLETE_DECLARATION,
            c.author(),
            f.itemId(),
            "item "
                + f.itemId()
                + " was found by the inspection of entry "
                + logged.index()
                + " at site "
                + report.site()
                + ", but the reveal of entry "
                + g.revealEntry()
                + " opened every item of "
                + where
                + " committed in entry "
                + revealed.commitment().index()
                + " without it, and no change notification explains it: the declaration was incomplete",
            concat(List.of(revealed.commitment().index(), logged.index()), g.entries())));
  }

  /**
   * A finding about a revealed item must agree with the revealed fields, unless a change explains
   * it.
   */
  private static List<EscrowFinding> compare(
      String party,
      long commitmentEntry,
      Opened opened,
      LoggedStatement<InspectionReport> logged,
      InspectionFinding f,
      List<ChangeExplanation> explanations) {
    var out = new ArrayList<EscrowFinding>();
    EscrowItem item = opened.item();
    InspectionReport report = logged.statement();
    List<Long> evidence = List.of(commitmentEntry, opened.revealEntry(), logged.index());
    String prefix = "item " + item.id() + ", revealed in entry " + opened.revealEntry() + ", ";
    String suffix =
        " by the inspection of entry "
            + logged.index()
            + ", and no change notification explains it";
    if (!item.site().equals(report.site())
        && explaining(explanations, item.id(), ItemChange.MOVED).isEmpty()) {
      out.add(
          mismatch(
              party,
              item,
              prefix
                  + "is declared at site "
                  + item.site()
                  + " but was found at site "
                  + report.site()
                  + suffix,
              evidence));
    }
    if (!f.category().isEmpty()
        && !f.category().equals(item.category())
        && explaining(explanations, item.id(), ItemChange.CONVERTED).isEmpty()) {
      out.add(
          mismatch(
              party,
              item,
              prefix
                  + "is declared "
                  + item.category()
                  + " but was found to be "
                  + f.category()
                  + suffix,
              evidence));
    }
    if (!f.status().isEmpty()
        && !f.status().equals(item.status())
        && explaining(explanations, item.id(), ItemChange.STATUS_CHANGED).isEmpty()) {
      out.add(
          mismatch(
              party,
              item,
              prefix + "is declared " + item.status() + " but was found " + f.status() + suffix,
              evidence));
    }
    if (explaining(explanations, item.id(), ItemChange.RELOADED).isEmpty()) {
      for (var e : f.observed().entrySet()) {
        long declared = item.attribute(e.getKey());
        if (declared != e.getValue()) {
          out.add(
              mismatch(
                  party,
                  item,
                  prefix
                      + "is declared with "
                      + (declared < 0 ? "no " + e.getKey() : declared + " " + e.getKey())
                      + " but "
                      + e.getValue()
                      + " were counted"
                      + suffix,
                  evidence));
        }
      }
    }
    return out;
  }

  private static EscrowFinding mismatch(
      String party, EscrowItem item, String detail, List<Long> evidence) {
    return new EscrowFinding(Kind.FINDING_MISMATCH, party, item.id(), detail, evidence);
  }

  /**
   * Checks that {@code newer} links to {@code older} and that every difference between their
   * revealed items is explained by {@code between}, the changes notified between the two.
   */
  public static List<EscrowFinding> successive(
      RevealedSet older, RevealedSet newer, List<ChangeExplanation> between) {
    var out = new ArrayList<EscrowFinding>();
    EscrowCommitment a = older.commitment().statement();
    EscrowCommitment b = newer.commitment().statement();
    long ea = older.commitment().index();
    long eb = newer.commitment().index();
    String party = b.author();
    if (!b.previousRoot().equals(a.root())) {
      out.add(
          new EscrowFinding(
              Kind.UNLINKED_DECLARATION,
              party,
              "",
              "the declaration of entry "
                  + eb
                  + " names previous root \""
                  + b.previousRoot()
                  + "\", not the root "
                  + a.root()
                  + " of the declaration of entry "
                  + ea,
              List.of(ea, eb)));
    }
    // Items opened in both declarations: each changed field needs its notification.
    for (Opened was : older.opened().values()) {
      Optional<Opened> now = newer.opened(was.item().id());
      if (now.isPresent()) {
        out.addAll(changed(party, ea, eb, was, now.get(), between));
      }
    }
    // Regions opened completely in both: departures and arrivals need their notifications.
    for (Region ra : older.regions()) {
      Optional<Region> rb = newer.region(ra.kind(), ra.value());
      if (rb.isEmpty()) {
        continue;
      }
      for (Opened was : older.opened().values()) {
        EscrowItem item = was.item();
        if (inRegion(ra, item)
            && newer.opened(item.id()).isEmpty()
            && explaining(
                    between,
                    item.id(),
                    ItemChange.ELIMINATED,
                    ItemChange.MOVED,
                    ItemChange.CONVERTED)
                .isEmpty()) {
          out.add(
              new EscrowFinding(
                  Kind.UNEXPLAINED_CHANGE,
                  party,
                  item.id(),
                  "item "
                      + item.id()
                      + " is in "
                      + describe(ra)
                      + " as revealed in entry "
                      + ra.revealEntry()
                      + " but absent from its complete reveal in entry "
                      + rb.get().revealEntry()
                      + ", and no elimination or move was notified",
                  concat(List.of(ea, was.revealEntry(), eb), rb.get().entries())));
        }
      }
      for (Opened is : newer.opened().values()) {
        EscrowItem item = is.item();
        if (inRegion(ra, item)
            && older.opened(item.id()).isEmpty()
            && explaining(
                    between, item.id(), ItemChange.NEW_ITEM, ItemChange.MOVED, ItemChange.CONVERTED)
                .isEmpty()) {
          out.add(
              new EscrowFinding(
                  Kind.UNEXPLAINED_CHANGE,
                  party,
                  item.id(),
                  "item "
                      + item.id()
                      + " appears in "
                      + describe(ra)
                      + " in entry "
                      + is.revealEntry()
                      + " but was not in its complete reveal in entry "
                      + ra.revealEntry()
                      + ", and no new item or move was notified",
                  concat(List.of(ea, eb, is.revealEntry()), ra.entries())));
        }
      }
    }
    // The item count moves only by notified arrivals and eliminations.
    long added = between.stream().filter(x -> x.kind() == ItemChange.NEW_ITEM).count();
    long removed = between.stream().filter(x -> x.kind() == ItemChange.ELIMINATED).count();
    if (b.itemCount() - a.itemCount() != added - removed) {
      var evidence = new ArrayList<>(List.of(ea, eb));
      between.stream()
          .filter(x -> x.kind() == ItemChange.NEW_ITEM || x.kind() == ItemChange.ELIMINATED)
          .forEach(x -> evidence.add(x.entry()));
      out.add(
          new EscrowFinding(
              Kind.UNEXPLAINED_CHANGE,
              party,
              "",
              "the item count went from "
                  + a.itemCount()
                  + " (entry "
                  + ea
                  + ") to "
                  + b.itemCount()
                  + " (entry "
                  + eb
                  + "), a change of "
                  + (b.itemCount() - a.itemCount())
                  + ", but the notifications"
                  + " between them add "
                  + added
                  + " and eliminate "
                  + removed,
              evidence));
    }
    return out;
  }

  private static List<EscrowFinding> changed(
      String party, long ea, long eb, Opened was, Opened now, List<ChangeExplanation> between) {
    var out = new ArrayList<EscrowFinding>();
    EscrowItem x = was.item();
    EscrowItem y = now.item();
    List<Long> evidence = List.of(ea, was.revealEntry(), eb, now.revealEntry());
    record Diff(boolean differs, ItemChange needs, String what) {}
    var diffs =
        List.of(
            new Diff(
                !x.site().equals(y.site()) || !x.zone().equals(y.zone()),
                ItemChange.MOVED,
                "moved from " + x.site() + " to " + y.site()),
            new Diff(
                !x.status().equals(y.status()),
                ItemChange.STATUS_CHANGED,
                "changed status from " + x.status() + " to " + y.status()),
            new Diff(
                !x.category().equals(y.category()),
                ItemChange.CONVERTED,
                "changed category from " + x.category() + " to " + y.category()),
            new Diff(
                !x.attributes().equals(y.attributes()),
                ItemChange.RELOADED,
                "changed attributes from " + x.attributes() + " to " + y.attributes()));
    for (Diff d : diffs) {
      if (d.differs() && explaining(between, x.id(), d.needs()).isEmpty()) {
        out.add(
            new EscrowFinding(
                Kind.UNEXPLAINED_CHANGE,
                party,
                x.id(),
                "item "
                    + x.id()
                    + " "
                    + d.what()
                    + " between the reveals of entries "
                    + was.revealEntry()
                    + " and "
                    + now.revealEntry()
                    + " without a notification of kind "
                    + d.needs(),
                evidence));
      }
    }
    return out;
  }

  private static List<Long> concat(List<Long> a, List<Long> b) {
    var out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static boolean inRegion(Region r, EscrowItem item) {
    return switch (r.kind()) {
      case SITE -> item.site().equals(r.value());
      case ZONE -> item.zone().equals(r.value());
      case CATEGORY -> item.category().equals(r.value());
      case SAMPLE, CHOSEN -> false;
    };
  }

  private static String describe(Region r) {
    return r.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + r.value();
  }

  private static List<ChangeExplanation> explaining(
      List<ChangeExplanation> all, String itemId, ItemChange... kinds) {
    Set<ItemChange> wanted = new HashSet<>(List.of(kinds));
    return all.stream()
        .filter(x -> x.itemId().equals(itemId) && wanted.contains(x.kind()))
        .toList();
  }

  /** Revealed items of one (category, status) group. */
  private static final class Group {
    long count;
    final Map<String, Long> sums = new TreeMap<>();
    final List<Long> entries = new ArrayList<>();

    void add(Opened o) {
      count++;
      o.item().attributes().forEach((k, v) -> sums.merge(k, v, Math::addExact));
      entries.add(o.revealEntry());
    }

    List<Long> evidence(long commitmentEntry) {
      var out = new ArrayList<Long>();
      out.add(commitmentEntry);
      out.addAll(entries);
      return out;
    }
  }
}
