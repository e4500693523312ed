package org.countersign.treaty.inspection;

import java.time.Duration;
import java.time.Instant;
import org.countersign.log.Hash;
import org.countersign.treaty.statement.InspectionCheckpoint;
import org.countersign.treaty.statement.InspectionRequest;

final class InspectionFixtures {
  static final String TREATY = "new-start";
  static final String US = "united-states";
  static final String RU = "russia";
  static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");
  static final InspectionCheckpoint CHECKPOINT =
      new InspectionCheckpoint(
          "log.countersign.example/new-start", 4242, Hash.sha256(new byte[] {42}).hex());

  private InspectionFixtures() {}

  static InspectionRequest request(String id, String type, int year) {
    return new InspectionRequest(
        TREATY,
        US,
        T0,
        id,
        type,
        year,
        RU,
        "kozelsk",
        CHECKPOINT,
        "",
        700,
        1,
        T0.plus(Duration.ofHours(2)),
        T0.plus(Duration.ofHours(4)));
  }
}
