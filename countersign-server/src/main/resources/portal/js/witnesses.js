// Witnesses: who cosigned the checkpoint served now (names, key IDs, times, freshness), the
// server's witnessing policy and status (/api/v1/log), and split-view evidence: the consistency
// check this browser runs against the checkpoint it kept.

import * as api from "./api.js";
import { el, errorBox, fill, formatCount, formatInstant, keyValueTable, mark, mono, trustedKey, valueView } from "./ui.js";
import { describeSignature, parseNote } from "./verify/note.js";
import { GREW, FIRST_VISIT, INCONSISTENT, SAME, checkGrowth } from "./verify/consistency.js";

/** "3 h 5 min ago" style freshness of a cosignature time. */
export function age(time, now = Date.now()) {
  const s = Math.max(0, Math.round((now - time.getTime()) / 1000));
  if (s < 120) return `${s} s ago`;
  if (s < 7200) return `${Math.round(s / 60)} min ago`;
  if (s < 172800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

async function main() {
  let info;
  try {
    info = await api.logInfo();
  } catch (e) {
    for (const id of ["cosigners", "policy", "evidence"]) fill(id, errorBox(e.message));
    return;
  }
  let note;
  try {
    note = parseNote(info.checkpoint);
  } catch (e) {
    fill("cosigners", errorBox(`the checkpoint is malformed: ${e.message}`));
    return;
  }
  const cosigs = note.signatures.filter((s) => s.name !== info.origin);
  fill(
    "cosigners",
    el("p", {}, `Checkpoint of size ${formatCount(info.size)}: `, cosigs.length ? `${cosigs.length} witness cosignature(s).` : mark("warn", "no witness has cosigned it.")),
    cosigs.length
      ? el(
          "div",
          { class: "table-scroll" },
          el(
            "table",
            { class: "grid", id: "cosigner-table" },
            el("caption", {}, "Cosignatures on the checkpoint served now (listed, not verified here: check them against your witness policy)"),
            el("thead", {}, el("tr", {}, ["Witness", "Key ID", "Type", "Cosigned at", "Freshness"].map((h) => el("th", { scope: "col" }, h)))),
            el(
              "tbody",
              {},
              cosigs.map((sig) => {
                const d = describeSignature(sig);
                return el("tr", { "data-witness": sig.name }, el("td", {}, mono(sig.name)), el("td", {}, mono(sig.keyId)), el("td", {}, d.kind), el("td", {}, d.time ? d.time.toISOString().replace(".000Z", "Z") : "–"), el("td", {}, d.time ? age(d.time) : "–"));
              }),
            ),
          ),
        )
      : el("p", { class: "hint" }, "Without cosignatures a reader relies on the log alone not to show different histories to different readers; the consistency check below still catches a rewrite between two of your own visits."),
    el("p", { class: "hint" }, "Verify cosignatures with your own policy: ", mono(`countersign audit --server ${location.origin} --vkey VKEY --witness-policy policy.txt`)),
  );
  const w = info.witnessing ?? {};
  fill(
    "policy",
    el("p", { id: "publication", "data-publication": info.publication }, info.publication === "ok" ? mark("ok", "Publication up to date") : mark("warn", info.publication)),
    w.configured === false
      ? el("p", { id: "no-witnesses" }, "This server publishes checkpoints signed by the log alone: it is configured with no witnesses and no quorum policy.")
      : keyValueTable([
          ["Quorum", mono(String(w.quorum ?? "–"))],
          ["Quorum met", w.quorumMet ? mark("ok", "yes") : mark("failed", "no")],
          ["Last published", w.lastPublishedAt ?? "–"],
          ["Witnesses", valueView(w.witnesses ?? {})],
        ]),
  );
  const key = trustedKey(info.origin, info.verifierKey);
  const r = await checkGrowth({ vkey: key.vkey, newNote: info.checkpoint, fetchProof: api.consistencyProof });
  const line = {
    [GREW]: mark("ok", "None: the log only grew since the checkpoint this browser kept"),
    [SAME]: mark("ok", "None: the log serves the same tree as at your last visit"),
    [FIRST_VISIT]: mark("unchecked", "None yet: this browser now keeps this checkpoint and will compare the next one"),
    [INCONSISTENT]: mark("failed", "Evidence of a rewritten history: see the overview to save it"),
  }[r.outcome] ?? mark("unchecked", "Not checked");
  fill(
    "evidence",
    el("p", { id: "evidence-outcome", "data-outcome": r.outcome }, line),
    el("p", { class: "step-detail" }, r.detail),
    el("h3", {}, "Held by the log's witnesses"),
    el("div", { id: "witness-evidence" }, el("p", { class: "loading" }, "Asking the witnesses…")),
  );
  await showWitnessEvidence();
}

/**
 * The evidence the log's witnesses hold about it (GET /api/v1/witnesses/evidence): each file with
 * the server's verdict, the two checkpoints it sets against each other, and its exact text to save
 * and check offline. A conclusive file proves itself, whoever relays it.
 */
async function showWitnessEvidence() {
  let ev;
  try {
    ev = await api.getJson("/api/v1/witnesses/evidence");
  } catch (e) {
    fill("witness-evidence", errorBox(e.message));
    return;
  }
  const files = ev.witnesses.flatMap((w) => w.evidence.map((f) => ({ witness: w.name, ...f })));
  const conclusive = files.filter((f) => f.verdict === "conclusive");
  const unreached = ev.witnesses.filter((w) => !w.reached);
  fill(
    "witness-evidence",
    !ev.configured
      ? el("p", { id: "witness-evidence-outcome", "data-files": 0 }, mark("unchecked", "None to show: this server has no witnesses, so no witness could have caught it showing two histories."))
      : el(
          "p",
          { id: "witness-evidence-outcome", "data-files": files.length, "data-conclusive": conclusive.length },
          conclusive.length
            ? mark("failed", `${conclusive.length} conclusive split-view evidence file(s): this log signed two histories that cannot both be true.`)
            : mark("ok", `None: the ${ev.witnesses.length - unreached.length} witness(es) reached hold no conclusive evidence against this log${files.length ? ` (${files.length} inconclusive file(s) below)` : ""}.`),
          ev.gatheredAt ? ` Gathered ${formatInstant(ev.gatheredAt)}.` : "",
        ),
    unreached.length ? el("ul", { id: "witness-unreached" }, unreached.map((w) => el("li", {}, mark("unchecked", `${w.name} not reached: ${w.problem}`)))) : null,
    files.length
      ? el(
          "div",
          { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Evidence files the witnesses hold about this log" },
          el(
            "table",
            { class: "grid", id: "witness-evidence-table" },
            el("caption", {}, "Evidence files the witnesses hold about this log"),
            el("thead", {}, el("tr", {}, ["Witness", "File", "Verdict", "Checkpoints set against each other", "Exact file"].map((h) => el("th", { scope: "col" }, h)))),
            el(
              "tbody",
              {},
              files.map((f) => {
                const save = el("button", { type: "button", class: "button-small" }, "Save");
                save.addEventListener("click", () => {
                  const url = URL.createObjectURL(new Blob([f.file], { type: "text/plain" }));
                  const a = el("a", { href: url, download: f.name });
                  document.body.append(a);
                  a.click();
                  a.remove();
                  setTimeout(() => URL.revokeObjectURL(url), 1000);
                });
                return el(
                  "tr",
                  { "data-verdict": f.verdict },
                  el("td", {}, mono(f.witness)),
                  el("td", {}, mono(f.name)),
                  el("td", {}, f.verdict === "conclusive" ? mark("failed", `conclusive (${f.kind})`) : mark("unchecked", `${f.verdict} (${f.kind})`), el("br"), f.detail),
                  el("td", {}, f.firstSize !== undefined ? el("span", {}, `size ${formatCount(f.firstSize)} root `, mono(f.firstRoot), el("br"), `size ${formatCount(f.secondSize)} root `, mono(f.secondRoot)) : "–"),
                  el("td", {}, el("details", {}, el("summary", {}, "Show"), el("pre", { class: "note", tabindex: 0 }, f.file)), save),
                );
              }),
            ),
          ),
        )
      : null,
    el("p", { class: "hint" }, "Judge any file yourself, offline: ", mono(`countersign evidence verify FILE --vkey ${ev.logVerifierKey}`), ". Monitors write such files too (", mono("countersign monitor --evidence-dir DIR"), "). A server could keep evidence from this list, never forge it: the witnesses' own ", mono("/evidence"), " endpoints stay the primary source."),
  );
}

main();
