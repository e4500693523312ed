package org.countersign.treaty.compliance;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.countersign.treaty.json.RecordJson;
import org.countersign.treaty.model.AttributeDef;
import org.countersign.treaty.model.Category;
import org.countersign.treaty.model.ChangeEffect;
import org.countersign.treaty.model.ChangeKind;
import org.countersign.treaty.model.DataExchangeSchedule;
import org.countersign.treaty.model.NotificationDuty;
import org.countersign.treaty.model.Party;
import org.countersign.treaty.model.Role;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.DataExchangeUpdate;
import org.countersign.treaty.statement.Declaration;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.Dispute;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowReveal;
import org.countersign.treaty.statement.EscrowStatement;
import org.countersign.treaty.statement.EscrowTotal;
import org.countersign.treaty.statement.InspectionFinding;
import org.countersign.treaty.statement.InspectionReport;
import org.countersign.treaty.statement.InspectionRequest;
import org.countersign.treaty.statement.InspectionStatement;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.KeyRotation;
import org.countersign.treaty.statement.LaunchNotification;
import org.countersign.treaty.statement.NegotiationStatement;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.RandomnessCommit;
import org.countersign.treaty.statement.RandomnessReveal;
import org.countersign.treaty.statement.RevealSelection;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.Suspension;
import org.countersign.treaty.statement.TreatyAdoption;
import org.countersign.treaty.statement.Withdrawal;

/**
 * Whether a well-formed statement makes sense under a treaty: the check the server runs before it
 * logs a statement, and the engine runs again on replay.
 *
 * <p>It checks what the statement record cannot know by itself: that the treaty id matches, that
 * the author is a participant whose role may make this kind of statement, and that every name
 * (category, status, change kind, limit, zone, attribute) is defined by the treaty and used
 * consistently (a status the category allows, an attribute within its range, an item id matching
 * the category's identifier pattern, a change that does what its kind says). It also enforces the
 * content that the treaty's duties require: a notification that triggers a duty must fill every
 * field that duty lists, and a scheduled data exchange must state the totals its calendar requires.
 * Signatures, keys and clock skew are the server's business.
 *
 * <p>Escrow and inspection statements are checked here for what the treaty file decides (names,
 * roles, the treaty year of a request, how many items one inspection examines); the rules that
 * depend on what is already logged (a reveal of a logged commitment, quotas, the draw's order) are
 * {@link ComplianceEngine#checkAdmissible}'s.
 */
public final class Admission {
  private Admission() {}

  /**
   * Checks {@code statement} against {@code treaty}.
   *
   * @throws InvalidStatementException naming the field and the offending value
   */
  public static void check(Treaty treaty, Statement statement) throws InvalidStatementException {
    String kind = statement.kind();
    if (!statement.treaty().equals(treaty.id())) {
      throw refuse(
          kind, "names treaty " + q(statement.treaty()) + ", but this treaty is " + q(treaty.id()));
    }
    Party author =
        treaty
            .party(statement.author())
            .orElseThrow(
                () ->
                    refuse(
                        kind,
                        "author "
                            + q(statement.author())
                            + " is not a participant of "
                            + treaty.id()));
    switch (statement) {
      case NegotiationStatement n ->
          // A treaty in force and a negotiation each keep a log of their own.
          throw refuse(
              kind,
              "is a negotiation statement; it belongs on the negotiation's own log, not on the"
                  + " log of treaty "
                  + treaty.id());
      case PartyKeyRegistration r -> {}
      case KeyRotation r -> {}
      case TreatyAdoption a -> {}
      case Declaration d -> {
        requireParty(kind, author);
        for (int i = 0; i < d.items().size(); i++) {
          checkItem(treaty, kind, "items[" + i + "]", d.items().get(i));
        }
      }
      case ChangeNotification c -> {
        requireParty(kind, author);
        checkChange(treaty, kind, c);
      }
      case LaunchNotification l -> {
        requireParty(kind, author);
        Category cat = category(treaty, kind, "category", l.category());
        if (!l.item().isEmpty() && !cat.identifier().matcher(l.item()).matches()) {
          throw refuse(
              kind,
              "item "
                  + q(l.item())
                  + " does not match the "
                  + cat.id()
                  + " identifier pattern "
                  + cat.identifier().pattern());
        }
        for (NotificationDuty duty : treaty.notifications()) {
          if (duty.trigger().matchesLaunch(l.category())) {
            for (String field : duty.content()) {
              String v =
                  switch (field) {
                    case "item" -> l.item();
                    case "launchArea" -> l.launchArea();
                    case "impactArea" -> l.impactArea();
                    default -> "x";
                  };
              if (v.isEmpty()) {
                throw refuse(kind, field + " is required by duty " + duty.id());
              }
            }
          }
        }
      }
      case DataExchangeUpdate x -> {
        requireParty(kind, author);
        for (String limit : x.totals().keySet()) {
          if (treaty.limit(limit).isEmpty()) {
            throw refuse(
                kind,
                "totals names unknown limit "
                    + q(limit)
                    + "; limits: "
                    + treaty.limits().stream().map(l -> l.id()).toList());
          }
        }
        for (DataExchangeSchedule s : treaty.dataExchanges()) {
          if (s.isAsOfDate(x.asOf())) {
            for (String limit : s.totals()) {
              if (!x.totals().containsKey(limit)) {
                throw refuse(
                    kind,
                    "totals lacks "
                        + limit
                        + ", which the "
                        + s.id()
                        + " data exchange as of "
                        + x.asOf()
                        + " must state");
              }
            }
          }
        }
      }
      case Dispute d -> {
        requireParty(kind, author);
        Party respondent =
            treaty
                .party(d.respondent())
                .orElseThrow(
                    () ->
                        refuse(kind, "respondent " + q(d.respondent()) + " is not a participant"));
        if (respondent.role() != Role.PARTY) {
          throw refuse(
              kind,
              "respondent "
                  + respondent.id()
                  + " is "
                  + respondent.role().id()
                  + ", not a party: only parties' items can be disputed");
        }
        status(treaty, kind, "declaredStatus", d.declaredStatus());
        if (!d.readingStatus().isEmpty()) {
          status(treaty, kind, "readingStatus", d.readingStatus());
        }
        for (String attr : d.readingAttributes().keySet()) {
          if (treaty.categories().stream().noneMatch(c -> c.attribute(attr).isPresent())) {
            throw refuse(kind, "readingAttributes names " + q(attr) + ", which no category has");
          }
        }
      }
      case Suspension s -> requireParty(kind, author);
      case Withdrawal w -> requireParty(kind, author);
      case EscrowStatement e -> {
        requireParty(kind, author);
        checkEscrow(treaty, kind, e);
      }
      case InspectionStatement e -> {
        requireParty(kind, author);
        checkInspection(treaty, kind, e);
      }
    }
  }

  /**
   * A commitment's totals name the treaty's categories, statuses each category has, and its
   * attributes; a region reveal names a category or zone the treaty has. (The opened items
   * themselves are not checked here: they are what was committed, and the report compares them with
   * the totals.)
   */
  private static void checkEscrow(Treaty treaty, String kind, EscrowStatement statement)
      throws InvalidStatementException {
    switch (statement) {
      case EscrowCommitment c -> {
        for (int i = 0; i < c.totals().size(); i++) {
          EscrowTotal t = c.totals().get(i);
          String at = "totals[" + i + "] (" + t.category() + "/" + t.status() + ")";
          Category cat = category(treaty, kind, at + ".category", t.category());
          if (!cat.statuses().contains(t.status())) {
            throw refuse(
                kind,
                at
                    + ".status: "
                    + q(t.status())
                    + " is not a status of "
                    + cat.id()
                    + " "
                    + cat.statuses());
          }
          for (String attr : t.attributeSums().keySet()) {
            if (cat.attribute(attr).isEmpty()) {
              throw refuse(
                  kind, at + ".attributeSums: " + cat.id() + " has no attribute " + q(attr));
            }
          }
        }
      }
      case EscrowReveal r -> {
        RevealSelection sel = r.selection();
        switch (sel.kind()) {
          case CATEGORY -> category(treaty, kind, "selection.value", sel.value());
          case ZONE -> zone(treaty, kind, "selection.value", sel.value());
          default -> {}
        }
      }
    }
  }

  /**
   * Inspections are made by a party on another party, in the treaty year of the request and while
   * the treaty is in force; a request draws no more items than one inspection of its type examines;
   * findings name the treaty's categories, statuses and zones. (Quotas, deadlines and the draw's
   * order are log-state rules: {@link ComplianceEngine#checkAdmissible}.)
   */
  private static void checkInspection(Treaty treaty, String kind, InspectionStatement statement)
      throws InvalidStatementException {
    switch (statement) {
      case InspectionRequest r -> {
        inspectedParty(treaty, kind, r.inspectedParty());
        LocalDate day = LocalDate.ofInstant(r.issuedAt(), ZoneOffset.UTC);
        if (!treaty.inForceOn(day)) {
          throw refuse(
              kind,
              "issued "
                  + RecordJson.formatInstant(r.issuedAt())
                  + ", when the treaty is not in force: inspections take place under a treaty in force");
        }
        int year = treaty.dates().treatyYearOf(day).number();
        if (r.treatyYear() != year) {
          throw refuse(
              kind,
              "treatyYear "
                  + r.treatyYear()
                  + " is not the treaty year of its"
                  + " issue date "
                  + day
                  + ", which is "
                  + year);
        }
        var quota = treaty.inspectionQuota(r.inspectionType());
        if (quota.isPresent() && r.sampleSize() > quota.get().itemsPerInspection()) {
          throw refuse(
              kind,
              "sampleSize "
                  + r.sampleSize()
                  + " is more than the "
                  + quota.get().itemsPerInspection()
                  + " item(s) one "
                  + r.inspectionType()
                  + " inspection examines");
        }
      }
      case InspectionReport r -> {
        inspectedParty(treaty, kind, r.inspectedParty());
        zone(treaty, kind, "zone", r.zone());
        for (int i = 0; i < r.findings().size(); i++) {
          InspectionFinding f = r.findings().get(i);
          String at = "findings[" + i + "] (" + f.itemId() + ")";
          if (!f.category().isEmpty()) {
            Category cat = category(treaty, kind, at + ".category", f.category());
            for (String attr : f.observed().keySet()) {
              if (cat.attribute(attr).isEmpty()) {
                throw refuse(kind, at + ".observed: " + cat.id() + " has no attribute " + q(attr));
              }
            }
          }
          if (!f.status().isEmpty()) {
            status(treaty, kind, at + ".status", f.status());
          }
        }
      }
      case RandomnessCommit c -> {}
      case RandomnessReveal v -> {}
    }
  }

  private static void inspectedParty(Treaty treaty, String kind, String id)
      throws InvalidStatementException {
    Party p =
        treaty
            .party(id)
            .orElseThrow(
                () ->
                    refuse(
                        kind,
                        "inspectedParty " + q(id) + " is not a participant of " + treaty.id()));
    if (p.role() != Role.PARTY) {
      throw refuse(
          kind,
          "inspectedParty "
              + p.id()
              + " is "
              + p.role().id()
              + ", not a party: only parties are inspected");
    }
  }

  private static void requireParty(String kind, Party author) throws InvalidStatementException {
    if (author.role() != Role.PARTY) {
      throw refuse(kind, "is for parties; " + author.id() + " is " + author.role().id());
    }
  }

  private static void checkItem(Treaty treaty, String kind, String where, DeclaredItem item)
      throws InvalidStatementException {
    String at = where + " (" + item.id() + ")";
    Category cat = category(treaty, kind, at + ".category", item.category());
    if (!cat.identifier().matcher(item.id()).matches()) {
      throw refuse(
          kind,
          at
              + ": id does not match the "
              + cat.id()
              + " identifier pattern "
              + cat.identifier().pattern());
    }
    if (!cat.statuses().contains(item.status())) {
      throw refuse(
          kind,
          at
              + ".status: "
              + q(item.status())
              + " is not a status of "
              + cat.id()
              + " "
              + cat.statuses());
    }
    zone(treaty, kind, at + ".zone", item.zone());
    type(kind, at + ".type", cat, item.type());
    attributes(kind, at + ".attributes", cat, item.attributes());
    for (AttributeDef def : cat.attributes()) {
      if (def.required() && !item.attributes().containsKey(def.id())) {
        throw refuse(kind, at + ".attributes: " + cat.id() + " requires " + def.id());
      }
    }
  }

  /** A stated type must be one the category defines; an empty one states nothing. */
  private static void type(String kind, String at, Category cat, String type)
      throws InvalidStatementException {
    if (!type.isEmpty() && !cat.hasType(type)) {
      throw refuse(
          kind,
          at
              + ": "
              + q(type)
              + " is not a type of "
              + cat.id()
              + (cat.types().isEmpty()
                  ? " (the treaty defines none)"
                  : " " + cat.types().stream().map(t -> t.id()).toList()));
    }
  }

  private static void checkChange(Treaty treaty, String kind, ChangeNotification c)
      throws InvalidStatementException {
    ChangeKind change =
        treaty
            .changeKind(c.change())
            .orElseThrow(
                () ->
                    refuse(
                        kind,
                        "change "
                            + q(c.change())
                            + " is not a change kind of "
                            + treaty.id()
                            + "; kinds: "
                            + treaty.changeKinds().stream().map(ChangeKind::id).toList()));
    Category cat = category(treaty, kind, "category", c.category());
    if (!cat.identifier().matcher(c.item()).matches()) {
      throw refuse(
          kind,
          "item "
              + q(c.item())
              + " does not match the "
              + cat.id()
              + " identifier pattern "
              + cat.identifier().pattern());
    }
    if (!c.status().isEmpty() && !cat.statuses().contains(c.status())) {
      throw refuse(
          kind,
          "status " + q(c.status()) + " is not a status of " + cat.id() + " " + cat.statuses());
    }
    zone(treaty, kind, "zone", c.zone());
    type(kind, "type", cat, c.type());
    if (!c.type().isEmpty() && !change.appliesToType(c.type())) {
      throw refuse(
          kind,
          "type: a "
              + change.id()
              + " applies to "
              + String.join(", ", change.types())
              + ", not to "
              + q(c.type()));
    }
    attributes(kind, "attributes", cat, c.attributes());
    ChangeEffect effect = change.effect();
    switch (effect) {
      case APPEAR -> {
        if (c.status().isEmpty() || c.site().isEmpty()) {
          throw refuse(kind, "a " + change.id() + " change states the new item's status and site");
        }
        for (AttributeDef def : cat.attributes()) {
          if (def.required() && !c.attributes().containsKey(def.id())) {
            throw refuse(kind, "attributes: a new " + cat.id() + " states " + def.id());
          }
        }
      }
      case STATUS -> {
        if (c.status().isEmpty()) {
          throw refuse(kind, "a " + change.id() + " change states the new status");
        }
      }
      case RELOCATE -> {
        if (c.site().isEmpty() && c.zone().isEmpty()) {
          throw refuse(kind, "a " + change.id() + " change states the new site or zone");
        }
      }
      case ATTRIBUTES -> {
        if (c.attributes().isEmpty()) {
          throw refuse(kind, "a " + change.id() + " change states the new attributes");
        }
      }
    }
    if ((effect == ChangeEffect.RELOCATE || effect == ChangeEffect.ATTRIBUTES)
        && !c.status().isEmpty()) {
      throw refuse(kind, "a " + change.id() + " change does not change status; leave status empty");
    }
    if (!change.toStatuses().isEmpty()
        && !c.status().isEmpty()
        && !change.toStatuses().contains(c.status())) {
      throw refuse(
          kind,
          "a "
              + change.id()
              + " change leads to "
              + change.toStatuses()
              + ", not to "
              + q(c.status()));
    }
    for (NotificationDuty duty : treaty.notifications()) {
      if (!duty.trigger().matchesChange(c.change(), c.category())) {
        continue;
      }
      for (String field : duty.content()) {
        boolean filled =
            switch (field) {
              case "status" -> !c.status().isEmpty();
              case "site" -> !c.site().isEmpty();
              case "zone" -> !c.zone().isEmpty();
              default -> c.attributes().containsKey(field.substring("attributes.".length()));
            };
        if (!filled) {
          throw refuse(
              kind,
              field
                  + " is required by duty "
                  + duty.id()
                  + " for a "
                  + change.id()
                  + " of a "
                  + cat.id());
        }
      }
    }
  }

  private static Category category(Treaty treaty, String kind, String field, String id)
      throws InvalidStatementException {
    return treaty
        .category(id)
        .orElseThrow(
            () -> refuse(kind, field + ": " + q(id) + " is not a category of " + treaty.id()));
  }

  private static void status(Treaty treaty, String kind, String field, String id)
      throws InvalidStatementException {
    if (treaty.status(id).isEmpty()) {
      throw refuse(kind, field + ": " + q(id) + " is not a status of " + treaty.id());
    }
  }

  private static void zone(Treaty treaty, String kind, String field, String zone)
      throws InvalidStatementException {
    if (!zone.isEmpty() && treaty.zone(zone).isEmpty()) {
      throw refuse(kind, field + ": " + q(zone) + " is not a zone of " + treaty.id());
    }
  }

  private static void attributes(String kind, String field, Category cat, Map<String, Long> attrs)
      throws InvalidStatementException {
    for (var e : attrs.entrySet()) {
      AttributeDef def =
          cat.attribute(e.getKey())
              .orElseThrow(
                  () ->
                      refuse(kind, field + ": " + cat.id() + " has no attribute " + q(e.getKey())));
      if (e.getValue() < def.min() || e.getValue() > def.max()) {
        throw refuse(
            kind,
            field
                + "."
                + def.id()
                + " must be "
                + def.min()
                + ".."
                + def.max()
                + ", got "
                + e.getValue());
      }
    }
  }

  private static InvalidStatementException refuse(String kind, String reason) {
    return new InvalidStatementException(kind + ": " + reason);
  }

  private static String q(String s) {
    return RecordJson.quote(s);
  }
}
