package org.countersign.treaty.loader;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.countersign.treaty.loader.SchemaValidator.Violation;
import org.countersign.treaty.model.TreatyDuration;
import org.jspecify.annotations.Nullable;

/**
 * The checks a JSON Schema cannot express: unique ids, references between sections, date order, and
 * the coherence of counting rules with the attributes they read. Runs only on a tree that passed
 * the schema, so shapes and types are already right.
 */
final class CrossReferences {
  private final JsonNode root;
  private final List<Violation> out = new ArrayList<>();
  private final Map<String, JsonNode> statuses;
  private final Map<String, JsonNode> zones;
  private final Map<String, JsonNode> categories;
  private final Map<String, JsonNode> changeKinds;
  private final Map<String, JsonNode> rules;
  private final Map<String, JsonNode> limits;
  private final Map<String, JsonNode> parties;

  private CrossReferences(JsonNode root) {
    this.root = root;
    this.parties = indexById("parties", "id");
    this.statuses = indexById("statuses", "id");
    this.zones = indexById("zones", "id");
    this.categories = indexById("categories", "id");
    this.changeKinds = indexById("changeKinds", "id");
    this.rules = indexById("countingRules", "id");
    this.limits = indexById("limits", "id");
    indexById("notifications", "id");
    indexById("dataExchanges", "id");
    indexById("pairings", "id");
    if (root.has("inspections")) {
      uniqueIds(
          root.get("inspections").get("quotas"),
          NodePath.ROOT.field("inspections").field("quotas"),
          "type");
    }
  }

  /** Every cross-reference problem of a schema-valid tree. */
  static List<Violation> check(JsonNode root) {
    var c = new CrossReferences(root);
    c.dates();
    c.parties();
    c.zones();
    c.categories();
    c.changeKinds();
    c.countingRules();
    c.limits();
    c.notifications();
    c.dataExchanges();
    c.pairings();
    c.withdrawal();
    c.inspections();
    return c.out;
  }

  private Map<String, JsonNode> indexById(String section, String key) {
    JsonNode list = root.get(section);
    if (list == null) {
      return Map.of();
    }
    return uniqueIds(list, NodePath.ROOT.field(section), key);
  }

  private Map<String, JsonNode> uniqueIds(JsonNode list, NodePath path, String key) {
    var seen = new LinkedHashMap<String, JsonNode>();
    var firstIndex = new HashMap<String, Integer>();
    for (int i = 0; i < list.size(); i++) {
      String id = list.get(i).get(key).asText();
      if (seen.containsKey(id)) {
        error(
            path.index(i).field(key),
            key + " \"" + id + "\" is already used by " + path + "[" + firstIndex.get(id) + "]");
      } else {
        seen.put(id, list.get(i));
        firstIndex.put(id, i);
      }
    }
    return seen;
  }

  private void error(NodePath path, String reason) {
    out.add(new Violation(path, false, reason));
  }

  private static LocalDate date(JsonNode n) {
    return LocalDate.parse(n.asText());
  }

  /**
   * signed <= entry into force < expiry; extensions listed in the order agreed, each agreed before
   * the expiry it extends (an extension agreed after expiry would revive a dead treaty, which is a
   * new treaty, not an extension) and each moving expiry later.
   */
  private void dates() {
    JsonNode d = root.get("dates");
    NodePath p = NodePath.ROOT.field("dates");
    LocalDate signed = date(d.get("signed"));
    LocalDate eif = date(d.get("entryIntoForce"));
    LocalDate expiry = date(d.get("expiry"));
    if (eif.isBefore(signed)) {
      error(
          p.field("entryIntoForce"), "entry into force " + eif + " is before signature " + signed);
    }
    if (!expiry.isAfter(eif)) {
      error(p.field("expiry"), "expiry " + expiry + " must be after entry into force " + eif);
    }
    JsonNode ext = d.get("extensions");
    if (ext != null) {
      LocalDate current = expiry;
      LocalDate lastAgreed = signed;
      for (int i = 0; i < ext.size(); i++) {
        LocalDate agreed = date(ext.get(i).get("agreed"));
        LocalDate newExpiry = date(ext.get(i).get("expiry"));
        NodePath e = p.field("extensions").index(i);
        if (agreed.isBefore(lastAgreed)) {
          error(
              e.field("agreed"),
              "extensions must be listed in the order agreed; "
                  + agreed
                  + " is before "
                  + lastAgreed);
        } else if (!agreed.isBefore(current)) {
          error(
              e.field("agreed"),
              "an extension must be agreed before the expiry it extends ("
                  + current
                  + "), got "
                  + agreed);
        }
        if (!newExpiry.isAfter(current)) {
          error(
              e.field("expiry"),
              "an extension must move expiry past " + current + ", got " + newExpiry);
        }
        current = newExpiry.isAfter(current) ? newExpiry : current;
        lastAgreed = agreed;
      }
    }
  }

  private LocalDate entryIntoForce() {
    return date(root.get("dates").get("entryIntoForce"));
  }

  private LocalDate finalExpiry() {
    JsonNode d = root.get("dates");
    LocalDate expiry = date(d.get("expiry"));
    JsonNode ext = d.get("extensions");
    if (ext != null) {
      for (JsonNode e : ext) {
        LocalDate x = date(e.get("expiry"));
        expiry = x.isAfter(expiry) ? x : expiry;
      }
    }
    return expiry;
  }

  /** At least one party (a treaty binding no one has nothing to replay); joins before expiry. */
  private void parties() {
    boolean anyParty = false;
    JsonNode list = root.get("parties");
    for (int i = 0; i < list.size(); i++) {
      anyParty |= list.get(i).get("role").asText().equals("party");
      LocalDate joins = date(list.get(i).get("joins"));
      if (!joins.isBefore(finalExpiry())) {
        error(
            NodePath.ROOT.field("parties").index(i).field("joins"),
            "joins " + joins + " is not before the treaty's expiry " + finalExpiry());
      }
    }
    if (!anyParty) {
      error(NodePath.ROOT.field("parties"), "at least one participant must have role party");
    }
  }

  /**
   * Every {@code within} names a zone, and the chain ends (no cycle), so "lies within" is defined.
   */
  private void zones() {
    JsonNode list = root.get("zones");
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode z = list.get(i);
      if (!z.has("within")) {
        continue;
      }
      NodePath p = NodePath.ROOT.field("zones").index(i).field("within");
      String parent = z.get("within").asText();
      if (!zones.containsKey(parent)) {
        error(p, "unknown zone \"" + parent + "\"" + known(zones.keySet()));
        continue;
      }
      // Follow the chain; a cycle would make "lies within" undefined.
      Set<String> visited = new HashSet<>();
      String cur = z.get("id").asText();
      while (cur != null && visited.add(cur)) {
        JsonNode def = zones.get(cur);
        cur = def != null && def.has("within") ? def.get("within").asText() : null;
      }
      if (cur != null) {
        error(p, "zones form a cycle through \"" + cur + "\"");
      }
    }
  }

  /**
   * Statuses defined; attribute ids unique, min <= max, defaults in range and not on required ones.
   */
  private void categories() {
    JsonNode list = root.get("categories");
    for (int i = 0; i < list.size(); i++) {
      JsonNode c = list.get(i);
      NodePath p = NodePath.ROOT.field("categories").index(i);
      refs(c.get("statuses"), p.field("statuses"), statuses, "status");
      if (c.has("types")) {
        uniqueIds(c.get("types"), p.field("types"), "id");
      }
      JsonNode attrs = c.get("attributes");
      if (attrs == null) {
        continue;
      }
      uniqueIds(attrs, p.field("attributes"), "id");
      for (int j = 0; j < attrs.size(); j++) {
        JsonNode a = attrs.get(j);
        NodePath ap = p.field("attributes").index(j);
        long min = a.has("min") ? a.get("min").asLong() : 0;
        long max = a.has("max") ? a.get("max").asLong() : Long.MAX_VALUE;
        if (min > max) {
          error(ap.field("max"), "max " + max + " is below min " + min);
        }
        if (a.has("default")) {
          long dflt = a.get("default").asLong();
          if (dflt < min || dflt > max) {
            error(ap.field("default"), "default " + dflt + " is outside " + min + ".." + max);
          }
          if (a.path("required").asBoolean(false)) {
            error(ap.field("default"), "a required attribute cannot have a default");
          }
        }
      }
    }
  }

  /** Status changes name their target statuses; relocations and reloads do not. */
  private void changeKinds() {
    JsonNode list = root.get("changeKinds");
    for (int i = 0; i < list.size(); i++) {
      JsonNode k = list.get(i);
      NodePath p = NodePath.ROOT.field("changeKinds").index(i);
      String effect = k.get("effect").asText();
      JsonNode types = k.get("types");
      if (types != null) {
        for (int j = 0; j < types.size(); j++) {
          String t = types.get(j).asText();
          if (categories.values().stream().noneMatch(c -> hasType(c, t))) {
            error(
                p.field("types").index(j),
                "no category has type \"" + t + "\"" + typesOf(categories.values()));
          }
        }
      }
      if (k.has("toStatuses")) {
        refs(k.get("toStatuses"), p.field("toStatuses"), statuses, "status");
        if (effect.equals("relocate") || effect.equals("attributes")) {
          error(
              p.field("toStatuses"),
              "a change with effect " + effect + " does not change status; remove toStatuses");
        }
      } else if (effect.equals("status")) {
        error(
            p.field("toStatuses"),
            "missing required field \"toStatuses\": a change with effect"
                + " status names the statuses it leads to");
      }
    }
  }

  /**
   * A rule may only read what every item it selects can have: each status it names exists on at
   * least one of its categories, each attribute it filters on exists on all of them, and an
   * attribute it counts is also required or defaulted, so counting never meets a missing value.
   */
  private void countingRules() {
    JsonNode list = root.get("countingRules");
    for (int i = 0; i < list.size(); i++) {
      JsonNode r = list.get(i);
      NodePath p = NodePath.ROOT.field("countingRules").index(i);
      List<JsonNode> cats =
          refs(r.get("categories"), p.field("categories"), categories, "category");
      refs(r.get("statuses"), p.field("statuses"), statuses, "status");
      JsonNode st = r.get("statuses");
      for (int j = 0; j < st.size(); j++) {
        String s = st.get(j).asText();
        if (statuses.containsKey(s)
            && !cats.isEmpty()
            && cats.stream().noneMatch(c -> contains(c.get("statuses"), s))) {
          error(p.field("statuses").index(j), "no category of this rule has status \"" + s + "\"");
        }
      }
      JsonNode types = r.get("types");
      if (types != null) {
        for (int j = 0; j < types.size(); j++) {
          String t = types.get(j).asText();
          if (!cats.isEmpty() && cats.stream().noneMatch(c -> hasType(c, t))) {
            error(
                p.field("types").index(j),
                "no category of this rule has type \"" + t + "\"" + typesOf(cats));
          }
        }
      }
      JsonNode where = r.get("where");
      if (where != null) {
        for (var e : where.properties()) {
          for (JsonNode c : cats) {
            if (attribute(c, e.getKey()) == null) {
              error(
                  p.field("where").field(e.getKey()),
                  "category \""
                      + c.get("id").asText()
                      + "\" has no attribute \""
                      + e.getKey()
                      + "\"");
            }
          }
          JsonNode cond = e.getValue();
          if (cond.isObject()
              && cond.has("min")
              && cond.has("max")
              && cond.get("min").asLong() > cond.get("max").asLong()) {
            error(p.field("where").field(e.getKey()), "min is above max");
          }
        }
      }
      JsonNode count = r.get("count");
      if (count.isObject() && count.has("attribute")) {
        String name = count.get("attribute").asText();
        for (JsonNode c : cats) {
          JsonNode a = attribute(c, name);
          if (a == null) {
            error(
                p.field("count").field("attribute"),
                "category \""
                    + c.get("id").asText()
                    + "\" has no attribute \""
                    + name
                    + "\" to count");
          } else if (!a.path("required").asBoolean(false) && !a.has("default")) {
            error(
                p.field("count").field("attribute"),
                "attribute \""
                    + name
                    + "\" of category \""
                    + c.get("id").asText()
                    + "\" is counted, so it must be required or have a default");
          }
        }
      }
    }
  }

  /**
   * Sums defined rules; zone and parties defined (parties with role party); binds within the term.
   */
  private void limits() {
    JsonNode list = root.get("limits");
    for (int i = 0; i < list.size(); i++) {
      JsonNode l = list.get(i);
      NodePath p = NodePath.ROOT.field("limits").index(i);
      refs(l.get("sum"), p.field("sum"), rules, "counting rule");
      if (l.has("zone") && !zones.containsKey(l.get("zone").asText())) {
        error(
            p.field("zone"),
            "unknown zone \"" + l.get("zone").asText() + "\"" + known(zones.keySet()));
      }
      if (l.has("parties")) {
        JsonNode ps = l.get("parties");
        for (int j = 0; j < ps.size(); j++) {
          JsonNode party = parties.get(ps.get(j).asText());
          if (party == null) {
            error(
                p.field("parties").index(j),
                "unknown party \"" + ps.get(j).asText() + "\"" + known(parties.keySet()));
          } else if (!party.get("role").asText().equals("party")) {
            error(
                p.field("parties").index(j),
                "\""
                    + ps.get(j).asText()
                    + "\" is "
                    + party.get("role").asText()
                    + ", not a party: limits bind parties only");
          }
        }
      }
      LocalDate binds = date(l.get("bindsFrom"));
      if (binds.isBefore(entryIntoForce())) {
        error(
            p.field("bindsFrom"),
            "a limit cannot bind before entry into force (" + entryIntoForce() + "), got " + binds);
      } else if (!binds.isBefore(finalExpiry())) {
        error(
            p.field("bindsFrom"),
            "limit would bind only after expiry (" + finalExpiry() + "), got " + binds);
      }
    }
  }

  /**
   * Change triggers name defined change kinds, launch triggers none; categories defined; required
   * content fields exist on the notification the trigger concerns (an attribute on at least one
   * category the duty covers), so that admission can always decide whether content is present.
   */
  private void notifications() {
    JsonNode list = root.get("notifications");
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      NodePath p = NodePath.ROOT.field("notifications").index(i);
      JsonNode t = n.get("trigger");
      NodePath tp = p.field("trigger");
      boolean launch = t.get("on").asText().equals("launch");
      if (launch && t.has("changes")) {
        error(tp.field("changes"), "a launch trigger names no change kinds");
      } else if (!launch && !t.has("changes")) {
        error(
            tp.field("changes"),
            "missing required field \"changes\": a change trigger names"
                + " the change kinds that trigger it");
      } else if (!launch) {
        refs(t.get("changes"), tp.field("changes"), changeKinds, "change kind");
      }
      List<JsonNode> cats =
          t.has("categories")
              ? refs(t.get("categories"), tp.field("categories"), categories, "category")
              : List.copyOf(categories.values());
      JsonNode content = n.get("content");
      if (content == null) {
        continue;
      }
      for (int j = 0; j < content.size(); j++) {
        String field = content.get(j).asText();
        NodePath cp = p.field("content").index(j);
        Set<String> allowed =
            launch ? Set.of("item", "launchArea", "impactArea") : Set.of("status", "site", "zone");
        if (field.startsWith("attributes.")) {
          String attr = field.substring("attributes.".length());
          if (launch) {
            error(cp, "a launch notification has no attributes");
          } else if (cats.stream().noneMatch(c -> attribute(c, attr) != null)) {
            error(cp, "no category this duty covers has attribute \"" + attr + "\"");
          }
        } else if (!allowed.contains(field)) {
          error(
              cp,
              "a "
                  + (launch ? "launch" : "change")
                  + " notification has no field \""
                  + field
                  + "\"; it can require "
                  + String.join(", ", new java.util.TreeSet<>(allowed))
                  + (launch ? "" : " or attributes.<name>"));
        }
      }
    }
  }

  /**
   * As-of entries are real dates or month-days (29 February refused for a yearly date: it would
   * silently skip three years in four); due periods are whole days; required totals are limits.
   */
  private void pairings() {
    JsonNode list = root.get("pairings");
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode x = list.get(i);
      NodePath p = NodePath.ROOT.field("pairings").index(i);
      String status = x.get("status").asText();
      if (!statuses.containsKey(status)) {
        error(p.field("status"), "unknown status \"" + status + "\"");
      }
      for (String side : new String[] {"missile", "launcher"}) {
        String id = x.get(side).asText();
        JsonNode cat = categories.get(id);
        if (cat == null) {
          error(p.field(side), "unknown category \"" + id + "\"");
        } else if (statuses.containsKey(status) && !has(cat.get("statuses"), status)) {
          error(p.field(side), "category " + id + " has no status " + status);
        }
      }
    }
  }

  private static boolean has(JsonNode array, String value) {
    for (JsonNode n : array) {
      if (n.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private void dataExchanges() {
    JsonNode list = root.get("dataExchanges");
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode x = list.get(i);
      NodePath p = NodePath.ROOT.field("dataExchanges").index(i);
      JsonNode asOf = x.get("asOf");
      for (int j = 0; j < asOf.size(); j++) {
        String s = asOf.get(j).asText();
        try {
          if (s.length() == 5) {
            MonthDay md = MonthDay.parse("--" + s);
            if (md.equals(MonthDay.of(2, 29))) {
              error(
                  p.field("asOf").index(j),
                  "a yearly as-of date cannot be 02-29 (it exists only"
                      + " in leap years); list the leap-year dates one by one");
            }
          } else {
            LocalDate.parse(s);
          }
        } catch (java.time.DateTimeException e) {
          error(
              p.field("asOf").index(j),
              "is not a real " + (s.length() == 5 ? "month-day" : "date") + ": \"" + s + "\"");
        }
      }
      if (TreatyDuration.parse(x.get("due").asText()).hasTimePart()) {
        error(
            p.field("due"),
            "a data exchange is due after whole days, months or years, got "
                + x.get("due").asText());
      }
      if (x.has("totals")) {
        refs(x.get("totals"), p.field("totals"), limits, "limit");
      }
    }
  }

  private void withdrawal() {
    JsonNode w = root.get("withdrawal");
    if (w != null && TreatyDuration.parse(w.get("notice").asText()).hasTimePart()) {
      error(
          NodePath.ROOT.field("withdrawal").field("notice"),
          "a withdrawal notice is whole days, months or years, got " + w.get("notice").asText());
    }
  }

  /**
   * A quota's population names defined categories and statuses, each status held by one of its
   * categories; the draw deadlines are positive (a zero deadline would make every side late).
   */
  private void inspections() {
    JsonNode inspections = root.get("inspections");
    if (inspections == null) {
      return;
    }
    NodePath ip = NodePath.ROOT.field("inspections");
    JsonNode quotas = inspections.get("quotas");
    for (int i = 0; i < quotas.size(); i++) {
      JsonNode population = quotas.get(i).get("population");
      if (population == null) {
        continue;
      }
      NodePath p = ip.field("quotas").index(i).field("population");
      List<JsonNode> cats =
          refs(population.get("categories"), p.field("categories"), categories, "category");
      refs(population.get("statuses"), p.field("statuses"), statuses, "status");
      JsonNode st = population.get("statuses");
      for (int j = 0; j < st.size(); j++) {
        String s = st.get(j).asText();
        if (statuses.containsKey(s)
            && !cats.isEmpty()
            && cats.stream().noneMatch(c -> contains(c.get("statuses"), s))) {
          error(
              p.field("statuses").index(j),
              "no category of this population has status \"" + s + "\"");
        }
      }
    }
    JsonNode draw = inspections.get("draw");
    if (draw != null) {
      for (String field : List.of("commitWithin", "revealWithin")) {
        TreatyDuration d = TreatyDuration.parse(draw.get(field).asText());
        if (d.years() == 0 && d.months() == 0 && d.days() == 0 && d.seconds() == 0) {
          error(
              ip.field("draw").field(field),
              "a draw deadline must be a positive duration, got " + d.text());
        }
      }
    }
  }

  /** Checks every name in {@code list} is defined; returns the definitions found. */
  private List<JsonNode> refs(
      JsonNode list, NodePath path, Map<String, JsonNode> defined, String what) {
    var found = new ArrayList<JsonNode>();
    for (int j = 0; j < list.size(); j++) {
      String name = list.get(j).asText();
      JsonNode def = defined.get(name);
      if (def == null) {
        error(path.index(j), "unknown " + what + " \"" + name + "\"" + known(defined.keySet()));
      } else {
        found.add(def);
      }
    }
    return found;
  }

  private static String known(Set<String> names) {
    return names.isEmpty() ? " (none are defined)" : "; defined: " + String.join(", ", names);
  }

  private static boolean hasType(JsonNode category, String type) {
    JsonNode types = category.get("types");
    if (types != null) {
      for (JsonNode t : types) {
        if (t.path("id").asText().equals(type)) {
          return true;
        }
      }
    }
    return false;
  }

  /** "; defined: a, b" listing the types of {@code cats}, or "" when they define none. */
  private static String typesOf(java.util.Collection<JsonNode> cats) {
    var ids = new java.util.TreeSet<String>();
    for (JsonNode c : cats) {
      for (JsonNode t : c.path("types")) {
        ids.add(t.path("id").asText());
      }
    }
    return ids.isEmpty()
        ? "; these categories define no types"
        : "; defined: " + String.join(", ", ids);
  }

  private static boolean contains(JsonNode list, String value) {
    for (JsonNode n : list) {
      if (n.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable JsonNode attribute(JsonNode category, String name) {
    JsonNode attrs = category.get("attributes");
    if (attrs != null) {
      for (JsonNode a : attrs) {
        if (a.get("id").asText().equals(name)) {
          return a;
        }
      }
    }
    return null;
  }
}
