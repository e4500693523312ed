// DOM helpers shared by the portal's pages. Everything a statement says comes from the parties, so
// text is always inserted as text (textContent), never parsed as HTML.

/** Creates an element: el("a", { href: "/x", class: "y" }, "text", otherNode). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Replaces the children of the element with id `id` (or of the element itself). */
export function fill(target, ...children) {
  const node = typeof target === "string" ? document.getElementById(target) : target;
  node.replaceChildren(...children.flat(Infinity).filter((c) => c !== undefined && c !== null && c !== false));
  return node;
}

/** A hash, key or other machine value: monospace, breakable anywhere. */
export const mono = (text, attributes = {}) => el("code", { class: "mono", ...attributes }, text);

/** The value of query parameter `name`, or null. */
export const param = (name) => new URLSearchParams(location.search).get(name);

/** A status mark: ✓ ok, ✗ failed, – unchecked, with words beside the symbol (never colour alone). */
export function mark(status, words) {
  const symbol = { ok: "\u2713", failed: "\u2717", unchecked: "\u2013", warn: "!" }[status] ?? "?";
  return el("span", { class: `mark mark-${status}` }, el("span", { "aria-hidden": "true", class: "symbol" }, symbol), " ", words);
}

/** An error box for a page section that could not load. */
export function errorBox(message) {
  return el("div", { class: "notice notice-error", role: "alert" }, el("strong", {}, "Could not load: "), message);
}

/** "2026-11-26T09:30:00Z" as "2026-11-26 09:30:00 UTC"; anything else unchanged. */
export function formatInstant(text) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}(?:\.\d+)?)Z$/.exec(text ?? "");
  return m ? `${m[1]} ${m[2]} UTC` : text;
}

export const formatCount = (n) => Number(n).toLocaleString("en-US");

/** A "Copy" button for `text`; says "Copied" for a moment. */
export function copyButton(text, label = "Copy") {
  const button = el("button", { type: "button", class: "button-small", "aria-label": `${label} to clipboard` }, label);
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = "Copied";
    } catch {
      button.textContent = "Select and copy by hand";
    }
    setTimeout(() => (button.textContent = label), 2000);
  });
  return button;
}

/** A two-column table of label / value rows. */
export function keyValueTable(rows, attributes = {}) {
  return el(
    "table",
    { class: "kv", ...attributes },
    el("tbody", {}, rows.map(([label, value, id]) => el("tr", {}, el("th", { scope: "row" }, label), el("td", { id }, value)))),
  );
}

/** "issuedAt" -> "Issued at", "escrowRoot" -> "Escrow root". */
export function humanize(key) {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const LONG_LIST = 50;
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isScalar = (v) => v === null || typeof v !== "object";

/**
 * A statement's JSON value as readable HTML: objects as label/value tables, lists of like objects
 * as tables with a column per field, long lists folded. The signed note above it stays the
 * authority; this is a reading aid.
 */
export function valueView(value) {
  if (value === null) return el("em", {}, "none");
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return formatCount(value);
  if (typeof value === "string") {
    if (value === "") return el("em", { class: "empty" }, "empty");
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value)) return el("time", { datetime: value }, formatInstant(value));
    if (value.length > 40 && !/\s/.test(value)) return mono(value);
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return el("em", {}, "none");
    let view;
    if (value.every(isScalar)) {
      view = el("ul", { class: "inline-list" }, value.map((v) => el("li", {}, valueView(v))));
    } else if (value.every(isObject)) {
      // One column per field, the identifier first (canonical JSON sorts keys alphabetically).
      const columns = [...new Set(value.flatMap((o) => Object.keys(o)))].sort((a, b) => (b === "id") - (a === "id"));
      view = el(
        "div",
        { class: "table-scroll" },
        el(
          "table",
          { class: "grid" },
          el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col" }, humanize(c))))),
          el("tbody", {}, value.map((o) => el("tr", {}, columns.map((c) => el("td", {}, c in o ? cellView(o[c]) : ""))))),
        ),
      );
    } else {
      view = el("ol", {}, value.map((v) => el("li", {}, valueView(v))));
    }
    return value.length > LONG_LIST
      ? el("details", {}, el("summary", {}, `Show all ${formatCount(value.length)} items`), view)
      : view;
  }
  if (isObject(value)) {
    return keyValueTable(Object.entries(value).map(([k, v]) => [humanize(k), cellView(v)]));
  }
  return String(value);
}

/** Inside a table cell, a small object of plain values reads better inline: "Warheads: 4". */
function cellView(value) {
  if (isObject(value) && Object.values(value).every(isScalar)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return el("em", {}, "none");
    return el("ul", { class: "inline-list" }, entries.map(([k, v]) => el("li", {}, `${humanize(k)}: `, valueView(v))));
  }
  return valueView(value);
}

/**
 * The verifier key to check against: one the reader pasted (kept in this browser) or, by default,
 * the one the server claims. Returns { vkey, pinned }.
 */
export function trustedKey(origin, serverKey) {
  let pinned = null;
  try {
    pinned = localStorage.getItem(`countersign.vkey.${origin}`);
  } catch {
    // Storage disabled: use the server's key.
  }
  return pinned ? { vkey: pinned, pinned: true } : { vkey: serverKey, pinned: false };
}

export function pinKey(origin, vkey) {
  try {
    if (vkey) localStorage.setItem(`countersign.vkey.${origin}`, vkey);
    else localStorage.removeItem(`countersign.vkey.${origin}`);
  } catch {
    // Storage disabled: the key applies to this page only.
  }
}
