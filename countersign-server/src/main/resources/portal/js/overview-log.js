// The overview's log part, loaded once the charts are drawn (overview.js): the log's identity,
// the latest checkpoint with its signatures (the log's checked in the browser) and whether the log
// only grew since this browser's last visit, the server's health, and the latest entries.

import * as api from "./api.js";
import { entriesTable, pageIndexes } from "./listing.js";
import { checkCheckpoint, FAILED, UNSIGNED, VERIFIED } from "./verify/check.js";
import { describeSignature, parseNote } from "./verify/note.js";
import { copyButton, el, errorBox, fill, formatCount, keyValueTable, mark, mono, trustedKey, valueView } from "./ui.js";
import { GREW, FIRST_VISIT, INCONSISTENT, SAME, checkGrowth, forget } from "./verify/consistency.js";

const LATEST = 5;

/** Fills the log's part of the overview: identity, checkpoint, consistency, status, latest. */
export async function showLog() {
  let info;
  try {
    info = await api.logInfo();
  } catch (e) {
    for (const id of ["identity", "checkpoint", "latest"]) fill(id, errorBox(e.message));
    await showStatus();
    return;
  }
  fill("treaty-title", `for the treaty ${info.treaty}`);
  document.title = `Overview · ${info.origin} · Countersign`;
  const key = trustedKey(info.origin, info.verifierKey);
  showIdentity(info, key);
  await Promise.all([showCheckpoint(info, key).then(() => showConsistency(info, key)), showStatus(), showLatest(info)]);
}

/** Whether the log only grew since the checkpoint this browser kept, with a consistency proof. */
async function showConsistency(info, key) {
  const r = await checkGrowth({ vkey: key.vkey, newNote: info.checkpoint, fetchProof: api.consistencyProof });
  const headline = {
    [GREW]: mark("ok", "Consistent: the log only grew since your last visit (checked in your browser)"),
    [SAME]: mark("ok", "Unchanged since your last visit"),
    [FIRST_VISIT]: mark("unchecked", "First visit: nothing to compare yet"),
    [INCONSISTENT]: mark("failed", "INCONSISTENT: this log's history differs from what your browser verified before"),
  }[r.outcome] ?? mark("unchecked", "Not checked");
  const rows = [];
  if (r.old) rows.push(["Kept from before", `size ${formatCount(r.old.size)}, root `, mono(b64(r.old.root))]);
  if (r.current) rows.push(["Served now", `size ${formatCount(r.current.size)}, root `, mono(b64(r.current.root))]);
  const parts = [
    el("p", { id: "consistency-outcome", "data-outcome": r.outcome, class: `outcome-line ${r.outcome === INCONSISTENT ? "result result-failed" : ""}`, role: r.outcome === INCONSISTENT ? "alert" : null }, headline),
    el("p", { class: "step-detail", id: "consistency-detail" }, r.detail),
    rows.length ? keyValueTable(rows.map(([k, ...v]) => [k, v])) : null,
  ];
  if (r.outcome === INCONSISTENT && r.evidence) {
    const blob = new Blob([r.evidence], { type: "text/plain" });
    parts.push(
      el("p", {}, "Keep the evidence: the two signed checkpoints and the server's proof, as a file that ", mono("countersign evidence verify FILE --vkey VKEY"), " judges offline. Send it to the treaty's depositary and to the witnesses."),
      el("div", { class: "actions" }, el("a", { class: "button", id: "evidence-download", href: URL.createObjectURL(blob), download: "split-view-evidence.txt" }, "Save the evidence file")),
      el("details", {}, el("summary", {}, "The evidence file, verbatim"), el("pre", { class: "note", id: "evidence-text", tabindex: 0 }, r.evidence)),
    );
  }
  if (r.old) {
    const reset = el("button", { type: "button", class: "button-secondary", id: "consistency-forget" }, "Forget the checkpoint kept in this browser");
    reset.addEventListener("click", () => {
      forget(r.current ? r.current.origin : info.origin);
      reset.textContent = "Forgotten: the next visit starts over";
      reset.disabled = true;
    });
    parts.push(el("div", { class: "actions" }, reset));
  }
  fill("consistency", parts);
}

const b64 = (bytes) => btoa(String.fromCharCode(...bytes));

function showIdentity(info, key) {
  fill(
    "identity",
    keyValueTable([
      ["Treaty", mono(info.treaty), "log-treaty"],
      ["Origin", mono(info.origin), "log-origin"],
      ["Verifier key", [mono(info.verifierKey, { id: "log-vkey" }), " ", copyButton(info.verifierKey)]],
    ]),
    el(
      "p",
      { class: "hint" },
      "This is the key the server claims. Before relying on any check, compare it with the key published by the " +
        "treaty's depositary or by your own government, obtained without going through this server.",
    ),
    key.pinned && key.vkey !== info.verifierKey
      ? el("div", { class: "notice notice-error", role: "alert" }, mark("failed", "The key you saved in this browser differs from the key the server claims: "), mono(key.vkey))
      : null,
  );
}

async function showCheckpoint(info, key) {
  const check = await checkCheckpoint({ vkey: key.vkey, checkpointNote: info.checkpoint });
  let note;
  try {
    note = parseNote(info.checkpoint);
  } catch (e) {
    fill("checkpoint", errorBox(`the checkpoint is malformed: ${e.message}`), el("pre", { class: "note", tabindex: 0 }, info.checkpoint));
    return;
  }
  const logSignature = check.steps.find((s) => s.title === "Log signature on the checkpoint");
  const sigRows = note.signatures.map((sig) => {
    const d = describeSignature(sig);
    const isLog = sig.name === info.origin;
    let status;
    if (isLog && logSignature) {
      status = {
        ok: mark("ok", "valid, checked in your browser"),
        failed: mark("failed", logSignature.detail),
        unchecked: mark("unchecked", "not checked: this browser cannot verify Ed25519"),
      }[logSignature.status];
    } else if (isLog) {
      status = mark("failed", check.steps.at(-1)?.detail ?? "not checked");
    } else {
      status = mark("unchecked", "cosignature: check it against your witness policy with the command line");
    }
    return el(
      "tr",
      {},
      el("td", {}, mono(sig.name), isLog ? el("span", { class: "tag" }, "log") : el("span", { class: "tag tag-witness" }, "witness")),
      el("td", {}, mono(sig.keyId)),
      el("td", {}, d.kind, d.time ? el("br") : null, d.time ? el("time", { datetime: d.time.toISOString() }, `at ${d.time.toISOString().replace("T", " ").replace(".000Z", " UTC")}`) : null),
      el("td", {}, status),
    );
  });
  const summary = {
    [VERIFIED]: mark("ok", "Signed by the log key above (checked in your browser)"),
    [UNSIGNED]: mark("unchecked", "Signature not checked: this browser cannot verify Ed25519 signatures"),
    [FAILED]: mark("failed", `Does not verify: ${check.steps.find((s) => s.status === "failed")?.detail}`),
  }[check.outcome];
  const lines = info.checkpoint.split("\n");
  fill(
    "checkpoint",
    el("p", { id: "checkpoint-outcome", "data-outcome": check.outcome, class: "outcome-line" }, summary),
    keyValueTable([
      ["Tree size", el("span", { id: "checkpoint-size" }, formatCount(lines[1])), null],
      ["Root hash", mono(lines[2], { id: "checkpoint-root" })],
      ["Origin", mono(lines[0])],
    ]),
    el("h3", {}, "Signatures and cosignatures"),
    el(
      "div",
      { class: "table-scroll" },
      el(
        "table",
        { class: "grid", id: "signatures" },
        el("thead", {}, el("tr", {}, ["Signer", "Key ID", "Type", "Check"].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, sigRows),
      ),
    ),
    note.signatures.length === 1
      ? el("p", { class: "hint" }, "No witness has cosigned this checkpoint.")
      : null,
    el("details", {}, el("summary", {}, "The checkpoint note, verbatim"), el("pre", { class: "note", tabindex: 0 }, info.checkpoint)),
  );
}

async function showStatus() {
  let h;
  try {
    h = await api.health();
  } catch (e) {
    fill("status", errorBox(e.message));
    return;
  }
  // "degraded": the log integrates entries but cannot publish them yet (e.g. no witness quorum).
  const summary = {
    ok: mark("ok", "Healthy: the sequencer is making progress"),
    degraded: mark("warn", `Degraded: ${h.problem ?? "publication is behind"}`),
  }[h.status] ?? mark("failed", `Unhealthy: ${h.problem ?? "unknown problem"}`);
  const witnessing = h.witnessing && !(h.witnessing.witnessing === "none" && Object.keys(h.witnessing).length === 1) ? h.witnessing : null;
  fill(
    "status",
    el("p", { class: "outcome-line", id: "health", "data-status": h.status }, summary),
    keyValueTable([
      ["Published size", el("span", { id: "published-size" }, formatCount(h.publishedSize))],
      ["Integrated size", el("span", { id: "integrated-size" }, formatCount(h.treeSize))],
      ["Waiting to be integrated", formatCount(h.pending)],
    ]),
    el(
      "p",
      { class: "hint" },
      "Integrated entries are sequenced and durably stored; published entries are covered by the checkpoint served to " +
        "everyone (after witness cosigning, where witnesses are configured). Proofs and pages cover published entries only.",
    ),
    witnessing ? el("details", {}, el("summary", {}, "Witnessing, as the server reports it"), valueView(witnessing)) : null,
  );
}

async function showLatest(info) {
  if (info.size === 0) {
    fill("latest", el("p", {}, "The log is empty: no statement has been logged yet."));
    return;
  }
  const entries = await api.entries(pageIndexes(info.size, 0, LATEST));
  fill("latest", entriesTable(entries));
}
