package org.countersign.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.countersign.treaty.escrow.EscrowChecks;
import org.countersign.treaty.escrow.EscrowFinding;
import org.countersign.treaty.escrow.RevealException;
import org.countersign.treaty.escrow.RevealVerifier;
import org.countersign.treaty.escrow.RevealedSet;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowReveal;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.RevealSelection;

/**
 * What {@code escrow verify} establishes about reveals of one commitment, offline: each part
 * against the committed root and its selection, the parts of each reveal together (only then does a
 * region or sample claim hold), and the opened items against the published totals.
 *
 * <p>Files are numbered in the order given (file 0, 1, ...) and stand in for log entries in the
 * totals check: the commitment is "entry 0" there, the reveals entries 1 onwards.
 */
final class RevealCheck {
  private final List<String> lines = new ArrayList<>();
  private boolean ok = true;

  private RevealCheck() {}

  static RevealCheck of(EscrowCommitment c, List<EscrowReveal> parts, List<Path> files) {
    var check = new RevealCheck();
    check.lines.add(
        "commitment "
            + c.root()
            + " by "
            + c.author()
            + " as of "
            + c.asOf()
            + ": "
            + c.itemCount()
            + " items");
    var groups = new LinkedHashMap<String, List<EscrowReveal>>();
    var logged = new ArrayList<LoggedStatement<EscrowReveal>>();
    for (int i = 0; i < parts.size(); i++) {
      EscrowReveal r = parts.get(i);
      try {
        RevealVerifier.verify(c, r);
        check.lines.add(
            "ok   "
                + files.get(i)
                + ": part "
                + r.part()
                + " of "
                + r.parts()
                + ", "
                + r.items().size()
                + " item(s) open the commitment and fit "
                + describe(r.selection()));
        groups.computeIfAbsent(r.selection() + "/" + r.parts(), k -> new ArrayList<>()).add(r);
      } catch (RevealException e) {
        check.fail(files.get(i) + ": " + e.getMessage());
      }
      logged.add(new LoggedStatement<>(i + 1, r));
    }
    for (List<EscrowReveal> group : groups.values()) {
      EscrowReveal first = group.get(0);
      var numbers = new TreeSet<Integer>();
      group.forEach(p -> numbers.add(p.part()));
      if (numbers.size() < first.parts()) {
        check.lines.add(
            "note "
                + describe(first.selection())
                + ": parts "
                + numbers
                + " of "
                + first.parts()
                + " given; its claim holds only once every part is checked");
        continue;
      }
      try {
        RevealVerifier.verifyWhole(c, group);
        if (first.selection().kind().claimsRegion()
            || first.selection().kind()
                == org.countersign.treaty.statement.RevealSelectionKind.SAMPLE) {
          check.lines.add(
              "ok   "
                  + describe(first.selection())
                  + ": all "
                  + first.parts()
                  + " part(s) together open exactly what it claims");
        }
      } catch (RevealException e) {
        check.fail(describe(first.selection()) + ": " + e.getMessage());
      }
    }
    for (EscrowFinding f :
        EscrowChecks.totals(RevealedSet.of(new LoggedStatement<>(0, c), logged))) {
      if (f.kind() == EscrowFinding.Kind.TOTALS_CONTRADICTED
          || f.kind() == EscrowFinding.Kind.DUPLICATE_ITEM) {
        check.fail(f.detail() + " (entries are file numbers: 0 the commitment, 1.. the reveals)");
      }
    }
    check.lines.add(
        check.ok
            ? "verified: every reveal opens the commitment and agrees with its totals"
            : "NOT VERIFIED");
    return check;
  }

  private void fail(String line) {
    ok = false;
    lines.add("FAIL " + line);
  }

  private static String describe(RevealSelection s) {
    String kind = s.kind().name().toLowerCase(Locale.ROOT);
    return switch (s.kind()) {
      case SAMPLE -> "the sample of " + s.sampleSize() + " leaves drawn from seed " + s.value();
      case CHOSEN -> "a choice of items";
      default -> "every item of " + kind + " " + s.value();
    };
  }

  boolean ok() {
    return ok;
  }

  String text() {
    return String.join("\n", lines) + "\n";
  }

  /** The lines, for tests. */
  List<String> lines() {
    return List.copyOf(lines);
  }
}
