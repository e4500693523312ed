// The overview: where the parties stand (today's standing and one chart a limit, from the
// compliance time series), then the log's part of the page (overview-log.js): its identity, the
// latest checkpoint with its signatures checked in the browser, whether the log only grew since
// this browser's last visit, the server's health and the latest entries.
//
// The charts come first (docs/portal.md, "Time to first chart"): this module needs only api.js,
// ui.js and chart.js, which the page preloads with it, and its first request is the series. The
// log's part, with the browser's verifiers, is loaded and asks for its data once the charts are
// in the page, so that neither its requests nor its scripts compete with the first chart.

import * as api from "./api.js";
import { el, errorBox, fill, formatCount, mark } from "./ui.js";
import { limitChart } from "./chart.js";

/** How long the log's part waits for the charts at most (a replay catching up is slow to answer). */
const LOG_WAITS_MS = 1500;

async function main() {
  const charts = showCharts();
  await Promise.race([charts, new Promise((resolve) => setTimeout(resolve, LOG_WAITS_MS))]);
  let showLog;
  try {
    ({ showLog } = await import("./overview-log.js"));
  } catch (e) {
    for (const id of ["identity", "status", "checkpoint", "consistency", "latest"]) fill(id, errorBox(`cannot load this part of the page: ${e.message}`));
    return;
  }
  await Promise.all([charts, showLog()]);
}

/** Today's standing and one chart per limit, from the compliance time series up to today. */
async function showCharts() {
  const day = api.today();
  let answer;
  try {
    answer = await api.series(day);
  } catch (e) {
    const message =
      e.code === "no-treaty"
        ? el("p", { class: "notice", id: "no-series" }, mark("unchecked", "This server keeps no compliance replay (it was started without a treaty file), so there are no totals to chart. "), "The log itself is below.")
        : errorBox(e.message);
    fill("charts", message);
    fill("standing", message.cloneNode(true));
    return;
  }
  const s = answer.series;
  fill("standing-at", `on ${day}, over the first ${formatCount(s.entries)} entries`);
  fill("standing", standingTable(s));
  const figures = s.limits.map((limit, i) => limitChart(limit, i));
  fill("charts", figures);
  // Time to first chart, for docs/portal.md (read by the browser test).
  document.documentElement.dataset.firstChartMs = String(Math.round(performance.now()));
}

function standingTable(s) {
  const parties = [...new Set(s.limits.flatMap((l) => l.parties.map((p) => p.party)))];
  const rows = parties.map((party) => {
    const cells = s.limits.map((limit) => {
      const series = limit.parties.find((p) => p.party === party);
      const p = series && series.points.length ? series.points[series.points.length - 1] : null;
      if (!p || p.total === null) return el("td", { "data-limit": limit.limit }, el("span", { class: "muted" }, "none declared"));
      const state = p.breach
        ? mark("failed", "breach")
        : p.exceeded
          ? mark("warn", "above, limit not binding")
          : mark("ok", "within");
      return el(
        "td",
        { "data-limit": limit.limit, "data-total": p.total },
        el("strong", {}, formatCount(p.total)),
        ` / ${formatCount(limit.value)} `,
        state,
        el("br"),
        el("span", { class: "cell-note" }, `as of ${p.asOf}${p.asOf !== p.date ? " (no newer figure)" : ""}`, p.evidence.length ? [" · ", el("a", { href: `/portal/entry.html?index=${p.evidence[0]}#verify` }, `entry #${p.evidence[0]}`)] : null),
      );
    });
    const last = s.limits.map((l) => l.parties.find((p) => p.party === party)).find((x) => x && x.points.length);
    const standing = last ? last.points[last.points.length - 1].standing : "unknown";
    const missing = last ? last.points.filter((p) => p.exchange && p.exchange.status === "missing").length : 0;
    return el(
      "tr",
      { "data-party": party },
      el("th", { scope: "row" }, el("a", { href: `/portal/party.html?party=${encodeURIComponent(party)}` }, party)),
      el("td", { class: "standing" }, standing),
      cells,
      el("td", { class: "num" }, missing ? mark("failed", `${missing} missing`) : mark("ok", "none missing")),
    );
  });
  return el(
    "div",
    { class: "table-scroll" },
    el(
      "table",
      { class: "grid", id: "standing-table" },
      el("caption", {}, "Each party's latest counted total against each limit, as the compliance report of today says"),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Party"), el("th", { scope: "col" }, "Standing"), s.limits.map((l) => el("th", { scope: "col" }, l.name)), el("th", { scope: "col" }, "Data exchanges"))),
      el("tbody", {}, rows),
    ),
  );
}

main();
