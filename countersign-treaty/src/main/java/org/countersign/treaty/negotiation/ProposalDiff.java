package org.countersign.treaty.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.countersign.treaty.json.CanonicalJson;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.loader.TreatyLoader;
import org.jspecify.annotations.Nullable;

/**
 * The structured difference between two treaty texts, section by section: what a counter-proposal
 * changes in the proposal it answers.
 *
 * <p>It compares the texts' data (what their digests cover, so comments and layout never show up):
 * each list section element by element, matched by id (limits, categories, counting rules,
 * notification duties, inspection quotas, parties, zones, statuses, change kinds, data exchanges),
 * and within a changed element field by field (a limit's value, the date it binds, its zone, the
 * rules it sums, the parties it applies to). Single-valued settings (name, dates, withdrawal,
 * suspension, the inspection draw) are compared as one "treaty" section. The order is fixed: the
 * sections in the order of a treaty file, elements in the order of the second text then those only
 * the first has.
 *
 * @param fromDigest the first text's treaty digest
 * @param toDigest the second text's treaty digest
 * @param fromName the first text's treaty name
 * @param toName the second text's treaty name
 * @param changes every difference; empty when the texts mean the same
 */
public record ProposalDiff(
    String fromDigest, String toDigest, String fromName, String toName, List<Change> changes) {

  /** The JSON format name, in every diff's {@code format} member. */
  public static final String FORMAT = "countersign-proposal-diff/v1";

  public ProposalDiff {
    changes = List.copyOf(changes);
  }

  /**
   * One element added, removed or changed.
   *
   * @param section the section, as the treaty file names it (e.g. {@code limits}, {@code
   *     inspections.quotas})
   * @param id the element's id (or quota type); {@code ""} in the {@code treaty} section
   * @param change {@code "added"}, {@code "removed"} or {@code "changed"}
   * @param fields the fields that differ (all of them for an added or removed element)
   */
  public record Change(String section, String id, String change, List<FieldChange> fields) {
    public Change {
      fields = List.copyOf(fields);
    }
  }

  /**
   * One field's values.
   *
   * @param field the field name (a dotted path in the {@code treaty} section)
   * @param from its value in the first text, or null where absent
   * @param to its value in the second text, or null where absent
   */
  public record FieldChange(String field, @Nullable JsonNode from, @Nullable JsonNode to) {}

  /** List sections in file order, with the member that identifies an element. */
  private static final Map<String, String> SECTIONS = sections();

  private static Map<String, String> sections() {
    var m = new LinkedHashMap<String, String>();
    m.put("parties", "id");
    m.put("statuses", "id");
    m.put("zones", "id");
    m.put("categories", "id");
    m.put("changeKinds", "id");
    m.put("countingRules", "id");
    m.put("limits", "id");
    m.put("notifications", "id");
    m.put("dataExchanges", "id");
    m.put("inspections.quotas", "type");
    return m;
  }

  /**
   * Compares two treaty file texts.
   *
   * @throws TreatyException if either is not a valid treaty file (problems carry the given names,
   *     lines and columns)
   */
  public static ProposalDiff of(String fromName, String fromText, String toName, String toText)
      throws TreatyException {
    var fromTreaty = TreatyLoader.parse(fromName, fromText);
    var toTreaty = TreatyLoader.parse(toName, toText);
    JsonNode from = TreatyLoader.data(fromName, fromText);
    JsonNode to = TreatyLoader.data(toName, toText);
    var changes = new ArrayList<Change>();
    var scalarsFrom = new LinkedHashMap<String, JsonNode>();
    var scalarsTo = new LinkedHashMap<String, JsonNode>();
    flatten("", from, scalarsFrom);
    flatten("", to, scalarsTo);
    var treatyFields = fieldChanges(scalarsFrom, scalarsTo);
    if (!treatyFields.isEmpty()) {
      changes.add(new Change("treaty", "", "changed", treatyFields));
    }
    for (var s : SECTIONS.entrySet()) {
      Map<String, JsonNode> a = elements(at(from, s.getKey()), s.getValue());
      Map<String, JsonNode> b = elements(at(to, s.getKey()), s.getValue());
      for (var e : b.entrySet()) {
        JsonNode old = a.get(e.getKey());
        if (old == null) {
          changes.add(
              new Change(
                  s.getKey(), e.getKey(), "added", fieldChanges(Map.of(), members(e.getValue()))));
        } else if (!old.equals(e.getValue())) {
          changes.add(
              new Change(
                  s.getKey(),
                  e.getKey(),
                  "changed",
                  fieldChanges(members(old), members(e.getValue()))));
        }
      }
      for (var e : a.entrySet()) {
        if (!b.containsKey(e.getKey())) {
          changes.add(
              new Change(
                  s.getKey(),
                  e.getKey(),
                  "removed",
                  fieldChanges(members(e.getValue()), Map.of())));
        }
      }
    }
    return new ProposalDiff(
        fromTreaty.digest(), toTreaty.digest(), fromTreaty.name(), toTreaty.name(), changes);
  }

  /** The scalar settings outside the list sections, by dotted path. */
  private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
          it.hasNext(); ) {
        var e = it.next();
        String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
        if (SECTIONS.containsKey(path)) {
          continue;
        }
        if (e.getValue().isObject()) {
          flatten(path, e.getValue(), out);
        } else {
          out.put(path, e.getValue());
        }
      }
    }
  }

  private static @Nullable JsonNode at(JsonNode root, String dotted) {
    JsonNode n = root;
    for (String part : dotted.split("\\.", -1)) {
      n = n == null ? null : n.get(part);
    }
    return n;
  }

  private static Map<String, JsonNode> elements(@Nullable JsonNode list, String key) {
    var out = new LinkedHashMap<String, JsonNode>();
    if (list != null && list.isArray()) {
      for (JsonNode e : list) {
        JsonNode id = e.get(key);
        out.put(id == null ? "" : id.asText(), e);
      }
    }
    return out;
  }

  private static Map<String, JsonNode> members(JsonNode element) {
    var out = new LinkedHashMap<String, JsonNode>();
    if (element instanceof ObjectNode o) {
      o.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
    }
    return out;
  }

  private static List<FieldChange> fieldChanges(
      Map<String, JsonNode> from, Map<String, JsonNode> to) {
    Set<String> names = new LinkedHashSet<>(to.keySet());
    names.addAll(from.keySet());
    var out = new ArrayList<FieldChange>();
    for (String n : names) {
      JsonNode a = from.get(n);
      JsonNode b = to.get(n);
      if (a == null || !a.equals(b)) {
        out.add(new FieldChange(n, a, b));
      }
    }
    return out;
  }

  /** Whether the two texts mean the same treaty (equal digests, no change). */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** The diff as a JSON tree. */
  public ObjectNode toJson() {
    ObjectNode root = (ObjectNode) ReportTree.write(this);
    root.put("format", FORMAT);
    return root;
  }

  /** RFC 8785 canonical JSON, one line. */
  public String canonicalJson() {
    return CanonicalJson.canonicalize(toJson());
  }

  /** The diff for a reader: one line per element, {@code +} added, {@code -} removed, {@code ~}. */
  public String toText() {
    var b = new StringBuilder();
    b.append("from ")
        .append(fromName)
        .append(" (")
        .append(NegotiationText.short12(fromDigest))
        .append(")\n  to ")
        .append(toName)
        .append(" (")
        .append(NegotiationText.short12(toDigest))
        .append(")\n");
    if (changes.isEmpty()) {
      b.append("\nno difference: the two texts are the same treaty\n");
      return b.toString();
    }
    String section = "";
    for (Change c : changes) {
      if (!c.section().equals(section)) {
        section = c.section();
        b.append("\n").append(section).append("\n");
      }
      String mark =
          switch (c.change()) {
            case "added" -> "+";
            case "removed" -> "-";
            default -> "~";
          };
      b.append("  ").append(mark).append(" ");
      if (!c.id().isEmpty()) {
        b.append(c.id()).append(" ").append(c.change()).append("\n");
      } else {
        b.append(c.change()).append("\n");
      }
      for (FieldChange f : c.fields()) {
        b.append("      ").append(f.field()).append(": ");
        switch (c.change()) {
          case "added" -> b.append(show(f.to()));
          case "removed" -> b.append(show(f.from()));
          default -> b.append(show(f.from())).append(" -> ").append(show(f.to()));
        }
        b.append("\n");
      }
    }
    return b.toString();
  }

  private static String show(@Nullable JsonNode n) {
    if (n == null) {
      return "(absent)";
    }
    return n.isTextual() ? n.textValue() : CanonicalJson.canonicalize(n);
  }
}
