package org.countersign.treaty.loader;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.countersign.treaty.model.AttributeCondition;
import org.countersign.treaty.model.AttributeDef;
import org.countersign.treaty.model.Category;
import org.countersign.treaty.model.ChangeEffect;
import org.countersign.treaty.model.ChangeKind;
import org.countersign.treaty.model.Count;
import org.countersign.treaty.model.CountingRule;
import org.countersign.treaty.model.DataExchangeSchedule;
import org.countersign.treaty.model.Deadline;
import org.countersign.treaty.model.DrawRules;
import org.countersign.treaty.model.Extension;
import org.countersign.treaty.model.InspectionQuota;
import org.countersign.treaty.model.ItemFilter;
import org.countersign.treaty.model.ItemStatus;
import org.countersign.treaty.model.ItemType;
import org.countersign.treaty.model.Limit;
import org.countersign.treaty.model.NotificationDuty;
import org.countersign.treaty.model.Pairing;
import org.countersign.treaty.model.Party;
import org.countersign.treaty.model.Role;
import org.countersign.treaty.model.SuspensionRules;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.model.TreatyDates;
import org.countersign.treaty.model.TreatyDuration;
import org.countersign.treaty.model.Trigger;
import org.countersign.treaty.model.WithdrawalRules;
import org.countersign.treaty.model.Zone;
import org.jspecify.annotations.Nullable;

/**
 * Maps a validated tree to the model. Runs only after the schema and the cross-reference checks
 * passed, so every lookup here succeeds; the model constructors' own checks are a second line.
 */
final class TreatyBinder {
  private TreatyBinder() {}

  static Treaty bind(JsonNode r, String source, String digest) {
    JsonNode d = r.get("dates");
    TreatyDates dates =
        new TreatyDates(
            date(d.get("signed")),
            date(d.get("entryIntoForce")),
            date(d.get("expiry")),
            list(
                d.get("extensions"),
                e ->
                    new Extension(
                        date(e.get("agreed")), date(e.get("expiry")), e.get("basis").asText())));
    WithdrawalRules withdrawal =
        r.has("withdrawal")
            ? new WithdrawalRules(
                TreatyDuration.parse(r.get("withdrawal").get("notice").asText()),
                text(r.get("withdrawal"), "article"))
            : null;
    SuspensionRules suspension =
        r.has("suspension")
            ? new SuspensionRules(
                r.get("suspension").get("suspendsDuties").asBoolean(),
                text(r.get("suspension"), "note"))
            : new SuspensionRules(false, "");
    return new Treaty(
        r.get("id").asText(),
        r.get("name").asText(),
        source,
        digest,
        dates,
        withdrawal,
        suspension,
        list(
            r.get("parties"),
            p ->
                new Party(
                    p.get("id").asText(),
                    p.get("name").asText(),
                    Role.of(p.get("role").asText()),
                    date(p.get("joins")))),
        list(
            r.get("statuses"),
            s ->
                new ItemStatus(
                    s.get("id").asText(),
                    s.get("name").asText(),
                    s.path("terminal").asBoolean(false))),
        list(
            r.get("zones"),
            z -> new Zone(z.get("id").asText(), z.get("name").asText(), text(z, "within"))),
        list(r.get("categories"), TreatyBinder::category),
        list(
            r.get("changeKinds"),
            k ->
                new ChangeKind(
                    k.get("id").asText(),
                    k.get("name").asText(),
                    ChangeEffect.of(k.get("effect").asText()),
                    strings(k.get("toStatuses")),
                    strings(k.get("types")))),
        list(r.get("countingRules"), TreatyBinder::rule),
        list(
            r.get("limits"),
            l ->
                new Limit(
                    l.get("id").asText(),
                    l.get("name").asText(),
                    text(l, "article"),
                    l.get("value").asLong(),
                    date(l.get("bindsFrom")),
                    strings(l.get("sum")),
                    text(l, "zone"),
                    strings(l.get("parties")))),
        list(r.get("notifications"), TreatyBinder::duty),
        list(r.get("dataExchanges"), x -> exchange(x, dates.entryIntoForce())),
        list(r.path("inspections").get("quotas"), TreatyBinder::quota),
        drawRules(r.path("inspections").get("draw")),
        list(
            r.get("pairings"),
            x ->
                new Pairing(
                    x.get("id").asText(),
                    x.get("name").asText(),
                    text(x, "article"),
                    x.get("missile").asText(),
                    x.get("launcher").asText(),
                    x.get("status").asText())));
  }

  private static InspectionQuota quota(JsonNode q) {
    JsonNode p = q.get("population");
    return new InspectionQuota(
        q.get("type").asText(),
        q.get("name").asText(),
        q.get("perYear").asInt(),
        text(q, "description"),
        q.path("itemsPerInspection").asInt(1),
        p == null
            ? null
            : new ItemFilter(
                strings(p.get("categories")), strings(p.get("statuses")), Map.of(), List.of()));
  }

  private static @Nullable DrawRules drawRules(@Nullable JsonNode d) {
    if (d == null || d.isMissingNode()) {
      return null;
    }
    return new DrawRules(
        TreatyDuration.parse(d.get("commitWithin").asText()),
        TreatyDuration.parse(d.get("revealWithin").asText()),
        d.get("forfeit").asText());
  }

  private static Category category(JsonNode c) {
    return new Category(
        c.get("id").asText(),
        c.get("name").asText(),
        strings(c.get("statuses")),
        Pattern.compile(c.get("identifier").asText()),
        list(
            c.get("attributes"),
            a ->
                new AttributeDef(
                    a.get("id").asText(),
                    a.get("description").asText(),
                    a.has("min") ? a.get("min").asLong() : 0,
                    a.has("max")
                        ? a.get("max").asLong()
                        : org.countersign.treaty.json.CanonicalJson.MAX_SAFE_INTEGER,
                    a.path("required").asBoolean(false),
                    a.has("default") ? a.get("default").asLong() : null)),
        list(c.get("types"), t -> new ItemType(t.get("id").asText(), t.get("name").asText())));
  }

  /**
   * A {@code where} condition is a value, a list of values or a {min, max} range; a range with an
   * open end takes 0 or Long.MAX_VALUE for it. {@code count} is "items" or an object with exactly
   * one of {@code attribute} and {@code fixed} (the schema guarantees which).
   */
  private static CountingRule rule(JsonNode r) {
    Map<String, AttributeCondition> where = new TreeMap<>();
    if (r.has("where")) {
      for (var e : r.get("where").properties()) {
        JsonNode c = e.getValue();
        AttributeCondition cond;
        if (c.isIntegralNumber()) {
          cond = AttributeCondition.equalTo(c.asLong());
        } else if (c.isArray()) {
          var values = new ArrayList<Long>();
          c.forEach(v -> values.add(v.asLong()));
          cond = new AttributeCondition(values, 0, 0);
        } else {
          cond =
              AttributeCondition.between(
                  c.has("min") ? c.get("min").asLong() : 0,
                  c.has("max") ? c.get("max").asLong() : Long.MAX_VALUE);
        }
        where.put(e.getKey(), cond);
      }
    }
    JsonNode c = r.get("count");
    Count count =
        c.isTextual()
            ? new Count.Items()
            : c.has("attribute")
                ? new Count.Attribute(c.get("attribute").asText())
                : new Count.Fixed(c.get("fixed").asLong());
    return new CountingRule(
        r.get("id").asText(),
        r.get("description").asText(),
        new ItemFilter(
            strings(r.get("categories")),
            strings(r.get("statuses")),
            where,
            strings(r.get("types"))),
        count);
  }

  private static NotificationDuty duty(JsonNode n) {
    JsonNode t = n.get("trigger");
    JsonNode d = n.get("deadline");
    boolean before = d.has("before");
    return new NotificationDuty(
        n.get("id").asText(),
        n.get("name").asText(),
        text(n, "article"),
        new Trigger(
            t.get("on").asText().equals("launch"),
            strings(t.get("changes")),
            strings(t.get("categories"))),
        new Deadline(before, TreatyDuration.parse(d.get(before ? "before" : "within").asText())),
        strings(n.get("content")));
  }

  /** Five-character as-of entries are yearly month-days, ten-character ones one-off dates. */
  private static DataExchangeSchedule exchange(JsonNode x, LocalDate entryIntoForce) {
    var recurring = new ArrayList<MonthDay>();
    var dates = new ArrayList<LocalDate>();
    for (JsonNode a : x.get("asOf")) {
      String s = a.asText();
      if (s.length() == 5) {
        recurring.add(MonthDay.parse("--" + s));
      } else {
        dates.add(LocalDate.parse(s));
      }
    }
    return new DataExchangeSchedule(
        x.get("id").asText(),
        x.get("name").asText(),
        text(x, "article"),
        recurring,
        dates,
        x.has("firstAsOf") ? date(x.get("firstAsOf")) : entryIntoForce,
        TreatyDuration.parse(x.get("due").asText()),
        strings(x.get("totals")));
  }

  private static LocalDate date(JsonNode n) {
    return LocalDate.parse(n.asText());
  }

  private static String text(JsonNode obj, String field) {
    return obj.has(field) ? obj.get(field).asText() : "";
  }

  private static List<String> strings(JsonNode list) {
    var out = new ArrayList<String>();
    if (list != null && !list.isMissingNode()) {
      list.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  private static <T> List<T> list(JsonNode list, Function<JsonNode, T> f) {
    var out = new ArrayList<T>();
    if (list != null && !list.isMissingNode()) {
      list.forEach(n -> out.add(f.apply(n)));
    }
    return out;
  }
}
