// The compliance page: a form that opens the server's own report (/api/v1/compliance, in HTML,
// text or JSON), a short summary of the report for the chosen day, and the commands that
// recompute the same bytes offline from the verified log. The page renders only a few stable
// fields of the report; the report itself (and its printable form) is the server's.

import * as api from "./api.js";
import { copyButton, el, errorBox, fill, formatCount, keyValueTable, mark, mono, param, valueView } from "./ui.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

async function main() {
  const form = document.getElementById("report-form");
  const at = document.getElementById("report-at");
  const requested = param("at");
  at.value = requested && DAY.test(requested) ? requested : new Date().toISOString().slice(0, 10);
  let info;
  try {
    info = await api.logInfo();
  } catch (e) {
    fill("summary", errorBox(e.message));
    document.getElementById("summary-section").hidden = false;
    return;
  }
  form.addEventListener("submit", () => {
    // An empty party means "every participant": leave it out (the API refuses "party=").
    const party = form.elements.namedItem("party");
    if (party && party.value === "") {
      party.disabled = true;
      setTimeout(() => (party.disabled = false), 0);
    }
  });
  at.addEventListener("change", () => {
    if (DAY.test(at.value)) summarize(info, at.value, form);
  });
  await summarize(info, at.value, form);
}

async function summarize(info, day, form) {
  fill("summary-at", `on ${day}`);
  fill("summary", el("p", { class: "loading" }, "Computing…"));
  document.getElementById("summary-section").hidden = false;
  let answer;
  try {
    answer = await api.compliance(day);
  } catch (e) {
    if (e.code === "no-treaty") {
      form.querySelector("button").disabled = true;
      fill(
        "summary",
        el(
          "div",
          { class: "notice", id: "no-treaty" },
          mark("unchecked", "This server keeps no compliance report: it was started without a treaty file. "),
          "Anyone can still replay the log offline under a treaty file with the commands below.",
        ),
      );
      showCommands(info, day, null);
      return;
    }
    fill("summary", errorBox(e.message));
    return;
  }
  const r = answer.report;
  const parties = Array.isArray(r.parties) ? r.parties : [];
  partySelect(parties);
  const count = (list) => (Array.isArray(list) ? formatCount(list.length) : "not in this report");
  const printable = `/api/v1/compliance?at=${encodeURIComponent(day)}&format=html`;
  fill(
    "summary",
    keyValueTable([
      ["Log prefix replayed", el("span", { id: "report-entries" }, `the first ${formatCount(r.entries)} entries`)],
      ["Treaty", [mono(r.treaty), " (file digest ", mono(r.treatyDigest), ")"]],
      ["Treaty status", valueView(r.status)],
    ]),
    el("h3", {}, "Participants"),
    el(
      "div",
      { class: "table-scroll" },
      el(
        "table",
        { class: "grid", id: "report-parties" },
        el("thead", {}, el("tr", {}, ["Party", "Name", "Role", "Standing"].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, parties.map((p) => el("tr", { "data-party": p.party }, el("td", {}, mono(p.party)), el("td", {}, p.name), el("td", {}, p.role), el("td", {}, p.standing)))),
      ),
    ),
    el("h3", {}, "Findings"),
    keyValueTable(
      // The report counts every kind of finding itself (its "findings" member), so that this
      // summary cannot miss a kind; older reports fall back to the lists.
      r.findings && typeof r.findings === "object"
        ? Object.entries(r.findings).map(([kind, n]) => [findingLabel(kind), el("span", { "data-finding": kind }, formatCount(n))])
        : [
            ["Late or missing notifications", count(r.notifications)],
            ["Data exchanges", count(r.dataExchanges)],
            ["Discrepancies between statements", count(r.discrepancies)],
            ["Disputes", count(r.disputes)],
            ["Logged entries the treaty does not admit", count(r.inadmissible)],
          ],
      { id: "report-findings" },
    ),
    el("p", {}, el("a", { href: printable }, "Open the printable report, with every finding linked to its evidence →")),
  );
  showCommands(info, day, { size: answer.size ?? r.entries, digest: r.treatyDigest });
}

/** A participant choice, from the report itself; empty means the whole report. */
function partySelect(parties) {
  const field = document.getElementById("party-field");
  if (field.querySelector("select")) return;
  fill(
    field,
    el("label", { for: "report-party" }, "Participant"),
    el(
      "select",
      { id: "report-party", name: "party" },
      el("option", { value: "" }, "Every participant"),
      parties.map((p) => el("option", { value: p.party }, `${p.party}${p.name ? ` (${p.name})` : ""}`)),
    ),
  );
}

function showCommands(info, day, replay) {
  const url = location.origin;
  const commands = replay
    ? `./countersign compliance --server ${url} --at ${day} --format json > server-report.json\n` +
      `./countersign compliance --log ${url} --vkey '${info.verifierKey}' --treaty ${info.treaty} \\\n` +
      `    --at ${day} --size ${replay.size} --format json > replayed-report.json\n` +
      `cmp server-report.json replayed-report.json && echo "identical"\n`
    : `./countersign compliance --log ${url} --vkey '${info.verifierKey}' --treaty TREATY_FILE --at ${day}\n`;
  fill("replay-commands", commands);
  fill(
    "replay-actions",
    el("div", { class: "actions" }, copyButton(commands, "Copy the commands")),
    replay
      ? el("p", { class: "hint" }, "--treaty takes a treaty file or the id of a treaty shipped with Countersign; its digest must be ", mono(replay.digest), ". Use the key you obtained independently, not the one this page shows.")
      : null,
  );
  document.getElementById("replay-section").hidden = false;
}

main();

/** "data-exchanges-missing" -> "Data exchanges missing". */
function findingLabel(kind) {
  const words = kind.replaceAll("-", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
