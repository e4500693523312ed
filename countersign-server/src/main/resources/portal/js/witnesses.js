// Witnesses: who cosigned the checkpoint served now (names, key IDs, times, freshness), the
// server's witnessing policy and status (/api/v1/log), and split-view evidence: the consistency
// check this browser runs against the checkpoint it kept.

import * as api from "./api.js";
import { el, errorBox, fill, formatCount, keyValueTable, mark, mono, trustedKey, valueView } from "./ui.js";
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
    el(
      "p",
      { class: "hint" },
      "Witnesses keep the evidence they gather at their own ",
      mono("/evidence"),
      " endpoint (this page cannot read other servers); monitors write it with ",
      mono("countersign monitor --evidence-dir DIR"),
      ", and ",
      mono("countersign evidence verify FILE"),
      " judges any such file offline.",
    ),
  );
}

main();
