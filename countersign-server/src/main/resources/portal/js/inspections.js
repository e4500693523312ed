// Inspections: quotas, requests with their joint draws recomputed in the browser from the logged
// request and reveals, and the detection probabilities of the treaty's quotas (all from the
// compliance report of today; the draws from the entries it cites).

import * as api from "./api.js";
import { evidenceLinks, table } from "./findings.js";
import { el, errorBox, fill, formatCount, mark } from "./ui.js";
import { drawPositions, drawSeed, toHexString } from "./verify/draw.js";

async function main() {
  const day = api.today();
  let r;
  try {
    r = (await api.report(day)).report;
  } catch (e) {
    const box = e.code === "no-treaty" ? el("p", { id: "no-treaty" }, "This server keeps no compliance report (no treaty file).") : errorBox(e.message);
    for (const id of ["quotas", "requests", "detection"]) fill(id, box.cloneNode(true));
    return;
  }
  fill("quotas-at", `treaty year ${r.status.treatyYear}, report of ${day}`);
  fill(
    "quotas",
    table(
      "quota-table",
      "Quota use per inspecting party, inspection type and treaty year",
      [
        ["Inspecting party", (q) => q.party],
        ["Type", (q) => q.inspectionType],
        ["Treaty year", (q) => q.treatyYear],
        ["Used", (q) => el("span", { "data-used": q.used }, `${q.used} of ${q.quota}`)],
        ["Remaining", (q) => q.remaining],
        ["Refused", (q) => (q.refused ? mark("failed", String(q.refused)) : "0")],
        ["Evidence", (q) => evidenceLinks(q.evidence)],
      ],
      r.inspectionQuotas,
      "No inspection quota applies in this report (the treaty is not in force, or it defines no quotas).",
    ),
  );
  fill(
    "detection",
    table(
      "detection-table",
      "Chance that one year's quota catches k hidden violations among a party's declared items",
      [
        ["Inspected party", (d) => d.party],
        ["Type", (d) => d.inspectionType],
        ["Quota", (d) => `${d.perYear} a year, ${d.itemsPerInspection} item(s) each`],
        ["Items (N)", (d) => `${formatCount(d.population)} (${d.populationSource}, as of ${d.asOf})`],
        ["Caught this year", (d) => el("ul", { class: "status-list" }, d.figures.map((f) => el("li", { "data-k": f.violating }, `k = ${f.violating}: `, el("strong", {}, f.caughtThisYear), ` (95 % needs ${formatCount(f.smallestSampleFor95)} a year)`)))],
        ["Evidence", (d) => evidenceLinks(d.evidence)],
      ],
      r.detection,
      "No detection figure: no party has declared items in an inspection type's population.",
    ),
  );
  if (r.inspections.length === 0) {
    fill("requests", el("p", { class: "empty", id: "no-requests" }, "No inspection request is logged yet. When one is, its joint draw is recomputed here from the request and both sides' revealed values."));
    return;
  }
  const rows = await Promise.all(r.inspections.map(recompute));
  fill(
    "requests",
    table(
      "request-table",
      "Requests, their draws, and the draw recomputed in your browser",
      [
        ["Request", (x) => x.line.requestId],
        ["Inspecting → inspected", (x) => `${x.line.inspecting} → ${x.line.inspected}`],
        ["Type, year, site", (x) => `${x.line.inspectionType}, year ${x.line.treatyYear}, ${x.line.site}`],
        ["Draw", (x) => x.line.draw],
        ["Positions", (x) => (x.line.positions.length ? x.line.positions.join(", ") : "–")],
        ["Recomputed here", (x) => el("span", { class: "draw-check", "data-outcome": x.outcome }, x.mark)],
        ["Designated", (x) => `${x.line.designatedItem ?? "–"} (${x.line.designatedCheck})`],
        ["Evidence", (x) => evidenceLinks(x.line.evidence)],
      ],
      rows,
      "",
    ),
  );
}

/** Recomputes one drawn request's seed and first positions from its logged statements. */
async function recompute(line) {
  if (line.draw !== "drawn" || !line.seed) {
    return { line, outcome: "not-drawn", mark: mark("unchecked", `nothing to recompute (${line.draw})`) };
  }
  try {
    const entries = await api.entries([line.entry, ...line.evidence.filter((i) => i !== line.entry)]);
    const request = entries[0].statement;
    const reveal = (who) => {
      const e = entries.find((x) => x.kind === "randomness-reveal" && x.statement && x.statement.author === who && x.statement.requestId === line.requestId);
      return e ? e.statement.value : null;
    };
    const seed = await drawSeed(request, reveal(line.inspecting), reveal(line.inspected));
    const positions = await drawPositions(seed, request.sampleSize, request.populationSize, line.positions.length);
    const same = toHexString(seed) === line.seed && positions.join(",") === line.positions.join(",");
    return same
      ? { line, outcome: "verified", mark: mark("ok", `same seed and positions (seed ${line.seed.slice(0, 12)}…)`) }
      : { line, outcome: "failed", mark: mark("failed", `different: the browser computes seed ${toHexString(seed).slice(0, 12)}… and positions ${positions.join(", ")}`) };
  } catch (e) {
    return { line, outcome: "failed", mark: mark("failed", `cannot recompute: ${e.message}`) };
  }
}

main();
