package org.countersign.treaty.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A ceiling on a sum of counting rules, per party, e.g. "1,550 deployed warheads" (New START
 * Article II.1(b)).
 *
 * @param id kebab-case id (data exchanges publish totals under it)
 * @param name a human name
 * @param article the treaty reference, or {@code ""}
 * @param value the ceiling: a party complies while its total is at most this
 * @param bindsFrom the first day the ceiling binds (before it, totals are reported but an excess is
 *     lawful)
 * @param sum the counting rules whose values add up to the total
 * @param zone for a regional limit, the zone whose items count (items in zones within it count
 *     too); {@code ""} for a global limit
 * @param parties the parties the limit applies to; empty means every participant with role party
 */
public record Limit(
    String id,
    String name,
    String article,
    long value,
    LocalDate bindsFrom,
    List<String> sum,
    String zone,
    List<String> parties) {
  public Limit {
    Checks.name("limit id", id);
    Checks.text("limit name", name);
    Checks.present("article", article);
    if (value < 0) {
      throw new IllegalArgumentException("limit " + id + " value must be >= 0, got " + value);
    }
    Checks.present("bindsFrom", bindsFrom);
    sum = Checks.list("sum", sum);
    if (sum.isEmpty()) {
      throw new IllegalArgumentException("limit " + id + " sums no counting rule");
    }
    Checks.present("zone", zone);
    parties = Checks.list("parties", parties);
  }

  /** Whether the limit applies to {@code party} (given that it is a party). */
  public boolean appliesTo(String party) {
    return parties.isEmpty() || parties.contains(party);
  }

  /** Whether this is a regional limit. */
  public boolean isRegional() {
    return !zone.isEmpty();
  }
}
