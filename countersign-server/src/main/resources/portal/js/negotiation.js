// Negotiation: the stability figures of the forces today and under a shipped treaty as a proposal
// (GET /api/v1/stability/assess), and the evaluation of a proposed treaty file against this log's
// declarations (POST /api/v1/proposals/evaluate). The server serves no list of negotiation
// statements yet, and the page says so rather than inventing one.

import { el, fill, mark, mono } from "./ui.js";
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
    throw new Error(`${path.split("?")[0]}: HTTP ${response.status}: ${reason}`);
  }
  return { body, size: response.headers.get("Countersign-Log-Size") };
}

async function showStability(proposal) {
  fill("stability-result", el("p", { class: "loading" }, "Computing…"));
  const q = `parties=US,RU,CN&runs=1000&seed=1&format=text${proposal ? `&proposal=${encodeURIComponent(proposal)}` : ""}`;
  try {
    const r = await text(`/api/v1/stability/assess?${q}`);
    fill(
      "stability-result",
      el("pre", { class: "note", id: "stability-text", tabindex: 0 }, r.body),
      el("p", { class: "hint" }, "The same figures offline: ", mono(`countersign stability assess --parties US,RU,CN --runs 1000 --seed 1${proposal ? ` --proposal ${proposal}` : ""}`), " (see docs/stability.md for the model, its sources and its limits)."),
    );
  } catch (e) {
    fill("stability-result", el("p", { id: "stability-absent" }, mark("unchecked", `Not available on this server: ${e.message}`)));
  }
}

async function main() {
  const select = el(
    "select",
    { id: "stability-proposal" },
    el("option", { value: "" }, "today's forces, no proposal"),
    el("option", { value: "new-start" }, "New START as the proposal"),
    el("option", { value: "integrated-framework" }, "the integrated framework as the proposal"),
  );
  select.addEventListener("change", () => showStability(select.value));
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
  fill(
    "negotiation",
    el(
      "section",
      { class: "card", "aria-labelledby": "log-heading", id: "negotiation-log" },
      el("h2", { id: "log-heading" }, "Proposals and sealed positions"),
      el("p", {}, mark("unchecked", "This server does not yet list negotiation statements (proposals in order, sealed positions and their reveals). "), "They are entries of the log like any other (see the ", el("a", { href: "/portal/entries.html" }, "entries list"), "); the diff between two proposals and what each party gives are computed offline with ", mono("countersign proposal diff"), " and ", mono("countersign proposal evaluate"), ". Nothing here is invented in the meantime."),
    ),
    el(
      "section",
      { class: "card", "aria-labelledby": "stability-heading" },
      el("h2", { id: "stability-heading" }, "Stability figures"),
      el("div", { class: "field" }, el("label", { for: "stability-proposal" }, "Forces assessed"), select),
      el("div", { id: "stability-result", "aria-live": "polite" }),
    ),
    el(
      "section",
      { class: "card", "aria-labelledby": "evaluate-heading" },
      el("h2", { id: "evaluate-heading" }, "What a proposal asks of each party"),
      el("p", { id: "proposal-hint", class: "hint" }, "Paste a proposed treaty file (YAML, the treaty language of docs/treaty-language.md): the server counts each party's declared forces in this log under the proposal's own rules, at the date you choose."),
      el("div", { class: "field" }, el("label", { for: "proposal-yaml" }, "Proposed treaty file"), yaml),
      el("div", { class: "field" }, el("label", { for: "proposal-at" }, "At"), at),
      el("div", { class: "actions" }, run),
      el("div", { id: "proposal-result", "aria-live": "polite" }),
    ),
  );
  await showStability("");
}

main();
