package org.countersign.treaty.escrow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/** Seeded random declarations for the escrow tests. */
final class EscrowFixtures {
  static final String TREATY = "new-start";
  static final String PARTY = "russia";
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  static final LocalDate AS_OF = LocalDate.parse("2026-03-01");

  static final List<String> CATEGORIES = List.of("icbm", "slbm", "heavy-bomber");
  static final List<String> STATUSES = List.of("deployed", "non-deployed");
  static final List<String> SITES =
      List.of("vypolzovo", "tatishchevo", "kozelsk", "yasny", "engels");
  static final List<String> ZONES = List.of("zone-west", "zone-east");

  private EscrowFixtures() {}

  static RandomGenerator rng(long seed) {
    return new SplittableRandom(seed);
  }

  /** {@code n} distinct items with random fields and loadings. */
  static List<EscrowItem> items(RandomGenerator r, int n) {
    var out = new ArrayList<EscrowItem>(n);
    for (int i = 0; i < n; i++) {
      String category = CATEGORIES.get(r.nextInt(CATEGORIES.size()));
      var attributes = new TreeMap<String, Long>();
      if (!category.equals("heavy-bomber")) {
        attributes.put("reentry-vehicles", (long) r.nextInt(5));
      } else {
        attributes.put("warheads", 1L);
      }
      int site = r.nextInt(SITES.size());
      out.add(
          new EscrowItem(
              "item-" + i,
              category,
              STATUSES.get(r.nextInt(STATUSES.size())),
              SITES.get(site),
              ZONES.get(site % ZONES.size()),
              attributes));
    }
    return out;
  }

  static EscrowItem item(
      String id,
      String category,
      String status,
      String site,
      String zone,
      Map<String, Long> attrs) {
    return new EscrowItem(id, category, status, site, zone, attrs);
  }

  static EscrowDeclaration declaration(long seed, int n) {
    RandomGenerator r = rng(seed);
    return EscrowDeclaration.commit(items(r, n), r);
  }
}
