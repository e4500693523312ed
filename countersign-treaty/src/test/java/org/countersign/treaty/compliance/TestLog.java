package org.countersign.treaty.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.jspecify.annotations.Nullable;

/** Builds logs of statements for the test treaty, with readable helpers. */
final class TestLog {
  static final String TREATY = "test-treaty";
  final List<LoggedStatement<?>> entries = new ArrayList<>();

  static Instant t(String iso) {
    return Instant.parse(iso);
  }

  static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  static DeclaredItem missile(String id, String status, long warheads) {
    return new DeclaredItem(id, "missile", status, "site-1", "", Map.of("warheads", warheads));
  }

  static DeclaredItem launcher(String id, String status) {
    return new DeclaredItem(id, "launcher", status, "site-1", "", Map.of());
  }

  static DeclaredItem bomber(String id, String status, @Nullable Long nuclear) {
    return new DeclaredItem(
        id,
        "bomber",
        status,
        "air-1",
        "",
        nuclear == null ? Map.of() : Map.of("nuclear-armaments", nuclear));
  }

  static DeclaredItem interceptor(String id, String status, String zone) {
    return new DeclaredItem(id, "interceptor", status, "site-9", zone, Map.of());
  }

  /** Appends a statement at the next index; returns that index. */
  long add(Statement s) {
    long index = entries.size();
    entries.add(new LoggedStatement<>(index, s));
    return index;
  }

  long adopt(String party, Treaty treaty, String when) {
    return add(new TreatyAdoption(TREATY, party, t(when), treaty.digest()));
  }

  long declare(String party, String asOf, String issued, DeclaredItem... items) {
    return add(new Declaration(TREATY, party, t(issued), d(asOf), 1, 1, List.of(items)));
  }

  long change(
      String party,
      String kind,
      String item,
      String category,
      String effective,
      String issued,
      String status,
      String site,
      Map<String, Long> attributes) {
    return add(
        new ChangeNotification(
            TREATY,
            party,
            t(issued),
            kind,
            item,
            category,
            t(effective),
            status,
            site,
            "",
            attributes));
  }

  long exchange(String party, String asOf, String issued, Map<String, Long> totals) {
    return add(new DataExchangeUpdate(TREATY, party, t(issued), d(asOf), totals));
  }

  long launch(String party, String id, String launchAt, String issued) {
    return add(
        new LaunchNotification(
            TREATY, party, t(issued), id, "missile", "", t(launchAt), "area-1", "area-2"));
  }

  long dispute(
      String by,
      String against,
      List<String> items,
      String declared,
      String reading,
      Map<String, Long> attributes,
      String issued) {
    return add(
        new Dispute(
            TREATY, by, t(issued), against, items, declared, reading, attributes, "test dispute"));
  }

  long suspend(String party, String effective, String issued) {
    return add(new Suspension(TREATY, party, t(issued), d(effective), "test suspension"));
  }

  long withdraw(String party, String issued) {
    return add(new Withdrawal(TREATY, party, t(issued), "test withdrawal"));
  }

  ComplianceEngine replay(Treaty treaty) {
    return ComplianceEngine.replay(treaty, entries);
  }
}
