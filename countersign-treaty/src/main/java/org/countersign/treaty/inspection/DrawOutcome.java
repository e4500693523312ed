package org.countersign.treaty.inspection;

import java.util.List;
import org.countersign.log.Hash;

/** Where a joint draw stands at a given time. Every outcome lists the sides that delayed. */
public sealed interface DrawOutcome {

  /** The sides that missed a deadline, in role order (inspecting, then inspected). */
  List<Delay> delays();

  /** Deadlines not yet passed and not both values revealed: nothing is decided yet. */
  record Pending(List<Delay> delays) implements DrawOutcome {
    public Pending {
      delays = List.copyOf(delays);
    }
  }

  /**
   * The draw is decided: {@code positions} (in draw order; the first is the designated object) were
   * drawn from {@code seed}, which anyone recomputes from the public statements.
   */
  record Drawn(Hash seed, List<Long> positions, List<Delay> delays) implements DrawOutcome {
    public Drawn {
      positions = List.copyOf(positions);
      delays = List.copyOf(delays);
    }
  }

  /** The inspected party delayed under {@link ForfeitRule#INSPECTING_PARTY_CHOOSES}. */
  record InspectingPartyChooses(List<Delay> delays) implements DrawOutcome {
    public InspectingPartyChooses {
      delays = List.copyOf(delays);
    }
  }

  /** The inspecting party delayed under {@link ForfeitRule#INSPECTING_PARTY_CHOOSES}. */
  record Lapsed(List<Delay> delays) implements DrawOutcome {
    public Lapsed {
      delays = List.copyOf(delays);
    }
  }
}
