// The table of entries used by the overview (latest few) and the entries page (one page).

import { el, formatInstant, mono } from "./ui.js";

/** A table row per entry (as /api/v1/entries/<i> answers it), linking to the entry's page. */
export function entriesTable(entries, caption) {
  return el(
    "div",
    { class: "table-scroll" },
    el(
      "table",
      { class: "grid entries", id: "entries-table" },
      caption ? el("caption", {}, caption) : null,
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          el("th", { scope: "col", class: "num" }, "Index"),
          el("th", { scope: "col" }, "Kind"),
          el("th", { scope: "col" }, "Author"),
          el("th", { scope: "col" }, "Issued at"),
          el("th", { scope: "col" }, "Signed by"),
        ),
      ),
      el("tbody", {}, entries.map(row)),
    ),
  );
}

function row(e) {
  const link = el("a", { href: `/portal/entry.html?index=${e.index}` }, `#${e.index}`);
  if (e.error) {
    return el("tr", { class: "row-error" }, el("td", { class: "num" }, link), el("td", { colspan: 4 }, `could not load: ${e.error}`));
  }
  const s = e.statement ?? {};
  return el(
    "tr",
    { "data-index": e.index },
    el("td", { class: "num" }, link),
    el("td", {}, el("span", { class: "kind" }, e.kind ?? "unknown")),
    el("td", {}, s.author ?? ""),
    el("td", {}, s.issuedAt ? el("time", { datetime: s.issuedAt }, formatInstant(s.issuedAt)) : ""),
    el("td", {}, (e.signers ?? []).map((name, i) => [i ? ", " : "", mono(name)])),
  );
}

/** The indexes of page `page` (0 = newest) of a log of `size` entries, newest first. */
export function pageIndexes(size, page, perPage) {
  const top = size - 1 - page * perPage;
  const out = [];
  for (let i = top; i >= 0 && i > top - perPage; i--) out.push(i);
  return out;
}
