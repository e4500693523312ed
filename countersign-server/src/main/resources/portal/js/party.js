// A participant's page: what the compliance report of today says about it (the report's party
// view, /api/v1/compliance?party=ID), section by section, every finding with its evidence links.

import * as api from "./api.js";
import { evidenceLinks, table } from "./findings.js";
import { el, errorBox, fill, formatCount, formatInstant, keyValueTable, mark, param } from "./ui.js";

async function main() {
  const day = api.today();
  const wanted = param("party");
  let all;
  try {
    all = (await api.report(day)).report;
  } catch (e) {
    fill("party-list", e.code === "no-treaty" ? el("p", { id: "no-treaty" }, "This server keeps no compliance report (no treaty file).") : errorBox(e.message));
    return;
  }
  fill(
    "party-list",
    el(
      "ul",
      { class: "inline-list" },
      all.parties.map((p) => el("li", {}, el("a", { href: `/portal/party.html?party=${encodeURIComponent(p.party)}`, "aria-current": p.party === wanted ? "page" : null }, `${p.party} (${p.name}, ${p.role})`))),
    ),
  );
  if (!wanted) {
    fill("party", el("p", {}, "Choose a participant above."));
    return;
  }
  let r;
  try {
    r = (await api.report(day, wanted)).report;
  } catch (e) {
    fill("party", errorBox(e.message));
    return;
  }
  const me = r.parties.find((p) => p.party === wanted);
  fill("party-title", `${me.party}: ${me.name}`);
  document.title = `${me.party} · Parties · Countersign`;
  const exchanges = r.dataExchanges;
  const late = r.notifications.filter((n) => n.status === "late").length;
  const missing = r.notifications.filter((n) => n.status === "missing").length;
  fill(
    "party",
    section("Standing", "standing", [
      keyValueTable([
        ["Report", `${day} (23:59:59 UTC), over the first ${formatCount(r.entries)} entries`],
        ["Role", me.role],
        ["Standing", el("strong", { id: "party-standing" }, me.standing)],
        ["Joins", me.joins],
        ["Adopted the treaty text", me.adoption === null ? "not logged" : evidenceLinks([me.adoption])],
        ["Suspension", me.suspendedSince ? [`since ${me.suspendedSince} `, evidenceLinks([me.suspensionEntry])] : "none"],
        ["Withdrawal", me.withdrawalEffective ? [`effective ${me.withdrawalEffective} `, evidenceLinks([me.withdrawalEntry])] : "none"],
      ]),
      table(
        "party-limits",
        "Totals against each limit (the latest figure on record)",
        [
          ["Limit", (l) => l.name],
          ["Total", (l) => (l.total === null ? "none declared" : el("strong", { "data-limit": l.limit }, formatCount(l.total)))],
          ["Ceiling", (l) => formatCount(l.value)],
          ["As of", (l) => l.asOf ?? "–"],
          ["Source", (l) => l.source],
          ["Binding", (l) => (l.inForce ? "yes" : `no (binds from ${l.bindsFrom})`)],
          ["Outcome", (l) => (l.breach ? mark("failed", "breach") : l.exceeded ? mark("warn", "above, not binding") : l.total === null ? mark("unchecked", "no figure") : mark("ok", "within"))],
          ["Under a dispute", (l) => (l.readings.length ? l.readings.map((x) => `${formatCount(x.total)} as ${x.by} reads it`).join("; ") : "–")],
          ["Evidence", (l) => evidenceLinks(l.evidence)],
        ],
        me.limits,
        "No limit applies to this participant.",
      ),
    ]),
    section("Data exchanges", "exchanges", [
      el("p", {}, `${exchanges.filter((x) => x.status === "on-time").length} on time, ${exchanges.filter((x) => x.status === "late").length} late, ${exchanges.filter((x) => x.status === "missing").length} missing, ${exchanges.filter((x) => x.status === "pending").length} pending.`),
      table(
        "party-exchanges",
        "Every scheduled data exchange",
        [
          ["As of", (x) => x.asOf],
          ["Calendar", (x) => x.exchange],
          ["Status", (x) => statusMark(x.status)],
          ["Deadline", (x) => formatInstant(x.deadline)],
          ["Provided", (x) => (x.providedAt ? formatInstant(x.providedAt) : "–")],
          ["Suspended", (x) => (x.whileSuspended ? "yes" : "no")],
          ["Evidence", (x) => evidenceLinks(x.evidence)],
        ],
        exchanges,
        "No data exchange is scheduled for this participant.",
      ),
    ]),
    section("Notifications", "notifications", [
      el("p", {}, `${late} late and ${missing} missing notification(s); across all parties, ${formatCount(r.notificationsOnTime)} duties were met on time (the report does not break that count down by party).`),
      table(
        "party-notifications",
        "Late and missing notifications",
        [
          ["Status", (n) => statusMark(n.status)],
          ["Duty", (n) => n.duty],
          ["Item", (n) => n.item],
          ["Deadline", (n) => formatInstant(n.deadline)],
          ["Detail", (n) => n.detail],
          ["Evidence", (n) => evidenceLinks(n.evidence)],
        ],
        r.notifications,
        "No late or missing notification.",
      ),
    ]),
    section("Inspections", "inspections", [
      table(
        "party-quotas",
        "Inspection quotas used (as inspecting party)",
        [
          ["Type", (q) => q.inspectionType],
          ["Treaty year", (q) => q.treatyYear],
          ["Used", (q) => `${q.used} of ${q.quota}`],
          ["Refused", (q) => q.refused],
          ["Evidence", (q) => evidenceLinks(q.evidence)],
        ],
        r.inspectionQuotas.filter((q) => q.party === wanted),
        "No inspection quota line for this participant.",
      ),
      table(
        "party-requests",
        "Inspection requests by or of this participant",
        [
          ["Request", (i) => i.requestId],
          ["Inspecting → inspected", (i) => `${i.inspecting} → ${i.inspected}`],
          ["Type", (i) => i.inspectionType],
          ["Draw", (i) => i.draw],
          ["Designated item", (i) => i.designatedItem ?? "–"],
          ["Check", (i) => i.designatedCheck],
          ["Evidence", (i) => evidenceLinks(i.evidence)],
        ],
        r.inspections,
        "No inspection request.",
      ),
      table(
        "party-detection",
        "Detection probability of the treaty's quotas against this party's declared items",
        [
          ["Type", (d) => d.inspectionType],
          ["Items (N)", (d) => `${formatCount(d.population)} (${d.populationSource}, as of ${d.asOf})`],
          ["Caught this year", (d) => d.figures.map((f) => `k=${f.violating}: ${f.caughtThisYear}`).join("; ")],
          ["Evidence", (d) => evidenceLinks(d.evidence)],
        ],
        r.detection.filter((d) => d.party === wanted),
        "No detection figure (no declared population for an inspection type).",
      ),
    ]),
    section("Disputes and discrepancies", "disputes", [
      table(
        "party-disputes",
        "Disputes raised by or against this participant",
        [
          ["Entry", (d) => evidenceLinks([d.index])],
          ["By → against", (d) => `${d.by} → ${d.against}`],
          ["Items", (d) => d.items.join(", ")],
          ["Reading", (d) => `${d.declaredStatus} read as ${d.readingStatus || "(attributes only)"}`],
          ["Reason", (d) => d.reason],
        ],
        r.disputes,
        "No dispute.",
      ),
      table(
        "party-discrepancies",
        "Discrepancies between this participant's statements (escrow findings included)",
        [
          ["Day", (x) => x.date],
          ["Kind", (x) => x.kind],
          ["Item", (x) => x.item || "–"],
          ["Detail", (x) => x.detail],
          ["Evidence", (x) => evidenceLinks(x.evidence)],
        ],
        r.discrepancies,
        "No discrepancy.",
      ),
      el(
        "p",
        { class: "hint" },
        "Escrow commitments and reveals appear here when the replay finds a discrepancy in them; the report does not list them one by one. ",
        "They are entries of kind escrow-commitment and escrow-reveal in the ",
        el("a", { href: "/portal/entries.html" }, "entries list"),
        ".",
      ),
    ]),
    el("p", {}, el("a", { href: `/api/v1/compliance?at=${day}&party=${encodeURIComponent(wanted)}&format=html` }, `The printable report for ${wanted}, every finding linked to its evidence →`)),
  );
}

function section(title, id, children) {
  return el("section", { class: "card", "aria-labelledby": `${id}-heading` }, el("h2", { id: `${id}-heading` }, title), children);
}

function statusMark(status) {
  const kind = { "on-time": "ok", late: "warn", missing: "failed", pending: "unchecked" }[status] ?? "unchecked";
  return mark(kind, status);
}

main();
