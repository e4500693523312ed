package org.countersign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.countersign.log.MalformedInputException;
import org.countersign.log.Utf8;
import org.countersign.treaty.escrow.EscrowItem;
import org.countersign.treaty.json.CanonicalJson;

/**
 * A party's item list for an escrowed declaration, as JSON or CSV; parsed strictly, every problem
 * named with the item's position.
 *
 * <p>JSON: an array of items, or an object {@code {"items": [...]}}; each item is {@code {"id",
 * "category", "status", "site", "zone" (optional), "attributes" (optional: name to integer), "type"
 * (optional: the type within the category)}}, and no other member. CSV: a header line that starts
 * {@code id,category,status,site,zone}, optionally followed by a {@code type} column; every further
 * column is a numeric attribute named by its header, an empty cell meaning the item does not carry
 * it. Fields are the escrow's ASCII identifiers and names, so CSV needs no quoting; a quote
 * character is refused rather than interpreted.
 */
final class EscrowItemsFile {
  /** Cap on an item file: a million items take about 100 MB as JSON. */
  static final int MAX_BYTES = 512 << 20;

  private static final List<String> CSV_COLUMNS =
      List.of("id", "category", "status", "site", "zone");
  private static final Set<String> JSON_FIELDS =
      Set.of("id", "category", "status", "site", "zone", "attributes", "type");
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,15}");

  private EscrowItemsFile() {}

  /**
   * The items of {@code file}: CSV when its name ends in {@code .csv}, JSON otherwise.
   *
   * @throws CommandFailure (usage) naming the item and the problem
   */
  static List<EscrowItem> parse(String name, byte[] file) {
    String text;
    try {
      text = Utf8.decode(file, "items file");
    } catch (MalformedInputException e) {
      throw CommandFailure.usage(name + " is not UTF-8");
    }
    List<EscrowItem> items = name.endsWith(".csv") ? csv(name, text) : json(name, text);
    if (items.isEmpty()) {
      throw CommandFailure.usage(name + " lists no item; a declaration commits to at least one");
    }
    return items;
  }

  private static List<EscrowItem> json(String name, String text) {
    JsonNode root;
    try {
      root = CanonicalJson.parse(text);
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage(name + ": " + e.getMessage());
    }
    JsonNode list =
        root.isObject() && root.size() == 1 && root.has("items") ? root.get("items") : root;
    if (!list.isArray()) {
      throw CommandFailure.usage(name + " must hold a JSON array of items or {\"items\": [...]}");
    }
    var out = new ArrayList<EscrowItem>(list.size());
    for (int i = 0; i < list.size(); i++) {
      out.add(jsonItem(name + ": items[" + i + "]", list.get(i)));
    }
    return out;
  }

  private static EscrowItem jsonItem(String where, JsonNode n) {
    if (!n.isObject()) {
      throw CommandFailure.usage(where + " must be an object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!JSON_FIELDS.contains(f)) {
        throw CommandFailure.usage(
            where
                + " has unknown field \""
                + f
                + "\"; fields: id, category,"
                + " status, site, zone, attributes, type");
      }
    }
    String id = text(where, n, "id", true);
    var attributes = new TreeMap<String, Long>();
    JsonNode a = n.get("attributes");
    if (a != null) {
      if (!a.isObject()) {
        throw CommandFailure.usage(
            where + " (" + id + ").attributes must be an object of integers");
      }
      for (Map.Entry<String, JsonNode> e : a.properties()) {
        if (!e.getValue().isIntegralNumber()) {
          throw CommandFailure.usage(
              where
                  + " ("
                  + id
                  + ").attributes."
                  + e.getKey()
                  + " must be an integer, got "
                  + e.getValue());
        }
        attributes.put(e.getKey(), e.getValue().longValue());
      }
    }
    return item(
        where,
        id,
        text(where, n, "category", true),
        text(where, n, "status", true),
        text(where, n, "site", true),
        text(where, n, "zone", false),
        attributes,
        text(where, n, "type", false));
  }

  private static String text(String where, JsonNode n, String field, boolean required) {
    JsonNode v = n.get(field);
    if (v == null) {
      if (required) {
        throw CommandFailure.usage(where + " lacks \"" + field + "\"");
      }
      return "";
    }
    if (!v.isTextual()) {
      throw CommandFailure.usage(where + "." + field + " must be a string, got " + v);
    }
    return v.textValue();
  }

  private static List<EscrowItem> csv(String name, String text) {
    String[] lines = text.split("\n", -1);
    String[] header = cells(lines[0]);
    if (header.length < CSV_COLUMNS.size()
        || !List.of(header).subList(0, CSV_COLUMNS.size()).equals(CSV_COLUMNS)) {
      throw CommandFailure.usage(
          name
              + ": line 1 must start with the columns "
              + String.join(",", CSV_COLUMNS)
              + ", then one column per attribute");
    }
    // An optional type column right after the fixed ones; attribute columns follow.
    boolean typed = header.length > CSV_COLUMNS.size() && header[CSV_COLUMNS.size()].equals("type");
    int firstAttribute = CSV_COLUMNS.size() + (typed ? 1 : 0);
    var out = new ArrayList<EscrowItem>();
    for (int l = 1; l < lines.length; l++) {
      String line = stripCr(lines[l]);
      if (line.isEmpty()) {
        continue;
      }
      String where = name + ": line " + (l + 1);
      String[] c = cells(line);
      if (c.length != header.length) {
        throw CommandFailure.usage(
            where + " has " + c.length + " cells, the header " + header.length);
      }
      var attributes = new TreeMap<String, Long>();
      for (int j = firstAttribute; j < c.length; j++) {
        if (c[j].isEmpty()) {
          continue;
        }
        if (!DECIMAL.matcher(c[j]).matches()) {
          throw CommandFailure.usage(
              where
                  + " ("
                  + c[0]
                  + "): "
                  + header[j]
                  + " must be a non-negative decimal integer, got \""
                  + c[j]
                  + "\"");
        }
        attributes.put(header[j], Long.parseLong(c[j]));
      }
      out.add(item(where, c[0], c[1], c[2], c[3], c[4], attributes, typed ? c[5] : ""));
    }
    return out;
  }

  private static String[] cells(String line) {
    String l = stripCr(line);
    if (l.indexOf('"') >= 0) {
      throw CommandFailure.usage(
          "CSV quoting is not supported (escrow fields never need it): " + l);
    }
    return l.split(",", -1);
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static EscrowItem item(
      String where,
      String id,
      String category,
      String status,
      String site,
      String zone,
      Map<String, Long> attributes,
      String type) {
    try {
      return new EscrowItem(id, category, status, site, zone, attributes, type);
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage(where + " (" + id + "): " + e.getMessage());
    }
  }
}
