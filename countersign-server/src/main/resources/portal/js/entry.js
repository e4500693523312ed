// One entry: the signed note verbatim, the statement as a table, and the in-browser verification
// of its inclusion in the log (see verify/check.js for the checks themselves).

import * as api from "./api.js";
import { checkEntry, FAILED, UNSIGNED, VERIFIED } from "./verify/check.js";
import { toBase64, utf8 } from "./verify/bytes.js";
import { copyButton, el, errorBox, fill, formatInstant, keyValueTable, mark, mono, param, pinKey, trustedKey, valueView } from "./ui.js";

const SHOWN_ABOVE = new Set(["kind", "treaty", "author", "issuedAt"]);

async function main() {
  const text = param("index") ?? "";
  if (!/^(0|[1-9][0-9]{0,17})$/.test(text)) {
    fill("entry", errorBox(`"${text}" is not an entry number (a whole number from 0)`));
    return;
  }
  const index = Number(text);
  fill("crumb", `#${index}`);
  let info;
  let entry;
  try {
    [info, entry] = await Promise.all([api.logInfo(), api.entry(index)]);
  } catch (e) {
    fill("entry", errorBox(e.message));
    return;
  }
  const title = `Entry #${index}${entry.kind ? ` · ${entry.kind}` : ""}`;
  fill("entry-title", title);
  document.title = `${title} · ${info.origin} · Countersign`;
  showEntry(entry, info.size);
  setUpVerification(info, entry);
}

function showEntry(entry, size) {
  const s = entry.statement ?? {};
  const rest = Object.fromEntries(Object.entries(s).filter(([k]) => !SHOWN_ABOVE.has(k)));
  const download = el("a", { class: "button button-secondary", download: `entry-${entry.index}.txt`, href: URL.createObjectURL(new Blob([utf8(entry.entry)], { type: "text/plain" })) }, "Save the entry's exact bytes");
  fill(
    "entry",
    el(
      "section",
      { class: "card", "aria-labelledby": "statement-heading" },
      el("h2", { id: "statement-heading" }, "Statement"),
      keyValueTable([
        ["Kind", el("span", { class: "kind", id: "entry-kind" }, entry.kind ?? "unknown")],
        ["Author", el("span", { id: "entry-author" }, s.author ?? "")],
        ["Issued at", s.issuedAt ? el("time", { datetime: s.issuedAt }, formatInstant(s.issuedAt)) : ""],
        ["Treaty", s.treaty ? mono(s.treaty) : ""],
        ["Signed by", el("span", { id: "entry-signers" }, (entry.signers ?? []).map((n, i) => [i ? ", " : "", mono(n)]))],
        ["Log index", `${entry.index} of ${size} published`],
      ]),
      Object.keys(rest).length ? [el("h3", {}, "Contents"), el("div", { id: "statement-table" }, valueView(rest))] : null,
      entry.statement ? null : el("p", { class: "hint" }, "The entry's text is not a statement this server can decode; the note below is the authority."),
    ),
    el(
      "section",
      { class: "card", "aria-labelledby": "note-heading" },
      el("h2", { id: "note-heading" }, "Signed note, verbatim"),
      el("p", { class: "hint" }, "These are the exact bytes that the author signed and that the log hashed into its tree. The table above is decoded from them."),
      el("pre", { class: "note", id: "entry-note", tabindex: 0 }, entry.entry),
      el("div", { class: "actions" }, download, copyButton(entry.entry, "Copy the note")),
      keyValueTable([
        ["Leaf hash (as the server states it)", mono(entry.leafHash)],
        ["Identity, SHA-256 of the entry", mono(entry.identity)],
      ]),
    ),
    el(
      "nav",
      { class: "pager", "aria-label": "Neighbouring entries" },
      entry.index + 1 < size ? el("a", { href: `?index=${entry.index + 1}` }, "← Newer entry") : el("span", { class: "disabled" }, "← Newer entry"),
      entry.index > 0 ? el("a", { href: `?index=${entry.index - 1}` }, "Older entry →") : el("span", { class: "disabled" }, "Older entry →"),
    ),
  );
}

function setUpVerification(info, entry) {
  const section = document.getElementById("verify");
  const input = document.getElementById("vkey-input");
  const hint = document.getElementById("vkey-hint");
  const key = trustedKey(info.origin, info.verifierKey);
  input.value = key.vkey;
  const explain = () => {
    const v = input.value.trim();
    hint.textContent =
      v === info.verifierKey
        ? "This is the key the server claims. Replace it with the key you obtained independently (from the treaty's depositary or your government): the check then proves that the server's data matches that key."
        : "This key differs from the one the server claims: if the server lies about its key, the check below fails.";
  };
  explain();
  input.addEventListener("input", explain);
  document.getElementById("vkey-save").addEventListener("click", () => {
    pinKey(info.origin, input.value.trim() === info.verifierKey ? "" : input.value.trim());
    hint.textContent = "Saved in this browser for this log.";
  });
  document.getElementById("verify-form").addEventListener("submit", (event) => {
    event.preventDefault();
    verify(entry, input.value.trim());
  });
  section.hidden = false;
  // entry.html?index=N#verify runs the check at once (a link that says "verify this entry").
  if (location.hash === "#verify") verify(entry, input.value.trim());
}

async function verify(entry, vkey) {
  const button = document.getElementById("verify-button");
  const out = document.getElementById("verify-result");
  button.disabled = true;
  fill(out, el("p", { class: "loading" }, "Fetching the checkpoint and the proof, and checking…"));
  try {
    // The checkpoint first: the proof is then asked for exactly its tree size.
    const checkpointNote = await api.checkpoint();
    const size = /^[^\n]*\n(\d+)\n/.exec(checkpointNote)?.[1];
    const proof = size ? (await api.inclusionProof(entry.index, size)).proof : [];
    const result = await checkEntry({ vkey, checkpointNote, index: entry.index, entryText: entry.entry, proof });
    fill(out, report(entry, vkey, checkpointNote, proof, result));
  } catch (e) {
    fill(out, el("div", { class: "result result-failed", "data-outcome": FAILED }, el("p", { class: "headline" }, mark("failed", `Could not verify: ${e.message}`))));
  } finally {
    button.disabled = false;
  }
}

function report(entry, vkey, checkpointNote, proof, result) {
  const headline = {
    [VERIFIED]: mark("ok", `Verified: entry #${entry.index} is in the log, under a checkpoint signed by the log key`),
    [UNSIGNED]: mark("warn", `Entry #${entry.index} is in the tree of the checkpoint, but this browser could not check the checkpoint's signature`),
    [FAILED]: mark("failed", "Verification failed: do not rely on this entry being in the log"),
  }[result.outcome];
  const statusClass = { [VERIFIED]: "result-ok", [UNSIGNED]: "result-warn", [FAILED]: "result-failed" }[result.outcome];
  const roots = [];
  if (result.computedRoot) roots.push(["Root computed in your browser", mono(result.computedRoot, { id: "computed-root" })]);
  if (result.checkpoint) roots.push(["Root in the signed checkpoint", mono(toBase64(result.checkpoint.root), { id: "checkpoint-root" })]);
  if (result.leafHash) roots.push(["Leaf hash computed in your browser", mono(result.leafHash)]);
  return el(
    "div",
    { class: `result ${statusClass}`, id: "verify-outcome", "data-outcome": result.outcome },
    el("p", { class: "headline" }, headline),
    roots.length ? keyValueTable(roots) : null,
    el(
      "ol",
      { class: "steps" },
      result.steps.map((s) => el("li", {}, mark(s.status, el("strong", {}, s.title)), el("div", { class: "step-detail" }, s.detail))),
    ),
    el("details", {}, el("summary", {}, "The checkpoint used, verbatim"), el("pre", { class: "note", tabindex: 0 }, checkpointNote)),
    result.checkpoint ? offlineCommands(entry, vkey, result.checkpoint, checkpointNote, proof) : null,
  );
}

/** The same checks with the command-line client, on the same inputs. */
function offlineCommands(entry, vkey, checkpoint, checkpointNote, proof) {
  const root = toBase64(checkpoint.root);
  const hashes = proof.map((h) => ` \\\n    --hash ${h}`).join("");
  const commands =
    `# Save the entry (button above) as entry-${entry.index}.txt and the checkpoint (button below)\n` +
    `# as checkpoint.txt, then:\n` +
    `./countersign note verify --vkey '${vkey}' < checkpoint.txt\n` +
    `./countersign proof verify inclusion --index ${entry.index} --size ${checkpoint.size} \\\n` +
    `    --root ${root} --entry entry-${entry.index}.txt${hashes}\n`;
  return el(
    "details",
    {},
    el("summary", {}, "Check the same thing offline with the command line"),
    el("pre", { class: "commands" }, commands),
    el(
      "div",
      { class: "actions" },
      el("a", { class: "button button-secondary", download: "checkpoint.txt", href: URL.createObjectURL(new Blob([utf8(checkpointNote)], { type: "text/plain" })) }, "Save the checkpoint"),
      copyButton(commands, "Copy the commands"),
    ),
  );
}

main();
