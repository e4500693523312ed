// Negotiation: proposals, sealed positions and reveals, the diff between two proposals, what each
// party gives, and stability figures, from the server's negotiation and stability endpoints. A
// server without them says so: nothing here is invented.

import { el, fill, mark, mono } from "./ui.js";
import * as api from "./api.js";

async function main() {
  let found = null;
  try {
    found = await api.getJson("/api/v1/negotiations");
  } catch (e) {
    fill(
      "negotiation",
      el(
        "section",
        { class: "card", id: "negotiation-absent" },
        el("h2", {}, "Not available on this server"),
        el("p", {}, mark("unchecked", `This server answers no negotiation log (${e.message}). `), "The page shows negotiation logs once the server serves them; it invents nothing in the meantime."),
        el("p", { class: "hint" }, "Endpoint read: ", mono("/api/v1/negotiations")),
      ),
    );
    return;
  }
  fill("negotiation", el("pre", { class: "note", tabindex: 0 }, JSON.stringify(found, null, 2)));
}

main();
