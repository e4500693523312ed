package org.countersign.treaty.negotiation;

import java.util.Map;
import java.util.TreeMap;

/**
 * A column another analysis adds to the "what each gives" table, one cell per party: for example
 * the first-strike stability index before and after the proposal, joined in by the CLI or the
 * server where that analysis is available (this package never depends on it).
 *
 * @param title the column heading
 * @param cells the cell text per party id; a party without a cell shows "n/a"
 */
public record ExtraColumn(String title, Map<String, String> cells) {
  public ExtraColumn {
    cells = java.util.Collections.unmodifiableMap(new TreeMap<>(cells));
  }
}
