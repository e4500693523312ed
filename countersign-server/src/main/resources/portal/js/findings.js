// Tables of findings and links to their evidence, shared by the party and inspections pages.

import { el, formatCount } from "./ui.js";

/** Links to the entries a finding rests on, each opening the entry and verifying it. */
export function evidenceLinks(indexes, max = 8) {
  if (!indexes || indexes.length === 0) return el("span", { class: "muted" }, "–");
  const shown = indexes.slice(0, max).map((i) => el("a", { href: `/portal/entry.html?index=${i}#verify` }, `#${i}`));
  const more = indexes.length > max ? ` and ${formatCount(indexes.length - max)} more` : "";
  return el("span", { class: "evidence" }, shown.flatMap((a, k) => (k ? [" ", a] : [a])), more);
}

/** A table from rows of plain values or nodes; `columns` are [header, row => cell]. */
export function table(id, caption, columns, rows, empty) {
  if (rows.length === 0) return el("p", { class: "empty", id }, empty);
  return el(
    "div",
    // A table wider than the screen scrolls in its box; keyboard users reach the box to scroll it.
    { class: "table-scroll", tabindex: 0, role: "region", "aria-label": caption },
    el(
      "table",
      { class: "grid", id },
      el("caption", {}, caption),
      el("thead", {}, el("tr", {}, columns.map(([h]) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, rows.map((r) => el("tr", {}, columns.map(([, f]) => el("td", {}, f(r)))))),
    ),
  );
}

