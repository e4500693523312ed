package org.countersign.treaty.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.countersign.treaty.compliance.ComplianceReport.DataExchangeFinding;
import org.countersign.treaty.compliance.ComplianceReport.DetectionFigure;
import org.countersign.treaty.compliance.ComplianceReport.DetectionLine;
import org.countersign.treaty.compliance.ComplianceReport.Discrepancy;
import org.countersign.treaty.compliance.ComplianceReport.DisputeFinding;
import org.countersign.treaty.compliance.ComplianceReport.DrawDelay;
import org.countersign.treaty.compliance.ComplianceReport.InadmissibleEntry;
import org.countersign.treaty.compliance.ComplianceReport.InspectionLine;
import org.countersign.treaty.compliance.ComplianceReport.InspectionQuotaLine;
import org.countersign.treaty.compliance.ComplianceReport.LimitLine;
import org.countersign.treaty.compliance.ComplianceReport.NotificationFinding;
import org.countersign.treaty.compliance.ComplianceReport.PartyReport;
import org.countersign.treaty.compliance.ComplianceReport.Reading;
import org.countersign.treaty.json.RecordJson;

/** The plain-text form of a report: deterministic, one fact per line, evidence in brackets. */
final class ReportText {
  private ReportText() {}

  static String of(ComplianceReport r) {
    var b = new StringBuilder();
    b.append("Compliance report for ")
        .append(r.treaty())
        .append(" at ")
        .append(RecordJson.formatInstant(r.at()))
        .append('\n');
    b.append("Treaty text digest ").append(r.treatyDigest()).append('\n');
    b.append(
            r.view().equals(ReportView.AS_KNOWN.id())
                ? "View: as known at "
                    + RecordJson.formatInstant(r.at())
                    + " (only statements issued by then; "
                : "View: retrospective about "
                    + RecordJson.formatInstant(r.at())
                    + " (every entry logged since; ")
        .append(r.laterEntries())
        .append(
            r.view().equals(ReportView.AS_KNOWN.id())
                ? " issued later left out)"
                : " issued later used)")
        .append('\n');
    b.append("Log: ")
        .append(r.entries())
        .append(" entries applied")
        .append(r.lastIndex() >= 0 ? ", last index " + r.lastIndex() : "")
        .append('\n');
    var s = r.status();
    b.append("Treaty ")
        .append(s.inForce() ? "in force" : "not in force")
        .append("; signed ")
        .append(s.signed())
        .append(", entry into force ")
        .append(s.entryIntoForce())
        .append(", expires ")
        .append(s.expiry())
        .append(s.treatyYear() > 0 ? ", treaty year " + s.treatyYear() : "")
        .append("\n\n");
    for (PartyReport p : r.parties()) {
      party(b, p);
    }
    b.append("Notifications: ")
        .append(r.notificationsOnTime())
        .append(" on time, ")
        .append(count(r.notifications(), "late"))
        .append(" late, ")
        .append(count(r.notifications(), "missing"))
        .append(" missing\n");
    for (NotificationFinding n : r.notifications()) {
      b.append("  ")
          .append(n.status().toUpperCase(java.util.Locale.ROOT))
          .append(' ')
          .append(n.party())
          .append(' ')
          .append(n.duty())
          .append(": ")
          .append(n.trigger())
          .append(' ')
          .append(n.item())
          .append(" (")
          .append(n.category())
          .append(n.change().isEmpty() ? "" : ", " + n.change())
          .append(")")
          .append(n.eventAt() == null ? "" : ", event " + RecordJson.formatInstant(n.eventAt()))
          .append(", due ")
          .append(RecordJson.formatInstant(n.deadline()))
          .append(
              n.notifiedAt() == null
                  ? ""
                  : ", notified " + RecordJson.formatInstant(n.notifiedAt()))
          .append(n.whileSuspended() ? ", while suspended" : "")
          .append(". ")
          .append(n.detail())
          .append(' ')
          .append(entries(n.evidence()))
          .append('\n');
    }
    b.append("\nData exchanges:").append(r.dataExchanges().isEmpty() ? " none due\n" : "\n");
    for (DataExchangeFinding x : r.dataExchanges()) {
      b.append("  ")
          .append(x.party())
          .append(' ')
          .append(x.exchange())
          .append(" as of ")
          .append(x.asOf())
          .append(": ")
          .append(x.status())
          .append(
              x.providedAt() == null
                  ? ""
                  : ", provided " + RecordJson.formatInstant(x.providedAt()))
          .append(", due ")
          .append(RecordJson.formatInstant(x.deadline()))
          .append(x.whileSuspended() ? ", while suspended" : "")
          .append(' ')
          .append(entries(x.evidence()))
          .append('\n');
    }
    b.append("\nDiscrepancies:").append(r.discrepancies().isEmpty() ? " none\n" : "\n");
    for (Discrepancy x : r.discrepancies()) {
      b.append("  ")
          .append(x.party())
          .append(' ')
          .append(x.date())
          .append(' ')
          .append(x.kind())
          .append(x.item().isEmpty() ? "" : " " + x.item())
          .append(": ")
          .append(x.detail())
          .append(' ')
          .append(entries(x.evidence()))
          .append('\n');
    }
    b.append("\nDisputes:").append(r.disputes().isEmpty() ? " none\n" : "\n");
    for (DisputeFinding d : r.disputes()) {
      b.append("  entry ")
          .append(d.index())
          .append(": ")
          .append(d.by())
          .append(" contests ")
          .append(d.items().size())
          .append(" item(s) of ")
          .append(d.against())
          .append(" declared ")
          .append(d.declaredStatus())
          .append(", reading ")
          .append(d.readingStatus().isEmpty() ? "" : d.readingStatus())
          .append(d.readingAttributes().isEmpty() ? "" : " " + d.readingAttributes())
          .append("; applies to ")
          .append(d.applies().size())
          .append(" now")
          .append(
              d.unknownItems().isEmpty()
                  ? ""
                  : ", " + d.unknownItems().size() + " not in the item-level inventory")
          .append(". ")
          .append(d.reason())
          .append('\n');
    }
    inspections(b, r);
    b.append("\nInadmissible entries:").append(r.inadmissible().isEmpty() ? " none\n" : "\n");
    for (InadmissibleEntry x : r.inadmissible()) {
      b.append("  entry ")
          .append(x.index())
          .append(" (")
          .append(x.kind())
          .append(" by ")
          .append(x.author())
          .append("): ")
          .append(x.reason())
          .append('\n');
    }
    return b.toString();
  }

  /** Quotas, draws and reports, then what the treaty's quotas can catch. */
  private static void inspections(StringBuilder b, ComplianceReport r) {
    b.append("\nInspection quotas:").append(r.inspectionQuotas().isEmpty() ? " none\n" : "\n");
    for (InspectionQuotaLine q : r.inspectionQuotas()) {
      b.append("  ")
          .append(q.party())
          .append(' ')
          .append(q.inspectionType())
          .append(", treaty year ")
          .append(q.treatyYear())
          .append(": ")
          .append(q.used())
          .append(" of ")
          .append(q.quota())
          .append(" used, ")
          .append(q.remaining())
          .append(" remaining")
          .append(q.refused() > 0 ? ", " + q.refused() + " refused" : "")
          .append(' ')
          .append(entries(q.evidence()))
          .append('\n');
    }
    b.append("\nInspections:").append(r.inspections().isEmpty() ? " none\n" : "\n");
    for (InspectionLine x : r.inspections()) {
      b.append("  entry ")
          .append(x.entry())
          .append(", request ")
          .append(x.requestId())
          .append(": ")
          .append(x.inspecting())
          .append(" inspects ")
          .append(x.inspected())
          .append(" at ")
          .append(x.site())
          .append(" (")
          .append(x.inspectionType())
          .append(", treaty year ")
          .append(x.treatyYear())
          .append("); draw ")
          .append(x.draw());
      if (x.seed() != null) {
        b.append(", seed ")
            .append(x.seed())
            .append(", designated position ")
            .append(x.positions().get(0));
        if (x.designatedItem() != null) {
          b.append(" = item ").append(x.designatedItem());
        }
      }
      for (DrawDelay d : x.delays()) {
        b.append("; ")
            .append(d.party())
            .append(" missed its ")
            .append(d.missed())
            .append(" deadline");
      }
      b.append(
          x.report() == null
              ? "; no report"
              : "; report in entry " + x.report() + ", designated item " + x.designatedCheck());
      b.append(' ').append(entries(x.evidence())).append('\n');
    }
    b.append("\nDetection probability of the treaty's inspection quotas:")
        .append(r.detection().isEmpty() ? " no population declared\n" : "\n");
    for (DetectionLine d : r.detection()) {
      b.append("  ")
          .append(d.party())
          .append(' ')
          .append(d.inspectionType())
          .append(": ")
          .append(d.population())
          .append(" declared items (")
          .append(d.populationSource())
          .append(" as of ")
          .append(d.asOf())
          .append(") ")
          .append(entries(d.evidence()))
          .append('\n');
      for (DetectionFigure f : d.figures()) {
        b.append("    ")
            .append(f.sentence())
            .append("; ")
            .append(f.smallestSampleFor95())
            .append(" a year would reach 95% (IAEA approximation ")
            .append(f.iaeaSampleFor95())
            .append(")\n");
      }
    }
  }

  private static void party(StringBuilder b, PartyReport p) {
    b.append(p.party())
        .append(" - ")
        .append(p.name())
        .append(" (")
        .append(p.role())
        .append(", joins ")
        .append(p.joins())
        .append("): ")
        .append(p.standing());
    if (p.suspendedSince() != null) {
      b.append(", suspension declared effective ")
          .append(p.suspendedSince())
          .append(" [entry ")
          .append(p.suspensionEntry())
          .append(']');
    }
    if (p.withdrawalEffective() != null) {
      b.append(", withdrawal effective ")
          .append(p.withdrawalEffective())
          .append(" [entry ")
          .append(p.withdrawalEntry())
          .append(']');
    }
    b.append(
            p.adoption() == null
                ? ", has not adopted this treaty text"
                : ", adopted this treaty text [entry " + p.adoption() + "]")
        .append('\n');
    for (LimitLine l : p.limits()) {
      b.append("  ")
          .append(l.limit())
          .append(l.zone().isEmpty() ? "" : " (zone " + l.zone() + ")")
          .append(": ");
      if (l.total() == null) {
        b.append("no declared total").append(" / ").append(l.value());
        if (!l.note().isEmpty()) {
          b.append(" (escrow as of ").append(l.asOf()).append(": ").append(l.note()).append(')');
        }
      } else {
        b.append(l.total()).append(" / ").append(l.value()).append(", margin ").append(l.margin());
      }
      b.append(l.inForce() ? ", in force" : ", not in force (binds from " + l.bindsFrom() + ")");
      if (l.breach()) {
        b.append(", EXCEEDED WHILE IN FORCE");
      } else if (l.exceeded()) {
        b.append(", exceeded (lawful: not in force)");
      }
      if (l.total() != null) {
        b.append("; ")
            .append(l.source())
            .append(" as of ")
            .append(l.asOf())
            .append(
                l.publication().equals("not-published")
                    ? " (NOT PUBLISHED: the party's data exchange of that date leaves it out)"
                    : "")
            .append(' ')
            .append(entries(l.evidence()));
      }
      b.append('\n');
      for (Reading x : l.readings()) {
        b.append("    under ")
            .append(x.by())
            .append("'s reading: ")
            .append(x.total())
            .append(" / ")
            .append(l.value())
            .append(", margin ")
            .append(x.margin())
            .append(x.exceeded() ? ", exceeded" : "")
            .append(' ')
            .append(entries(x.evidence()))
            .append('\n');
      }
    }
    b.append('\n');
  }

  private static long count(List<NotificationFinding> list, String status) {
    return list.stream().filter(n -> n.status().equals(status)).count();
  }

  /** Evidence in brackets; long lists are abbreviated (the JSON form has them all). */
  private static String entries(List<Long> evidence) {
    if (evidence.isEmpty()) {
      return "[no entries]";
    }
    String shown =
        evidence.stream().limit(12).map(String::valueOf).collect(Collectors.joining(", "));
    return "[entr"
        + (evidence.size() == 1 ? "y " : "ies ")
        + shown
        + (evidence.size() > 12 ? ", ... " + (evidence.size() - 12) + " more" : "")
        + "]";
  }

  /** A duration in words, e.g. "2 days 3 hours" or "40 seconds". */
  static String duration(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    if (days > 0) {
      return days + (days == 1 ? " day" : " days") + (hours > 0 ? " " + hours + " h" : "");
    }
    if (hours > 0) {
      return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
    }
    return minutes > 0 ? minutes + " min" : d.toSeconds() + " s";
  }
}
