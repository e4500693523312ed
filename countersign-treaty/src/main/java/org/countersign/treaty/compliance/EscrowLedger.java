package org.countersign.treaty.compliance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.countersign.treaty.json.CanonicalJson;
import org.countersign.treaty.statement.EscrowTotal;

/**
 * Every escrow commitment a log holds at an instant, one by one, with the reveals logged against
 * each: what the compliance report folds into totals and findings, listed so that a reader can see
 * each commitment's root, its published totals and which of its items were opened, by which
 * entries. Only statements issued by {@code at} count, as in the report of that instant.
 *
 * @param at the instant
 * @param entries how many log entries the engine had applied
 * @param commitments every commitment issued by {@code at}, by party (in party id order), then in
 *     log order
 */
public record EscrowLedger(Instant at, long entries, List<Commitment> commitments) {
  /** The JSON format name, in every ledger's {@code format} member. */
  public static final String FORMAT = "countersign-escrow-ledger/v1";

  public EscrowLedger {
    commitments = List.copyOf(commitments);
  }

  /**
   * One commitment.
   *
   * @param party its author
   * @param index its log index
   * @param issuedAt when it was issued
   * @param asOf the day the committed inventory describes
   * @param root the Merkle root of the committed items
   * @param itemCount how many items it commits
   * @param totals the totals it publishes (category, status, items, attribute sums)
   * @param previousRoot the root of the author's commitment it succeeds, or {@code ""}
   * @param reveals the reveals logged against it by {@code at}, in log order
   * @param openedItems how many distinct items verified reveals have opened
   */
  public record Commitment(
      String party,
      long index,
      Instant issuedAt,
      LocalDate asOf,
      String root,
      long itemCount,
      List<EscrowTotal> totals,
      String previousRoot,
      List<Reveal> reveals,
      long openedItems) {
    public Commitment {
      totals = List.copyOf(totals);
      reveals = List.copyOf(reveals);
    }
  }

  /**
   * One reveal part.
   *
   * @param index its log index
   * @param issuedAt when it was issued
   * @param selection how its items were chosen: {@code site}, {@code zone}, {@code category},
   *     {@code sample} or {@code chosen}
   * @param value the site, zone or category (or the sample's seed); {@code ""} for chosen items
   * @param part its part number, from 1
   * @param parts how many parts the reveal has
   * @param items how many items it opens
   */
  public record Reveal(
      long index,
      Instant issuedAt,
      String selection,
      String value,
      int part,
      int parts,
      int items) {}

  /** The commitments of {@code party} only, in log order. */
  public EscrowLedger of(String party) {
    return new EscrowLedger(
        at, entries, commitments.stream().filter(c -> c.party().equals(party)).toList());
  }

  /** The ledger as a JSON tree. */
  public ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("format", FORMAT);
    root.put("at", at.toString());
    root.put("entries", entries);
    ArrayNode list = root.putArray("commitments");
    for (Commitment c : commitments) {
      ObjectNode o = list.addObject();
      o.put("party", c.party());
      o.put("index", c.index());
      o.put("issuedAt", c.issuedAt().toString());
      o.put("asOf", c.asOf().toString());
      o.put("root", c.root());
      o.put("itemCount", c.itemCount());
      o.put("previousRoot", c.previousRoot());
      o.put("openedItems", c.openedItems());
      ArrayNode totals = o.putArray("totals");
      for (EscrowTotal t : c.totals()) {
        ObjectNode n = totals.addObject();
        n.put("category", t.category());
        n.put("status", t.status());
        n.put("items", t.items());
        ObjectNode sums = n.putObject("attributeSums");
        for (Map.Entry<String, Long> s : t.attributeSums().entrySet()) {
          sums.put(s.getKey(), s.getValue());
        }
      }
      ArrayNode reveals = o.putArray("reveals");
      for (Reveal r : c.reveals()) {
        ObjectNode n = reveals.addObject();
        n.put("index", r.index());
        n.put("issuedAt", r.issuedAt().toString());
        n.put("selection", r.selection());
        n.put("value", r.value());
        n.put("part", r.part());
        n.put("parts", r.parts());
        n.put("items", r.items());
      }
    }
    return root;
  }

  /** RFC 8785 canonical JSON, one line, no trailing line feed. */
  public String canonicalJson() {
    return CanonicalJson.canonicalize(toJson());
  }

  static String selectionName(Enum<?> kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
