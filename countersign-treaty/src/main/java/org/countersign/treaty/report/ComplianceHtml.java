package org.countersign.treaty.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.countersign.log.Hash;
import org.countersign.treaty.compliance.ComplianceReport;
import org.countersign.treaty.compliance.ComplianceReport.DataExchangeFinding;
import org.countersign.treaty.compliance.ComplianceReport.DetectionFigure;
import org.countersign.treaty.compliance.ComplianceReport.DetectionLine;
import org.countersign.treaty.compliance.ComplianceReport.Discrepancy;
import org.countersign.treaty.compliance.ComplianceReport.DisputeFinding;
import org.countersign.treaty.compliance.ComplianceReport.InadmissibleEntry;
import org.countersign.treaty.compliance.ComplianceReport.InspectionLine;
import org.countersign.treaty.compliance.ComplianceReport.InspectionQuotaLine;
import org.countersign.treaty.compliance.ComplianceReport.LimitLine;
import org.countersign.treaty.compliance.ComplianceReport.NotificationFinding;
import org.countersign.treaty.compliance.ComplianceReport.PartyReport;
import org.countersign.treaty.compliance.ComplianceReport.Reading;
import org.countersign.treaty.json.RecordJson;
import org.countersign.treaty.model.Limit;
import org.countersign.treaty.model.Treaty;
import org.jspecify.annotations.Nullable;

/**
 * A compliance report as a document a verification officer can hand to a minister: one section per
 * participant with, for each limit, the counted number, the ceiling, the margin, whether the
 * ceiling binds on the day, the verdict, and the log entries the number rests on.
 *
 * <h2>Evidence</h2>
 *
 * <p>Each cited entry links to the entry itself ({@code entries/<i>}) and to its inclusion proof
 * against the checkpoint printed in the header ({@code proofs/inclusion?index=<i>&size=<n>}), so
 * that a reader can check every number back to statements signed by the parties. The header also
 * prints the SHA-256 of the report's canonical JSON: the digest an observer's offline replay of the
 * same prefix ({@code countersign compliance --log ... --format json}) must reproduce.
 *
 * <h2>Form</h2>
 *
 * <p>The page is self-contained (inline CSS, no script, no external resource), escapes every piece
 * of text that comes from the log, and prints well: each participant starts on a new page, and the
 * colours that mark a verdict are backed by words. Long evidence lists show their first {@value
 * #SHOWN_EVIDENCE} entries; the JSON form has them all.
 */
public final class ComplianceHtml {
  /** How many evidence entries a cell lists before abbreviating. */
  static final int SHOWN_EVIDENCE = 24;

  private static final String CSS =
      """
      :root { color-scheme: light; }
      body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #111; margin: 2em auto;
        max-width: 60em; padding: 0 1.5em; }
      h1 { font-size: 1.7em; margin: 0 0 .2em; }
      h2 { font-size: 1.35em; border-bottom: 2px solid #111; padding-bottom: .15em; margin-top: 2em; }
      h3 { font-size: 1.05em; margin: 1.4em 0 .4em; }
      .sub { margin: 0 0 1em; color: #333; }
      table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; }
      th, td { border: 1px solid #999; padding: .25em .45em; text-align: left; vertical-align: top; }
      th { background: #eee; font-weight: bold; }
      table.meta th { width: 13em; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      .verdict { font-weight: bold; white-space: nowrap; }
      tr.breach td { background: #fbe3e3; }
      tr.breach .verdict { color: #8b0000; }
      tr.lawful td { background: #fff4d6; }
      tr.within .verdict { color: #14532d; }
      tr.reading td { font-style: italic; background: #f6f6f6; }
      .evidence { font: 9pt/1.4 "DejaVu Sans Mono", Menlo, monospace; }
      .evidence a { color: #1a4e8a; }
      .mono { font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: 9pt; word-break: break-all; }
      pre.note { font-size: 8.5pt; background: #f6f6f6; border: 1px solid #ccc; padding: .5em;
        white-space: pre-wrap; word-break: break-all; }
      .none { color: #555; font-style: italic; }
      footer { margin-top: 3em; font-size: 9.5pt; color: #333; border-top: 1px solid #999; }
      @media print {
        body { margin: 0; max-width: none; font-size: 10pt; }
        section.party { break-before: page; }
        a { color: inherit; text-decoration: none; }
        tr { break-inside: avoid; }
        tr.breach td, tr.lawful td, tr.reading td, th { -webkit-print-color-adjust: exact;
          print-color-adjust: exact; }
      }
      """;

  private final Treaty treaty;
  private final ReportAnchor anchor;

  /** A renderer for reports replayed under {@code treaty}, anchored at {@code anchor}. */
  public ComplianceHtml(Treaty treaty, ReportAnchor anchor) {
    this.treaty = treaty;
    this.anchor = anchor;
  }

  /** The HTML document for {@code report} (a whole report or a {@link PartyView}). */
  public String render(ComplianceReport report) {
    var h = new StringBuilder(16 * 1024);
    String at = RecordJson.formatInstant(report.at());
    String who =
        report.parties().size() == 1
            ? report.parties().get(0).name() + " (" + report.parties().get(0).party() + ")"
            : "all participants";
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Compliance report: ")
        .append(esc(who))
        .append(", ")
        .append(esc(report.treaty()))
        .append(", at ")
        .append(esc(at))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    header(h, report, who, at);
    for (PartyReport p : report.parties()) {
      party(h, report, p);
    }
    footer(h, report);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private void header(StringBuilder h, ComplianceReport r, String who, String at) {
    var s = r.status();
    h.append("<header>\n<h1>Compliance report</h1>\n<p class=\"sub\">")
        .append(esc(treaty.name()))
        .append(" &middot; ")
        .append(esc(who))
        .append("</p>\n<table class=\"meta\">\n");
    row(h, "As at", esc(at.replace('T', ' ').replace("Z", " UTC")));
    row(
        h,
        "View",
        r.view().equals("as-known")
            ? "as known then: only statements issued by this time ("
                + r.laterEntries()
                + " issued later left out)"
            : "retrospective: every entry logged since ("
                + r.laterEntries()
                + " issued later used)");
    row(
        h,
        "Treaty",
        esc(r.treaty())
            + ": "
            + (s.inForce() ? "<strong>in force</strong>" : "<strong>not in force</strong>")
            + "; signed "
            + s.signed()
            + ", entry into force "
            + s.entryIntoForce()
            + ", expires "
            + s.expiry()
            + (s.treatyYear() > 0 ? "; treaty year " + s.treatyYear() : ""));
    row(
        h,
        "Log replayed",
        esc(anchor.origin())
            + ": the first "
            + num(r.entries())
            + " entries"
            + (r.entries() > 0 ? " (indexes 0 to " + num(r.entries() - 1) + ")" : ""));
    row(
        h,
        "Checkpoint",
        "size "
            + num(anchor.checkpointSize())
            + ", root <span class=\"mono\">"
            + esc(anchor.checkpointRoot())
            + "</span>; every inclusion proof below is against it");
    row(h, "Treaty text digest", "<span class=\"mono\">" + esc(r.treatyDigest()) + "</span>");
    row(
        h,
        "Report digest",
        "<span class=\"mono\">"
            + Hash.sha256(r.canonicalJson().getBytes(StandardCharsets.UTF_8)).hex()
            + "</span> (SHA-256 of the canonical JSON report)");
    h.append("</table>\n</header>\n");
  }

  private void party(StringBuilder h, ComplianceReport r, PartyReport p) {
    h.append("<section class=\"party\" id=\"party-")
        .append(esc(p.party()))
        .append("\">\n<h2>")
        .append(esc(p.name()))
        .append(" (")
        .append(esc(p.party()))
        .append(")</h2>\n<p>")
        .append(standing(p))
        .append("</p>\n");
    if (!p.limits().isEmpty()) {
      h.append("<h3>Limits</h3>\n<table class=\"limits\">\n<thead><tr><th>Limit</th>")
          .append("<th class=\"num\">Counted</th><th class=\"num\">Ceiling</th>")
          .append("<th class=\"num\">Margin</th><th>Binding on this day</th><th>Verdict</th>")
          .append("<th>Basis</th><th>Evidence (log entries)</th></tr></thead>\n<tbody>\n");
      for (LimitLine l : p.limits()) {
        limit(h, l);
      }
      h.append("</tbody>\n</table>\n");
    }
    notifications(h, r, p.party());
    exchanges(h, r, p.party());
    discrepancies(h, r, p.party());
    disputes(h, r, p.party());
    inspections(h, r, p.party());
    inadmissible(h, r, p.party());
    h.append("</section>\n");
  }

  private String standing(PartyReport p) {
    var b = new StringBuilder();
    b.append("Role: ")
        .append(esc(p.role()))
        .append(", joins ")
        .append(p.joins())
        .append(". Standing on this day: <strong>")
        .append(esc(p.standing().replace('-', ' ')))
        .append("</strong>.");
    if (p.adoption() != null) {
      b.append(" Adopted this treaty text: ").append(evidence(List.of(p.adoption()))).append('.');
    } else if (p.role().equals("party")) {
      b.append(" Has not adopted this treaty text in the log.");
    }
    if (p.suspendedSince() != null && p.suspensionEntry() != null) {
      b.append(" Declared a suspension effective ")
          .append(p.suspendedSince())
          .append(": ")
          .append(evidence(List.of(p.suspensionEntry())))
          .append('.');
    }
    if (p.withdrawalEffective() != null && p.withdrawalEntry() != null) {
      b.append(" Withdrawal takes effect ")
          .append(p.withdrawalEffective())
          .append(": ")
          .append(evidence(List.of(p.withdrawalEntry())))
          .append('.');
    }
    return b.toString();
  }

  private void limit(StringBuilder h, LimitLine l) {
    String article = treaty.limit(l.limit()).map(Limit::article).orElse("");
    String css;
    String verdict;
    if (l.total() == null) {
      css = "unknown";
      verdict = "No declared total";
    } else if (l.breach()) {
      css = "breach";
      verdict = "EXCEEDED while binding";
    } else if (l.exceeded()) {
      css = "lawful";
      verdict = "Above ceiling, lawful (not yet binding)";
    } else {
      css = "within";
      verdict = "Within the limit";
    }
    h.append("<tr class=\"").append(css).append("\"><td>").append(esc(l.name()));
    h.append("<br><small>").append(esc(l.limit()));
    if (!article.isEmpty()) {
      h.append(" &middot; ").append(esc(article));
    }
    if (!l.zone().isEmpty()) {
      h.append(" &middot; zone ").append(esc(l.zone()));
    }
    h.append("</small></td>")
        .append(cellNum(l.total()))
        .append(cellNum(l.value()))
        .append(cellNum(l.margin()))
        .append("<td>")
        .append(l.inForce() ? "Yes" : "No")
        .append(" (binds from ")
        .append(l.bindsFrom())
        .append(")</td><td class=\"verdict\">")
        .append(verdict)
        .append("</td><td>")
        .append(basis(l))
        .append("</td><td class=\"evidence\">")
        .append(evidence(l.evidence()))
        .append("</td></tr>\n");
    for (Reading x : l.readings()) {
      h.append("<tr class=\"reading\"><td>Under ")
          .append(esc(x.by()))
          .append("'s reading of disputed items</td>")
          .append(cellNum(x.total()))
          .append(cellNum(l.value()))
          .append(cellNum(x.margin()))
          .append("<td></td><td class=\"verdict\">")
          .append(x.exceeded() ? "Above ceiling" : "Within")
          .append("</td><td>dispute</td><td class=\"evidence\">")
          .append(evidence(x.evidence()))
          .append("</td></tr>\n");
    }
  }

  private static String basis(LimitLine l) {
    if (l.total() == null) {
      return l.note().isEmpty()
          ? "nothing declared"
          : "escrowed declaration as of " + l.asOf() + ": " + esc(l.note());
    }
    String what =
        switch (l.source()) {
          case "items" -> "items declared and notified";
          case "data-exchange" -> "published data exchange";
          case "escrow" -> "published totals of an escrowed declaration";
          default -> esc(l.source());
        };
    return what
        + (l.asOf() == null ? "" : ", as of " + l.asOf())
        + (l.publication().equals("not-published")
            ? " (not published: the party's data exchange of that date leaves it out)"
            : "");
  }

  private void notifications(StringBuilder h, ComplianceReport r, String party) {
    List<NotificationFinding> list =
        r.notifications().stream().filter(n -> n.party().equals(party)).toList();
    h.append("<h3>Notifications</h3>\n<p>")
        .append(num(r.notificationsOnTime()))
        .append(" notification duties met on time (all parties); ")
        .append(list.stream().filter(n -> n.status().equals("late")).count())
        .append(" late and ")
        .append(list.stream().filter(n -> n.status().equals("missing")).count())
        .append(" missing for ")
        .append(esc(party))
        .append(".</p>\n");
    if (list.isEmpty()) {
      return;
    }
    h.append("<table>\n<thead><tr><th>Status</th><th>Duty</th><th>Item</th><th>Due</th>")
        .append("<th>Notified</th><th>Detail</th><th>Evidence</th></tr></thead>\n<tbody>\n");
    for (NotificationFinding n : list) {
      h.append("<tr class=\"breach\"><td class=\"verdict\">")
          .append(esc(n.status().toUpperCase(Locale.ROOT)))
          .append(n.whileSuspended() ? " (while suspended)" : "")
          .append("</td><td>")
          .append(esc(n.duty()))
          .append("</td><td>")
          .append(esc(n.item()))
          .append("<br><small>")
          .append(esc(n.category()))
          .append(n.change().isEmpty() ? "" : ", " + esc(n.change()))
          .append("</small></td><td>")
          .append(instant(n.deadline()))
          .append("</td><td>")
          .append(n.notifiedAt() == null ? "&mdash;" : instant(n.notifiedAt()))
          .append("</td><td>")
          .append(esc(n.detail()))
          .append("</td><td class=\"evidence\">")
          .append(evidence(n.evidence()))
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private void exchanges(StringBuilder h, ComplianceReport r, String party) {
    List<DataExchangeFinding> list =
        r.dataExchanges().stream().filter(x -> x.party().equals(party)).toList();
    if (list.isEmpty()) {
      return;
    }
    h.append("<h3>Data exchanges</h3>\n<table>\n<thead><tr><th>Exchange</th><th>As of</th>")
        .append("<th>Due</th><th>Status</th><th>Provided</th><th>Evidence</th></tr></thead>\n")
        .append("<tbody>\n");
    for (DataExchangeFinding x : list) {
      String css =
          switch (x.status()) {
            case "on-time" -> "within";
            case "pending" -> "unknown";
            default -> "breach";
          };
      h.append("<tr class=\"")
          .append(css)
          .append("\"><td>")
          .append(esc(x.exchange()))
          .append("</td><td>")
          .append(x.asOf())
          .append("</td><td>")
          .append(instant(x.deadline()))
          .append("</td><td class=\"verdict\">")
          .append(esc(x.status()))
          .append(x.whileSuspended() ? " (while suspended)" : "")
          .append("</td><td>")
          .append(x.providedAt() == null ? "&mdash;" : instant(x.providedAt()))
          .append("</td><td class=\"evidence\">")
          .append(evidence(x.evidence()))
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private void discrepancies(StringBuilder h, ComplianceReport r, String party) {
    List<Discrepancy> list =
        r.discrepancies().stream().filter(x -> x.party().equals(party)).toList();
    h.append("<h3>Discrepancies between statements</h3>\n");
    if (list.isEmpty()) {
      h.append("<p class=\"none\">None.</p>\n");
      return;
    }
    h.append("<table>\n<thead><tr><th>Date</th><th>Kind</th><th>Item</th><th>Detail</th>")
        .append("<th>Evidence</th></tr></thead>\n<tbody>\n");
    for (Discrepancy x : list) {
      h.append("<tr><td>")
          .append(x.date())
          .append("</td><td>")
          .append(esc(x.kind()))
          .append("</td><td>")
          .append(esc(x.item()))
          .append("</td><td>")
          .append(esc(x.detail()))
          .append("</td><td class=\"evidence\">")
          .append(evidence(x.evidence()))
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private void disputes(StringBuilder h, ComplianceReport r, String party) {
    List<DisputeFinding> list =
        r.disputes().stream()
            .filter(d -> d.by().equals(party) || d.against().equals(party))
            .toList();
    if (list.isEmpty()) {
      return;
    }
    h.append("<h3>Disputes</h3>\n<table>\n<thead><tr><th>Entry</th><th>By</th><th>Against</th>")
        .append("<th>Items</th><th>Contested status and reading</th><th>Grounds</th></tr>")
        .append("</thead>\n<tbody>\n");
    for (DisputeFinding d : list) {
      h.append("<tr><td class=\"evidence\">")
          .append(evidence(List.of(d.index())))
          .append("</td><td>")
          .append(esc(d.by()))
          .append("</td><td>")
          .append(esc(d.against()))
          .append("</td><td>")
          .append(num(d.items().size()))
          .append(" contested, ")
          .append(num(d.applies().size()))
          .append(" in the contested status on this day")
          .append(
              d.unknownItems().isEmpty()
                  ? ""
                  : ", " + num(d.unknownItems().size()) + " not in the inventory")
          .append("</td><td>")
          .append(esc(d.declaredStatus()))
          .append(" read as ")
          .append(esc(d.readingStatus().isEmpty() ? d.declaredStatus() : d.readingStatus()))
          .append(
              d.readingAttributes().isEmpty() ? "" : " " + esc(d.readingAttributes().toString()))
          .append("</td><td>")
          .append(esc(d.reason()))
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private void inspections(StringBuilder h, ComplianceReport r, String party) {
    List<InspectionQuotaLine> quotas =
        r.inspectionQuotas().stream().filter(q -> q.party().equals(party)).toList();
    List<InspectionLine> requests =
        r.inspections().stream()
            .filter(i -> i.inspecting().equals(party) || i.inspected().equals(party))
            .toList();
    List<DetectionLine> detection =
        r.detection().stream().filter(d -> d.party().equals(party)).toList();
    if (quotas.isEmpty() && requests.isEmpty() && detection.isEmpty()) {
      return;
    }
    h.append("<h3>Inspections</h3>\n");
    if (!quotas.isEmpty()) {
      h.append("<table>\n<thead><tr><th>Type</th><th class=\"num\">Treaty year</th>")
          .append("<th class=\"num\">Quota</th><th class=\"num\">Used</th>")
          .append("<th class=\"num\">Refused</th><th class=\"num\">Remaining</th>")
          .append("<th>Evidence</th></tr></thead>\n<tbody>\n");
      for (InspectionQuotaLine q : quotas) {
        h.append("<tr><td>")
            .append(esc(q.inspectionType()))
            .append("</td>")
            .append(cellNum((long) q.treatyYear()))
            .append(cellNum((long) q.quota()))
            .append(cellNum((long) q.used()))
            .append(cellNum((long) q.refused()))
            .append(cellNum((long) q.remaining()))
            .append("<td class=\"evidence\">")
            .append(evidence(q.evidence()))
            .append("</td></tr>\n");
      }
      h.append("</tbody>\n</table>\n");
    }
    if (!requests.isEmpty()) {
      h.append("<table>\n<thead><tr><th>Request</th><th>Inspecting &rarr; inspected</th>")
          .append("<th>Type, year, site</th><th>Draw</th><th>Designated item</th>")
          .append("<th>Evidence</th></tr></thead>\n<tbody>\n");
      for (InspectionLine i : requests) {
        h.append("<tr><td>")
            .append(esc(i.requestId()))
            .append("</td><td>")
            .append(esc(i.inspecting()))
            .append(" &rarr; ")
            .append(esc(i.inspected()))
            .append("</td><td>")
            .append(esc(i.inspectionType()))
            .append(", year ")
            .append(i.treatyYear())
            .append(", ")
            .append(esc(i.site()))
            .append("</td><td>")
            .append(esc(i.draw()))
            .append("</td><td>")
            .append(esc(i.designatedCheck()))
            .append("</td><td class=\"evidence\">")
            .append(evidence(i.evidence()))
            .append("</td></tr>\n");
      }
      h.append("</tbody>\n</table>\n");
    }
    for (DetectionLine d : detection) {
      h.append("<p>")
          .append(esc(d.inspectionType()))
          .append(": a year's quota examines ")
          .append(num(d.perYear() * (long) d.itemsPerInspection()))
          .append(" of ")
          .append(num(d.population()))
          .append(" declared items (as of ")
          .append(d.asOf())
          .append(").</p>\n<ul>\n");
      for (DetectionFigure f : d.figures()) {
        h.append("<li>").append(esc(f.sentence())).append("</li>\n");
      }
      h.append("</ul>\n");
    }
  }

  private void inadmissible(StringBuilder h, ComplianceReport r, String party) {
    List<InadmissibleEntry> list =
        r.inadmissible().stream().filter(x -> x.author().equals(party)).toList();
    if (list.isEmpty()) {
      return;
    }
    h.append("<h3>Logged statements the treaty does not admit</h3>\n<table>\n<thead><tr>")
        .append("<th>Entry</th><th>Kind</th><th>Reason</th></tr></thead>\n<tbody>\n");
    for (InadmissibleEntry x : list) {
      h.append("<tr class=\"breach\"><td class=\"evidence\">")
          .append(evidence(List.of(x.index())))
          .append("</td><td>")
          .append(esc(x.kind()))
          .append("</td><td>")
          .append(esc(x.reason()))
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private void footer(StringBuilder h, ComplianceReport r) {
    String base = anchor.apiBase();
    h.append("<footer>\n<h3>How to check this report</h3>\n<p>Every number above is recomputed ")
        .append("from statements signed by the parties and recorded in the transparency log. ")
        .append("Each entry number links to the signed statement");
    if (base != null) {
      h.append(" (<span class=\"mono\">")
          .append(esc(base))
          .append("entries/&lt;i&gt;</span>) and to its inclusion proof against the checkpoint ")
          .append("below (<span class=\"mono\">")
          .append(esc(base))
          .append("proofs/inclusion?index=&lt;i&gt;&amp;size=")
          .append(anchor.checkpointSize())
          .append("</span>)");
    }
    h.append(". Anyone can replay the same log prefix with the same treaty file and obtain the ")
        .append("same report, byte for byte:</p>\n<pre class=\"note\">countersign compliance ")
        .append("--log LOG_URL_OR_MIRROR --treaty TREATY_FILE --vkey LOG_KEY --at ")
        .append(esc(RecordJson.formatInstant(r.at())))
        .append(" --size ")
        .append(r.entries())
        .append(" --format json | sha256sum</pre>\n<p>Signed checkpoint:</p>\n<pre class=\"note\">")
        .append(esc(anchor.checkpointNote()))
        .append("</pre>\n</footer>\n");
  }

  /** Evidence indexes as links to the entry and its inclusion proof, abbreviated when long. */
  private String evidence(List<Long> indexes) {
    if (indexes.isEmpty()) {
      return "<span class=\"none\">none</span>";
    }
    var b = new StringBuilder();
    int shown = Math.min(indexes.size(), SHOWN_EVIDENCE);
    String base = anchor.apiBase();
    for (int k = 0; k < shown; k++) {
      long i = indexes.get(k);
      if (k > 0) {
        b.append(", ");
      }
      if (base == null) {
        b.append('#').append(i);
      } else {
        b.append("<a href=\"")
            .append(esc(base))
            .append("entries/")
            .append(i)
            .append("\">#")
            .append(i)
            .append("</a>&nbsp;<a href=\"")
            .append(esc(base))
            .append("proofs/inclusion?index=")
            .append(i)
            .append("&amp;size=")
            .append(anchor.checkpointSize())
            .append("\" title=\"inclusion proof\">&#10003;proof</a>");
      }
    }
    if (indexes.size() > shown) {
      b.append(" &hellip; and ")
          .append(num(indexes.size() - shown))
          .append(" more (all are in the JSON report)");
    }
    return b.toString();
  }

  private static void row(StringBuilder h, String name, String html) {
    h.append("<tr><th>").append(name).append("</th><td>").append(html).append("</td></tr>\n");
  }

  private static String cellNum(@Nullable Long n) {
    return "<td class=\"num\">" + (n == null ? "&mdash;" : num(n)) + "</td>";
  }

  private static String num(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** An instant for a reader: {@code 2019-03-31 23:59:59 UTC}. */
  private static String instant(Instant t) {
    return esc(RecordJson.formatInstant(t).replace('T', ' ').replace("Z", " UTC"));
  }

  /** Escapes text for HTML element content and double-quoted attributes. */
  static String esc(String s) {
    var b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
