package org.countersign.treaty.statement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Sample statements of every treaty and registry kind, for codec tests. */
final class Statements {
  static final Instant T = Instant.parse("2023-03-29T12:00:00Z");
  static final String VKEY = "US.example+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";

  private Statements() {}

  static DeclaredItem item(String id, String status, long warheads) {
    return new DeclaredItem(id, "icbm", status, "base-1", "", Map.of("warheads", warheads));
  }

  static List<Statement> samples() {
    return List.of(
        new PartyKeyRegistration("new-start", "US", T, VKEY),
        new KeyRotation(
            "new-start",
            "US",
            T,
            VKEY,
            "US.example+0102abcd+AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="),
        new TreatyAdoption("new-start", "RU", T, "ab".repeat(32)),
        new Declaration(
            "new-start",
            "US",
            T,
            LocalDate.parse("2023-03-01"),
            1,
            2,
            List.of(item("MM3-0001", "deployed", 1), item("MM3-0002", "non-deployed", 0))),
        new ChangeNotification(
            "new-start",
            "US",
            T,
            "deploy",
            "MM3-0002",
            "icbm",
            Instant.parse("2023-03-27T08:30:00Z"),
            "deployed",
            "",
            "",
            Map.of("warheads", 1L)),
        new LaunchNotification(
            "new-start",
            "RU",
            T,
            "RU-2023-04",
            "icbm",
            "",
            Instant.parse("2023-04-02T06:00:00Z"),
            "Plesetsk",
            "Kura test range"),
        new DataExchangeUpdate(
            "new-start",
            "US",
            T,
            LocalDate.parse("2023-03-01"),
            Map.of("deployed-warheads", 1419L, "deployed-delivery-vehicles", 662L)),
        new Dispute(
            "new-start",
            "RU",
            T,
            "US",
            List.of("B52H-0001", "B52H-0002"),
            "converted",
            "deployed",
            Map.of(),
            "conversion procedures do not exclude reconversion"),
        new Suspension(
            "new-start",
            "RU",
            Instant.parse("2023-02-21T12:00:00Z"),
            LocalDate.parse("2023-02-21"),
            "suspension of participation"),
        new Withdrawal("new-start", "RU", T, "extraordinary events"));
  }
}
