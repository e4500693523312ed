// The entries page: one page of entries, newest first (?page=1 is the newest).

import * as api from "./api.js";
import { entriesTable, pageIndexes } from "./listing.js";
import { el, errorBox, fill, formatCount, param } from "./ui.js";

const PER_PAGE = 25;

async function main() {
  let info;
  try {
    info = await api.logInfo();
  } catch (e) {
    fill("list", errorBox(e.message));
    return;
  }
  const size = info.size;
  if (size === 0) {
    fill("list", el("p", {}, "The log is empty: no statement has been logged yet."));
    return;
  }
  const pages = Math.ceil(size / PER_PAGE);
  const requested = Number.parseInt(param("page") ?? "1", 10);
  const page = Number.isFinite(requested) ? Math.min(Math.max(requested, 1), pages) : 1;
  const indexes = pageIndexes(size, page - 1, PER_PAGE);
  fill("list-range", `#${indexes[0]} down to #${indexes.at(-1)}, of ${formatCount(size)} published`);
  document.title = `Entries, page ${page} · ${info.origin} · Countersign`;
  fill("list", entriesTable(await api.entries(indexes)));
  const link = (target, words, rel) =>
    target >= 1 && target <= pages && target !== page ? el("a", { href: `?page=${target}`, rel }, words) : el("span", { class: "disabled" }, words);
  fill(
    "pager",
    el("span", { class: "pager-group" }, link(1, "« Newest"), link(page - 1, "← Newer", "prev")),
    el("span", { class: "page-of" }, `Page ${formatCount(page)} of ${formatCount(pages)}`),
    el("span", { class: "pager-group" }, link(page + 1, "Older →", "next"), link(pages, "Oldest »")),
  );
}

main();
