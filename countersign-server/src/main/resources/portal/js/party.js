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
    ]),
    section("Escrow commitments and reveals", "escrow", [el("div", { id: "party-escrow" }, el("p", { class: "loading" }, "Loading…"))]),
    el("p", {}, el("a", { href: `/api/v1/compliance?at=${day}&party=${encodeURIComponent(wanted)}&format=html` }, `The printable report for ${wanted}, every finding linked to its evidence →`)),
  );
  await showEscrow(day, wanted, r.discrepancies);
}

/**
 * The participant's escrow commitments one by one (GET /api/v1/compliance/escrow): each root, the
 * totals it publishes, and the reveals logged against it, every one linked to its entry; and the
 * report's escrow findings that cite it.
 */
async function showEscrow(day, party, discrepancies) {
  let ledger;
  try {
    ledger = await api.getJson(`/api/v1/compliance/escrow?at=${encodeURIComponent(day)}&party=${encodeURIComponent(party)}`);
  } catch (e) {
    fill("party-escrow", errorBox(e.message));
    return;
  }
  if (ledger.commitments.length === 0) {
    fill("party-escrow", el("p", { class: "empty", id: "escrow-none" }, `${party} has logged no escrow commitment by ${day}: its declarations, if any, are public in full.`));
    return;
  }
  fill(
    "party-escrow",
    el("p", { class: "hint" }, "Under escrow a party logs only a commitment to its item list (a Merkle root over salted items) and the totals it publishes; it opens items later, by site, zone, category, random sample or its own choice, and anyone can check each opened item against the root. The replay checks the opened items against the published totals."),
    ledger.commitments.map((c, k) => {
      const cites = discrepancies.filter((d) => d.evidence.includes(c.index) || c.reveals.some((r) => d.evidence.includes(r.index)));
      return el(
        "article",
        { class: "escrow-commitment", "data-index": c.index, "aria-labelledby": `escrow-${k}` },
        el("h3", { id: `escrow-${k}` }, `Commitment of ${c.asOf} (entry `, evidenceLinks([c.index]), ")"),
        keyValueTable([
          ["Root", el("code", { class: "mono", "data-field": "root" }, c.root)],
          ["Issued", formatInstant(c.issuedAt)],
          ["Items committed", el("span", { "data-field": "itemCount" }, formatCount(c.itemCount))],
          ["Items opened so far", el("span", { "data-field": "openedItems" }, `${formatCount(c.openedItems)} of ${formatCount(c.itemCount)}`)],
          ["Succeeds", c.previousRoot ? el("code", { class: "mono" }, c.previousRoot) : "nothing (first commitment)"],
        ]),
        table(
          `escrow-totals-${k}`,
          `Totals published with the commitment of ${c.asOf}`,
          [
            ["Category", (t) => t.category],
            ["Status", (t) => t.status],
            ["Items", (t) => el("span", { "data-total": `${t.category}/${t.status}` }, formatCount(t.items))],
            ["Attribute sums", (t) => Object.entries(t.attributeSums).map(([a, v]) => `${a} ${formatCount(v)}`).join(", ") || "–"],
          ],
          c.totals,
          "No totals published.",
        ),
        table(
          `escrow-reveals-${k}`,
          `Reveals against the commitment of ${c.asOf}`,
          [
            ["Entry", (r) => evidenceLinks([r.index])],
            ["Issued", (r) => formatInstant(r.issuedAt)],
            ["Selection", (r) => (r.value ? `${r.selection} ${r.value}` : r.selection)],
            ["Part", (r) => `${r.part} of ${r.parts}`],
            ["Items opened", (r) => el("span", { "data-field": "items" }, formatCount(r.items))],
          ],
          c.reveals,
          "No reveal yet: no item of this commitment has been opened.",
        ),
        cites.length ? el("p", {}, mark("failed", `${cites.length} escrow finding(s) cite this commitment or its reveals: see the discrepancies above.`)) : el("p", {}, mark("ok", "No finding of the replay cites this commitment or its reveals.")),
      );
    }),
    el("p", { class: "hint" }, "Check the reveals yourself: save the entries (", el("code", { class: "mono" }, `${location.origin}/api/v1/entries/N`), ", or the entry page's save button), then ", el("code", { class: "mono" }, "countersign escrow verify --commitment COMMITMENT --reveal REVEAL ..."), " (see docs/escrow-and-inspections.md)."),
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
