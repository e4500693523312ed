// One chart per limit, drawn as hand-written SVG from the compliance time series
// (/api/v1/compliance/series): every party's counted total over time, the limit from the day it
// binds, data exchanges marked, gaps where a figure is missing (a missing exchange, a suspension),
// and under a dispute a line per reading. Each chart comes with a sentence that says what it shows
// and the table of the same figures, and each point is a link to the entry it rests on, reachable
// with the keyboard. Marks never rely on colour alone: each party has its own marker shape and line
// pattern, and lines are labelled by name.

import { el, formatCount } from "./ui.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 760;
const HEIGHT = 320;
const PAD = { left: 64, right: 120, top: 20, bottom: 42 };

/** Per party, in series order: a marker shape, a line pattern and a colour (the colour last). */
const STYLES = [
  { shape: "circle", dash: "", colour: "#1c57a5" },
  { shape: "square", dash: "7 4", colour: "#a4161a" },
  { shape: "triangle", dash: "2 3", colour: "#17663a" },
  { shape: "diamond", dash: "10 3 2 3", colour: "#6b3fa0" },
];

/** Standings in which a party's figures stop (the line breaks there). */
const BREAKS = new Set(["suspended", "withdrawn"]);

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (v !== undefined && v !== null && v !== false) node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c !== undefined && c !== null && c !== false) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

const dayMs = (d) => Date.parse(`${d}T00:00:00Z`);

/** Whether the point's figure describes its own day (not one carried from an earlier day). */
export const fresh = (p) => p.total !== null && p.asOf !== null && p.asOf === p.date;

/** Why a party has no figure on a point's day, or null: a missing exchange or a suspension. */
export function gapReason(p) {
  if (fresh(p)) return null;
  if (p.exchange && p.exchange.status === "missing") {
    return p.exchange.whileSuspended ? "exchange missing (party suspended)" : "exchange missing";
  }
  if (BREAKS.has(p.standing)) return p.standing;
  return null;
}

/** The first evidence entry of a point: the exchange's if it has one, else the total's. */
export function evidenceOf(p) {
  const list = p.exchange && p.exchange.evidence.length ? p.exchange.evidence : p.evidence;
  return list.length ? list[0] : null;
}

/** Sentence fragment for a point's total against the limit. */
export function describePoint(limit, party, p) {
  if (p.total === null) return `${party}, ${p.date}: no figure declared`;
  const against = p.total > limit.value ? `above the limit of ${formatCount(limit.value)}` : `within the limit of ${formatCount(limit.value)}`;
  const binding = p.inForce ? (p.breach ? "a breach: the limit binds" : "the limit binds") : "the limit did not bind that day";
  const asOf = p.asOf && p.asOf !== p.date ? `, carried from ${p.asOf}` : "";
  const exchange = p.exchange ? `; data exchange ${p.exchange.status}` : "";
  return `${party}, ${p.date}: ${formatCount(p.total)}${asOf}, ${against} (${binding})${exchange}`;
}

function niceMax(v) {
  const raw = Math.max(v, 1) * 1.12;
  const step = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= raw) return m * step;
  return 10 * step;
}

function marker(shape, x, y, filled, colour) {
  const common = { class: "point-shape", fill: filled ? colour : "#ffffff", stroke: colour, "stroke-width": 2 };
  switch (shape) {
    case "square":
      return svg("rect", { ...common, x: x - 4.5, y: y - 4.5, width: 9, height: 9 });
    case "triangle":
      return svg("polygon", { ...common, points: `${x},${y - 6} ${x - 5.5},${y + 4.5} ${x + 5.5},${y + 4.5}` });
    case "diamond":
      return svg("polygon", { ...common, points: `${x},${y - 6} ${x + 6},${y} ${x},${y + 6} ${x - 6},${y}` });
    default:
      return svg("circle", { ...common, cx: x, cy: y, r: 5 });
  }
}

/**
 * A <figure> for one limit of the series: the SVG chart, a text alternative, a live read-out of
 * the focused point, and the table of every figure.
 */
export function limitChart(limit, index) {
  const id = `chart-${limit.limit}`;
  const parties = limit.parties;
  const all = parties.flatMap((s) => s.points);
  const plotted = all.filter((p) => p.total !== null);
  const days = all.map((p) => dayMs(p.date));
  const figure = el("figure", { class: "chart card", id, "data-limit": limit.limit });
  const heading = el("h3", { id: `${id}-title` }, `${limit.name}`, el("span", { class: "subtitle" }, ` limit ${formatCount(limit.value)} from ${limit.bindsFrom}`));
  if (days.length === 0) {
    figure.append(heading, el("p", {}, "No figures yet: nothing is declared for this limit."));
    return figure;
  }
  const x0 = Math.min(...days);
  const x1 = Math.max(...days, x0 + 86_400_000);
  const readingTotals = plotted.flatMap((p) => p.readings.map((r) => r.total));
  const yMax = niceMax(Math.max(limit.value, ...plotted.map((p) => p.total), ...readingTotals));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const X = (d) => PAD.left + ((dayMs(d) - x0) / (x1 - x0)) * innerW;
  const Y = (v) => PAD.top + innerH - (v / yMax) * innerH;

  const chart = svg("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: "chart-svg",
    role: "group",
    "aria-labelledby": `${id}-title`,
    "aria-describedby": `${id}-summary`,
  });
  chart.append(svg("title", {}, `${limit.name}: totals against the limit of ${formatCount(limit.value)}`));

  // Axes and grid: years along the bottom, counts on the left.
  const grid = svg("g", { class: "grid", "aria-hidden": "true" });
  for (let k = 0; k <= 4; k++) {
    const v = (yMax / 4) * k;
    grid.append(
      svg("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: Y(v), y2: Y(v), stroke: "#e3e7ed" }),
      svg("text", { x: PAD.left - 8, y: Y(v) + 4, "text-anchor": "end", class: "axis-label" }, formatCount(Math.round(v))),
    );
  }
  const firstYear = new Date(x0).getUTCFullYear();
  const lastYear = new Date(x1).getUTCFullYear();
  const every = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 8));
  for (let yr = firstYear + 1; yr <= lastYear; yr += every) {
    const x = X(`${yr}-01-01`);
    grid.append(
      svg("line", { x1: x, x2: x, y1: PAD.top, y2: PAD.top + innerH, stroke: "#eef1f5" }),
      svg("text", { x, y: HEIGHT - PAD.bottom + 18, "text-anchor": "middle", class: "axis-label" }, String(yr)),
    );
  }
  grid.append(svg("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: Y(0), y2: Y(0), stroke: "#9aa5b4" }));
  chart.append(grid);

  // Suspensions and withdrawals: a hatched band per party from the first such day.
  const bands = svg("g", { class: "bands", "aria-hidden": "true" });
  parties.forEach((s, i) => {
    const first = s.points.find((p) => BREAKS.has(p.standing));
    if (!first) return;
    const x = X(first.date);
    bands.append(
      svg("rect", { x, y: PAD.top, width: Math.max(2, WIDTH - PAD.right - x), height: innerH, class: "band" }),
      svg("line", { x1: x, x2: x, y1: PAD.top, y2: PAD.top + innerH, stroke: "#4a5568", "stroke-dasharray": "3 3" }),
      svg("text", { x: x + 4, y: PAD.top + 12 + 14 * i, class: "band-label" }, `${s.party} ${first.standing} from ${first.date}`),
    );
  });
  chart.append(bands);

  // The limit, from the day it binds.
  if (dayMs(limit.bindsFrom) <= x1) {
    const lx = Math.max(PAD.left, X(limit.bindsFrom));
    chart.append(
      svg(
        "g",
        { class: "limit", "aria-hidden": "true" },
        svg("line", { x1: lx, x2: WIDTH - PAD.right, y1: Y(limit.value), y2: Y(limit.value), stroke: "#1b2330", "stroke-width": 2, "stroke-dasharray": "8 4" }),
        svg("line", { x1: lx, x2: lx, y1: Y(limit.value) - 8, y2: Y(limit.value) + 8, stroke: "#1b2330", "stroke-width": 2 }),
        svg("text", { x: WIDTH - PAD.right + 6, y: Y(limit.value) + 4, class: "line-label" }, `limit ${formatCount(limit.value)}`),
      ),
    );
  }

  // Each party: line segments between figures of their own day, broken at gaps.
  const readout = el("p", { class: "readout", id: `${id}-readout`, "aria-live": "polite" }, "Focus or point at a mark to read its figure; each mark opens the entry it rests on.");
  parties.forEach((s, i) => {
    const style = STYLES[i % STYLES.length];
    const g = svg("g", { class: "party", "data-party": s.party });
    let segment = [];
    const segments = [segment];
    for (const p of s.points) {
      if (fresh(p)) {
        segment.push(p);
      } else if (gapReason(p)) {
        segment = [];
        segments.push(segment);
      }
    }
    for (const seg of segments.filter((x) => x.length > 1)) {
      g.append(
        svg("polyline", {
          points: seg.map((p) => `${X(p.date)},${Y(p.total)}`).join(" "),
          fill: "none",
          stroke: style.colour,
          "stroke-width": 2.5,
          "stroke-dasharray": style.dash || null,
          "aria-hidden": "true",
        }),
      );
    }
    // Readings under a dispute: a thin line each, labelled by who reads it so.
    const byReader = new Map();
    for (const p of s.points.filter(fresh)) {
      for (const r of p.readings) {
        if (!byReader.has(r.by)) byReader.set(r.by, []);
        byReader.get(r.by).push({ date: p.date, total: r.total });
      }
    }
    for (const [by, line] of byReader) {
      const last = line[line.length - 1];
      // One point alone draws no line: a small dotted ring marks it.
      const shape =
        line.length > 1
          ? svg("polyline", { points: line.map((q) => `${X(q.date)},${Y(q.total)}`).join(" "), fill: "none", stroke: style.colour, "stroke-width": 1.5, "stroke-dasharray": "1 3" })
          : svg("circle", { cx: X(last.date), cy: Y(last.total), r: 6, fill: "none", stroke: style.colour, "stroke-width": 1.5, "stroke-dasharray": "1 3" });
      g.append(
        svg("g", { class: "reading", "data-by": by, "aria-hidden": "true" }, shape, svg("text", { x: X(last.date) + 8, y: Y(last.total) + 4, class: "line-label" }, `${s.party} as ${by} reads it`)),
      );
    }
    // Marks: filled on a data exchange's day, hollow for other declarations; a cross where missing.
    for (const p of s.points) {
      const reason = gapReason(p);
      if (fresh(p)) {
        const entry = evidenceOf(p);
        const label = describePoint(limit, s.party, p);
        const mark = marker(style.shape, X(p.date), Y(p.total), p.exchange !== null && p.exchange !== undefined, style.colour);
        const link = svg("a", { href: entry === null ? null : `/portal/entry.html?index=${entry}#verify`, "aria-label": label, class: "point", "data-date": p.date, tabindex: entry === null ? 0 : null }, svg("title", {}, label), mark);
        for (const ev of ["focus", "mouseenter"]) link.addEventListener(ev, () => (readout.textContent = label));
        g.append(link);
      } else if (reason && reason.startsWith("exchange missing")) {
        const x = X(p.date);
        const y = Y(0) - 10 - 12 * i;
        const label = `${s.party}, ${p.date}: ${reason}`;
        const gap = svg(
          "g",
          { class: "gap", tabindex: 0, role: "img", "aria-label": label, "data-date": p.date },
          svg("title", {}, label),
          svg("path", { d: `M${x - 5},${y - 5} L${x + 5},${y + 5} M${x - 5},${y + 5} L${x + 5},${y - 5}`, stroke: style.colour, "stroke-width": 2.5 }),
        );
        for (const ev of ["focus", "mouseenter"]) gap.addEventListener(ev, () => (readout.textContent = label));
        g.append(gap);
      }
    }
    const last = [...s.points].reverse().find(fresh);
    if (last) {
      g.append(svg("text", { x: WIDTH - PAD.right + 6, y: Y(last.total) + 16 + (i % 2) * 12, class: "line-label", "aria-hidden": "true" }, `${s.party} (${style.shape})`));
    }
    chart.append(g);
  });

  figure.append(
    heading,
    el("div", { class: "chart-frame" }, chart),
    el("figcaption", { id: `${id}-summary`, class: "chart-summary" }, summary(limit)),
    readout,
    legend(parties),
    dataTable(limit, `${id}-table`),
  );
  figure.dataset.index = String(index);
  return figure;
}

function legend(parties) {
  return el(
    "ul",
    { class: "legend inline-list", "aria-label": "Legend" },
    parties.map((s, i) => {
      const st = STYLES[i % STYLES.length];
      return el("li", { class: `legend-${st.shape}` }, el("span", { class: `swatch swatch-${i % STYLES.length}`, "aria-hidden": "true" }), `${s.party}: ${st.shape} marks, ${st.dash ? "patterned" : "solid"} line`);
    }),
    el("li", {}, "filled mark: data exchange; hollow: other declaration; ✕: exchange missing; hatched: suspended"),
    el("li", {}, "dashed black: the limit, from the day it binds"),
    parties.some((s) => s.points.some((p) => p.readings.length)) ? el("li", {}, "dotted, labelled “as … reads it”: another party's reading of disputed items") : null,
  );
}

/** The text alternative: what the chart shows, in words. */
export function summary(limit) {
  const parts = [`${limit.name}: the limit is ${formatCount(limit.value)}, binding from ${limit.bindsFrom}.`];
  for (const s of limit.parties) {
    const f = s.points.filter(fresh);
    if (f.length === 0) {
      parts.push(`${s.party} has declared no figure.`);
      continue;
    }
    const first = f[0];
    const last = f[f.length - 1];
    const top = f.reduce((a, b) => (b.total > a.total ? b : a));
    let text = `${s.party}: ${formatCount(first.total)} on ${first.date}, ${formatCount(last.total)} on ${last.date}; highest ${formatCount(top.total)} on ${top.date}`;
    if (top.total > limit.value) text += top.inForce ? " (above the limit while it bound: a breach)" : " (above the limit, before it bound)";
    const over = f.filter((p) => p.breach);
    if (over.length) text += `; above the binding limit on ${over.map((p) => p.date).join(", ")}`;
    const missing = s.points.filter((p) => p.exchange && p.exchange.status === "missing").map((p) => p.date);
    if (missing.length) text += `; data exchange missing as of ${missing.join(", ")}`;
    const readers = new Map();
    for (const p of f) for (const r of p.readings) readers.set(r.by, { total: r.total, date: p.date });
    for (const [by, r] of readers) text += `; under a dispute, ${by} reads ${formatCount(r.total)} (latest on ${r.date})`;
    const suspended = s.points.find((p) => p.standing === "suspended");
    if (suspended) text += `; suspended from ${suspended.date}`;
    parts.push(`${text}.`);
  }
  return parts.join(" ");
}

/** The table of every point: one row a day, a column group a party. */
export function dataTable(limit, id) {
  const byDay = new Map();
  for (const s of limit.parties) {
    for (const p of s.points) {
      if (!byDay.has(p.date)) byDay.set(p.date, new Map());
      byDay.get(p.date).set(s.party, p);
    }
  }
  const daysSorted = [...byDay.keys()].sort();
  const head = el(
    "tr",
    {},
    el("th", { scope: "col" }, "Day"),
    el("th", { scope: "col" }, "Limit"),
    limit.parties.map((s) => el("th", { scope: "col" }, `${s.party} total`)),
    limit.parties.map((s) => el("th", { scope: "col" }, `${s.party} exchange`)),
  );
  const rows = daysSorted.map((d) => {
    const binding = d >= limit.bindsFrom;
    return el(
      "tr",
      { "data-date": d },
      el("th", { scope: "row" }, d),
      el("td", { class: "num" }, binding ? formatCount(limit.value) : el("span", { class: "muted" }, `${formatCount(limit.value)} (not yet binding)`)),
      limit.parties.map((s) => totalCell(limit, s.party, byDay.get(d).get(s.party))),
      limit.parties.map((s) => exchangeCell(s.party, byDay.get(d).get(s.party))),
    );
  });
  return el(
    "details",
    { class: "chart-table", open: true },
    el("summary", {}, `Table of the figures (${daysSorted.length} days)`),
    el("div", { class: "table-scroll" }, el("table", { class: "grid", id }, el("caption", {}, `${limit.name}: every figure the chart shows, from the compliance replay`), el("thead", {}, head), el("tbody", {}, rows))),
  );
}

function totalCell(limit, party, p) {
  if (!p) return el("td", {}, "");
  const attrs = { class: "num", "data-party": party, "data-date": p.date, "data-total": p.total ?? "", "data-readings": p.readings.length ? p.readings.map((r) => `${r.by}=${r.total}`).join(";") : null };
  if (p.total === null) return el("td", attrs, el("span", { class: "muted" }, "none declared"));
  const entry = p.evidence.length ? p.evidence[0] : null;
  const note = [];
  if (p.asOf !== p.date) note.push(`as of ${p.asOf}`);
  if (p.breach) note.push("✗ breach");
  else if (p.exceeded) note.push("! above, not binding");
  if (p.standing !== "bound") note.push(p.standing);
  for (const r of p.readings) note.push(`${formatCount(r.total)} as ${r.by} reads it`);
  return el(
    "td",
    attrs,
    entry === null ? el("span", { class: "value" }, formatCount(p.total)) : el("a", { href: `/portal/entry.html?index=${entry}#verify`, class: "value", title: `rests on ${p.evidence.length} entries, first #${entry}` }, formatCount(p.total)),
    note.length ? el("span", { class: "cell-note" }, ` ${note.join("; ")}`) : null,
  );
}

function exchangeCell(party, p) {
  if (!p || !p.exchange) return el("td", { class: "muted" }, "–");
  const x = p.exchange;
  const symbol = { "on-time": "✓", late: "!", missing: "✕", pending: "…" }[x.status] ?? "?";
  return el(
    "td",
    { "data-party": party, "data-exchange": x.status },
    el("span", { "aria-hidden": "true" }, `${symbol} `),
    x.status,
    x.whileSuspended ? " (suspended)" : "",
    x.evidence.length ? [" ", el("a", { href: `/portal/entry.html?index=${x.evidence[0]}#verify` }, `#${x.evidence[0]}`)] : null,
  );
}
