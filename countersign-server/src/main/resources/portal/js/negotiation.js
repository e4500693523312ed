// Negotiation: on a negotiation log, every statement in log order and the record the server
// replays from them (GET /api/v1/negotiation/log): the terms, each party's sealed opening and its
// reveal, the proposals in order with what each answers, acceptances, the agreed text and the
// findings; a diff between any two proposals (GET /api/v1/negotiation/diff), what a proposal asks
// of each party (GET /api/v1/negotiation/evaluate) and the stability figures of the forces under
// it (POST /api/v1/stability/assess with the logged text). On a treaty log, the stability figures
// of the shipped treaties and a form that evaluates a proposed treaty file against this log's
// declarations (POST /api/v1/proposals/evaluate).

import { el, fill, formatCount, formatInstant, mark, mono } from "./ui.js";
import { evidenceLinks, table } from "./findings.js";
import * as api from "./api.js";

async function text(path, options = {}) {
  const response = await fetch(path, { cache: "no-store", ...options });
  const body = await response.text();
  if (!response.ok) {
    let reason = body;
    try {
      const j = JSON.parse(body);
      reason = j.reason ?? body;
    } catch {
      // Not JSON: the text is the reason.
    }
    const error = new Error(`${path.split("?")[0]}: HTTP ${response.status}: ${reason}`);
    error.status = response.status;
    throw error;
  }
  return { body, size: response.headers.get("Countersign-Log-Size") };
}

const entryLink = (i) => (i === null || i === undefined ? el("span", { class: "muted" }, "–") : evidenceLinks([i]));
const short = (digest) => (digest ? mono(digest.slice(0, 12) + "…", { title: digest }) : el("span", { class: "muted" }, "–"));

/** "US opening (hypothetical)" for a digest, from the record's proposals. */
function namer(proposals) {
  const byDigest = new Map(proposals.map((p, k) => [p.digest, { ...p, number: k + 1 }]));
  return {
    get: (d) => byDigest.get(d),
    label: (d) => {
      const p = byDigest.get(d);
      return p ? `P${p.number} · ${p.author} · ${p.treatyName}` : d.slice(0, 12);
    },
  };
}

const proposalTexts = new Map();

/** The stability figures for one option: shipped forces, a shipped treaty, or a logged proposal. */
async function showStability(target, option) {
  fill(target, el("p", { class: "loading" }, "Computing…"));
  try {
    let r;
    if (option.digest) {
      if (!proposalTexts.has(option.digest)) proposalTexts.set(option.digest, (await text(`/api/v1/negotiation/proposals/${option.digest}`)).body);
      r = await text("/api/v1/stability/assess", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ proposal: proposalTexts.get(option.digest), parties: "US,RU,CN", runs: 1000, seed: 1, format: "text" }) });
    } else {
      r = await text(`/api/v1/stability/assess?parties=US,RU,CN&runs=1000&seed=1&format=text${option.shipped ? `&proposal=${encodeURIComponent(option.shipped)}` : ""}`);
    }
    fill(
      target,
      el("pre", { class: "note", id: "stability-text", tabindex: 0 }, r.body),
      el("p", { class: "hint" }, "The same figures offline: ", mono(option.command), " (see docs/stability.md for the model, its sources and its limits)."),
    );
  } catch (e) {
    fill(target, el("p", { id: "stability-absent" }, mark("unchecked", `Not available on this server: ${e.message}`)));
  }
}

function stabilitySection(options, selected = 0) {
  const select = el("select", { id: "stability-proposal" }, options.map((o, k) => el("option", { value: String(k), selected: k === selected }, o.label)));
  const result = el("div", { id: "stability-result", "aria-live": "polite" });
  const run = () => showStability(result, options[Number(select.value)]);
  select.addEventListener("change", run);
  return {
    run,
    node: el(
      "section",
      { class: "card", "aria-labelledby": "stability-heading" },
      el("h2", { id: "stability-heading" }, "Stability figures"),
      el("p", { class: "hint" }, "The strategic-stability model over the published force estimates (not the parties' declarations): first-strike stability and the survivable forces of each party, today or under a proposal's ceilings."),
      el("div", { class: "field" }, el("label", { for: "stability-proposal" }, "Forces assessed"), select),
      result,
    ),
  };
}

function evaluationTable(ev) {
  const limits = [...new Set(ev.asks.map((a) => a.limit))];
  const nameOf = new Map(ev.asks.map((a) => [a.limit, a.name]));
  const fig = (v) => (v === null || v === undefined ? "unknown" : formatCount(v));
  return el(
    "div",
    {},
    el("p", { class: "hint", id: "gives-basis" }, "Forces: ", ev.basis, "."),
    table(
      "gives-table",
      `What each party gives under ${ev.proposalName} at ${ev.at}: the reduction each ceiling asks (counted total → ceiling)`,
      [
        ["Party", (g) => g.party],
        ...limits.map((l) => [
          nameOf.get(l),
          (g) => {
            const a = ev.asks.find((x) => x.party === g.party && x.limit === l);
            if (!a) return el("span", { class: "muted" }, "does not apply");
            const cut = a.reduction === null ? "reduction unknown" : a.reduction > 0 ? `cuts ${formatCount(a.reduction)}` : "no cut";
            return el("span", { "data-limit": l, "data-party": g.party, "data-reduction": a.reduction ?? "" }, `${fig(a.counted)}${a.lowerBound ? " (at least)" : ""} → ${formatCount(a.proposed)}: ${cut}`);
          },
        ]),
        ["Largest share", (g) => (g.largestShareLimit ? `${(g.largestShare / 100).toFixed(2)} % (${nameOf.get(g.largestShareLimit) ?? g.largestShareLimit})` : "none")],
      ],
      ev.gives,
      "The proposal names no party.",
    ),
    ev.reciprocity.length ? el("ul", { id: "reciprocity" }, ev.reciprocity.map((s) => el("li", {}, s))) : null,
    el(
      "details",
      {},
      el("summary", {}, "Where each party's figures come from"),
      el("ul", {}, ev.parties.map((p) => el("li", {}, `${p.party}: ${p.source}${p.asOf ? ` as of ${p.asOf}` : ""}. `, p.citations.join("; "), p.notes.length ? ` ${p.notes.join(" ")}` : ""))),
    ),
  );
}

function diffTable(diff) {
  const rows = [];
  for (const c of diff.changes) {
    for (const f of c.fields) rows.push({ c, f });
  }
  const show = (v) => (v === null || v === undefined ? el("span", { class: "muted" }, "absent") : mono(typeof v === "string" ? v : JSON.stringify(v)));
  return table(
    "diff-table",
    `What ${diff.toName} changes in ${diff.fromName}: ${diff.changes.length} element(s) differ`,
    [
      ["Section", (r) => r.c.section],
      ["Element", (r) => r.c.id || "–"],
      ["Change", (r) => r.c.change],
      ["Field", (r) => mono(r.f.field)],
      ["From", (r) => show(r.f.from)],
      ["To", (r) => show(r.f.to)],
    ],
    rows,
    "The two texts mean the same: no difference in any section.",
  );
}

function negotiationLog(log, origin) {
  const rec = log.record;
  const names = namer(rec.proposals);
  const digestOptions = (selected) => rec.proposals.map((p) => el("option", { value: p.digest, selected: p.digest === selected }, names.label(p.digest)));
  const sections = [];
  const t = rec.terms;
  sections.push(
    el(
      "section",
      { class: "card", "aria-labelledby": "terms-heading", id: "terms" },
      el("h2", { id: "terms-heading" }, `Negotiation ${log.negotiation}`),
      t
        ? el(
            "p",
            {},
            `${t.subject}. Convened by ${t.convener} (entry `,
            entryLink(t.index),
            `) between ${t.parties.join(", ")}: sealed openings due by ${formatInstant(t.commitBy)}, their reveals by ${formatInstant(t.revealBy)}. `,
            `${log.entries} statements logged; deadlines judged at ${formatInstant(log.at)}.`,
          )
        : el("p", {}, mark("unchecked", "No terms are logged yet: nothing of the negotiation is admitted before them.")),
      rec.agreed
        ? el("p", { id: "agreed" }, mark("ok", `Agreed text: ${names.label(rec.agreed.digest)}`), " ", mono(rec.agreed.digest), `, accepted by every party at ${formatInstant(rec.agreed.agreedAt)} (entry `, entryLink(rec.agreed.index), "). A treaty-adoption statement names this digest.")
        : el("p", { id: "agreed" }, mark("unchecked", "No text is agreed yet: no proposal has been accepted by every negotiating party.")),
    ),
  );
  sections.push(
    el(
      "section",
      { class: "card", "aria-labelledby": "openings-heading" },
      el("h2", { id: "openings-heading" }, "Sealed opening positions"),
      el("p", { class: "hint" }, "Each party first logs only a commitment (a hash of its opening proposal and a secret salt); once all have committed, each reveals the proposal and salt, and anyone can check that the reveal opens the commitment. No party can shape its opening on another's."),
      table(
        "openings-table",
        "Each party's sealed opening and its reveal",
        [
          ["Party", (o) => o.party],
          ["Status", (o) => ({ revealed: mark("ok", "revealed, opens its commitment"), committed: mark("unchecked", "committed, not revealed yet"), mismatch: mark("failed", "reveal does not open the commitment"), "not-revealed": mark("failed", "not revealed by the deadline"), "not-committed": mark("warn", "not committed") })[o.status] ?? o.status],
          ["Commitment", (o) => el("span", {}, entryLink(o.commitmentIndex), o.committedAt ? ` ${formatInstant(o.committedAt)}` : "")],
          ["Reveal", (o) => el("span", {}, entryLink(o.revealIndex), o.revealedAt ? ` ${formatInstant(o.revealedAt)}` : "")],
          ["Opening proposal", (o) => (o.proposalDigest ? names.label(o.proposalDigest) : "–")],
        ],
        rec.openings,
        "No party has committed yet.",
      ),
    ),
  );
  sections.push(
    el(
      "section",
      { class: "card", "aria-labelledby": "proposals-heading" },
      el("h2", { id: "proposals-heading" }, "Proposals in order"),
      table(
        "proposals-table",
        "Every admitted proposal in log order, what it answers and who accepted it",
        [
          ["#", (p) => `P${names.get(p.digest).number}`],
          ["Entry", (p) => entryLink(p.index)],
          ["Author", (p) => p.author],
          ["Issued", (p) => formatInstant(p.issuedAt)],
          ["Treaty text", (p) => el("span", {}, p.treatyName, " ", el("a", { href: `/api/v1/negotiation/proposals/${p.digest}`, "aria-label": `Text of P${names.get(p.digest).number}` }, "(text)"), el("br"), short(p.digest))],
          ["Answers", (p) => (p.opening ? "opening position" : p.answers ? names.label(p.answers) : "–")],
          ["Rationale", (p) => p.rationale || "–"],
          ["Accepted by", (p) => (p.acceptances.length ? el("span", {}, p.acceptances.map((a, k) => el("span", {}, k ? "; " : "", `${a.party} `, entryLink(a.index), a.reservations.length ? ` (reservations: ${a.reservations.join("; ")})` : ""))) : el("span", { class: "muted" }, "nobody yet"))],
          ["Withdrawn", (p) => (p.withdrawnIndex === null ? "no" : el("span", {}, "yes, ", entryLink(p.withdrawnIndex)))],
        ],
        rec.proposals,
        "No proposal is logged yet.",
      ),
    ),
  );
  sections.push(
    el(
      "section",
      { class: "card", "aria-labelledby": "findings-heading" },
      el("h2", { id: "findings-heading" }, "Findings"),
      table(
        "negotiation-findings",
        "What the log shows that breaks the terms or the sealing",
        [
          ["Party", (f) => f.party],
          ["Finding", (f) => f.kind],
          ["Detail", (f) => f.detail],
          ["Evidence", (f) => entryLink(f.index)],
        ],
        rec.findings,
        "No finding: every opening was committed and revealed in time, after all had committed, and opens its commitment.",
      ),
      rec.inadmissible.length ? table("negotiation-inadmissible", "Entries the negotiation does not admit", [["Entry", (r) => entryLink(r.index)], ["Author", (r) => r.author], ["Kind", (r) => r.kind], ["Reason", (r) => r.reason]], rec.inadmissible, "") : null,
    ),
  );
  // The diff and the evaluation need proposals.
  if (rec.proposals.length > 0) {
    const last = rec.proposals[rec.proposals.length - 1];
    const fromDefault = last.answers && names.get(last.answers) ? last.answers : rec.proposals[0].digest;
    const from = el("select", { id: "diff-from" }, digestOptions(fromDefault));
    const to = el("select", { id: "diff-to" }, digestOptions(last.digest));
    const diffResult = el("div", { id: "diff-result", "aria-live": "polite" });
    const runDiff = async () => {
      fill(diffResult, el("p", { class: "loading" }, "Comparing…"));
      try {
        const r = await text(`/api/v1/negotiation/diff?from=${from.value}&to=${to.value}`);
        fill(diffResult, diffTable(JSON.parse(r.body)), el("p", { class: "hint" }, "The same offline, from the two texts: ", mono("countersign proposal diff FROM.yaml TO.yaml --format json"), " (each text from its (text) link above)."));
      } catch (e) {
        fill(diffResult, el("div", { class: "notice notice-error", role: "alert" }, e.message));
      }
    };
    const compare = el("button", { type: "button", id: "diff-run" }, "Compare");
    compare.addEventListener("click", runDiff);
    sections.push(
      el(
        "section",
        { class: "card", "aria-labelledby": "diff-heading" },
        el("h2", { id: "diff-heading" }, "What changes between two proposals"),
        el("div", { class: "field" }, el("label", { for: "diff-from" }, "From"), from),
        el("div", { class: "field" }, el("label", { for: "diff-to" }, "To"), to),
        el("div", { class: "actions" }, compare),
        diffResult,
      ),
    );
    const which = el("select", { id: "gives-proposal" }, digestOptions(last.digest));
    const at = el("input", { id: "gives-at", type: "date", value: api.today() });
    const givesResult = el("div", { id: "gives-result", "aria-live": "polite" });
    const runGives = async () => {
      fill(givesResult, el("p", { class: "loading" }, "Evaluating…"));
      try {
        const r = await text(`/api/v1/negotiation/evaluate?proposal=${which.value}&at=${encodeURIComponent(at.value)}&format=json`);
        fill(givesResult, evaluationTable(JSON.parse(r.body)), el("p", { class: "hint" }, "The same offline: ", mono(`countersign proposal evaluate PROPOSAL.yaml --at ${at.value} --format json`), "."));
      } catch (e) {
        fill(givesResult, el("div", { class: "notice notice-error", role: "alert" }, e.message));
      }
    };
    const evaluate = el("button", { type: "button", id: "gives-run" }, "Show what each gives");
    evaluate.addEventListener("click", runGives);
    sections.push(
      el(
        "section",
        { class: "card", "aria-labelledby": "gives-heading" },
        el("h2", { id: "gives-heading" }, "What each party gives"),
        el("p", { class: "hint" }, "The proposal's own counting rules applied to each party's forces as published estimates give them (a negotiation log holds no declarations), at the date chosen."),
        el("div", { class: "field" }, el("label", { for: "gives-proposal" }, "Proposal"), which),
        el("div", { class: "field" }, el("label", { for: "gives-at" }, "At"), at),
        el("div", { class: "actions" }, evaluate),
        givesResult,
      ),
    );
    sections.runLater = [runDiff, runGives];
  }
  sections.push(
    el(
      "section",
      { class: "card", "aria-labelledby": "statements-heading" },
      el("h2", { id: "statements-heading" }, "Every statement in log order"),
      table(
        "statements-table",
        `The ${log.entries} entries of ${origin}, decoded`,
        [
          ["Entry", (s) => entryLink(s.index)],
          ["Kind", (s) => s.kind],
          ["Author", (s) => s.author],
          ["Issued", (s) => formatInstant(s.issuedAt)],
          ["What it says", (s) => statementSummary(s, names)],
        ],
        log.statements,
        "The log is empty.",
      ),
    ),
  );
  return sections;
}

function statementSummary(s, names) {
  const refused = s.admitted ? null : el("span", {}, " ", mark("failed", `not admitted: ${s.refusedBecause}`));
  const body = {
    "negotiation-terms": () => `terms: ${s.parties.join(", ")}; commit by ${formatInstant(s.commitBy)}, reveal by ${formatInstant(s.revealBy)}`,
    "opening-commitment": () => el("span", {}, "sealed opening: ", short(s.commitment)),
    proposal: () => el("span", {}, `${s.opening ? "opening reveal" : "proposal"} ${s.treatyName ?? ""} `, short(s.proposalDigest), s.answers ? ` answering ${names.label(s.answers)}` : "", s.rationale ? `: “${s.rationale}”` : ""),
    acceptance: () => el("span", {}, `accepts ${names.label(s.proposalDigest)}`, s.reservations.length ? ` with reservations: ${s.reservations.join("; ")}` : ""),
    "proposal-withdrawal": () => `withdraws ${names.label(s.proposalDigest)}: ${s.reason}`,
  }[s.kind];
  return el("span", {}, body ? body() : "", refused);
}

function evaluateForm() {
  const yaml = el("textarea", { id: "proposal-yaml", rows: 8, class: "mono-input", "aria-describedby": "proposal-hint" });
  const at = el("input", { id: "proposal-at", type: "date", value: api.today() });
  const run = el("button", { type: "button", id: "proposal-evaluate" }, "Evaluate against this log");
  run.addEventListener("click", async () => {
    fill("proposal-result", el("p", { class: "loading" }, "Evaluating…"));
    try {
      const r = await text(`/api/v1/proposals/evaluate?at=${encodeURIComponent(at.value)}&format=text`, { method: "POST", headers: { "Content-Type": "text/plain; charset=utf-8" }, body: yaml.value });
      fill("proposal-result", el("pre", { class: "note", id: "proposal-text", tabindex: 0 }, r.body), el("p", { class: "hint" }, `Over the first ${r.size} entries; offline: `, mono(`countersign proposal evaluate --log ${location.origin} --size ${r.size} --at ${at.value} PROPOSAL.yaml`)));
    } catch (e) {
      fill("proposal-result", el("div", { class: "notice notice-error", role: "alert" }, e.message));
    }
  });
  return el(
    "section",
    { class: "card", "aria-labelledby": "evaluate-heading" },
    el("h2", { id: "evaluate-heading" }, "What a proposal asks of each party"),
    el("p", { id: "proposal-hint", class: "hint" }, "Paste a proposed treaty file (YAML, the treaty language of docs/treaty-language.md): the server counts each party's declared forces in this log under the proposal's own rules, at the date you choose."),
    el("div", { class: "field" }, el("label", { for: "proposal-yaml" }, "Proposed treaty file"), yaml),
    el("div", { class: "field" }, el("label", { for: "proposal-at" }, "At"), at),
    el("div", { class: "actions" }, run),
    el("div", { id: "proposal-result", "aria-live": "polite" }),
  );
}

const SHIPPED = [
  { label: "today's forces, no proposal", command: "countersign stability assess --parties US,RU,CN --runs 1000 --seed 1" },
  { label: "New START as the proposal", shipped: "new-start", command: "countersign stability assess --parties US,RU,CN --runs 1000 --seed 1 --proposal new-start" },
  { label: "the integrated framework as the proposal", shipped: "integrated-framework", command: "countersign stability assess --parties US,RU,CN --runs 1000 --seed 1 --proposal integrated-framework" },
];

async function main() {
  let log = null;
  let info = null;
  try {
    info = await api.logInfo();
    // A treaty log says so in /api/v1/log; only a negotiation log serves the listing.
    if (info.kind === "negotiation") log = JSON.parse((await text("/api/v1/negotiation/log")).body);
  } catch (e) {
    fill("negotiation", el("div", { class: "notice notice-error", role: "alert" }, `Could not load the negotiation: ${e.message}`));
    return;
  }
  if (log === null) {
    // A treaty log: no negotiation here; the stability figures and the evaluation form still are.
    const stability = stabilitySection(SHIPPED);
    fill(
      "negotiation",
      el(
        "section",
        { class: "card", "aria-labelledby": "log-heading", id: "negotiation-log" },
        el("h2", { id: "log-heading" }, "Proposals and sealed positions"),
        el("p", { id: "no-negotiation" }, mark("unchecked", `This server keeps the log of ${info ? `treaty ${info.treaty}` : "a treaty"}, not a negotiation. `), "A negotiation runs on its own log (", mono("countersign serve --negotiation ID --parties US,RU,CN ..."), ", see docs/negotiation.md); this page on that server lists its proposals in order, the sealed positions and their reveals, the diff between any two proposals and what each party gives."),
      ),
      stability.node,
      evaluateForm(),
    );
    await stability.run();
    return;
  }
  const sections = negotiationLog(log, info.origin);
  const proposals = log.record.proposals;
  const names = namer(proposals);
  const stability = stabilitySection(
    [...proposals.map((p) => ({ label: `under ${names.label(p.digest)}`, digest: p.digest, command: `countersign stability assess --parties US,RU,CN --runs 1000 --seed 1 --proposal P${names.get(p.digest).number}.yaml` })), SHIPPED[0]],
    Math.max(0, proposals.length - 1),
  );
  fill("negotiation", sections, stability.node);
  for (const run of sections.runLater ?? []) run();
  await stability.run();
}

main();
