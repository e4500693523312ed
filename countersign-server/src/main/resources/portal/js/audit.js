// The audit page is static text; this fills its commands with this server's address and the
// verifier key it claims (step 1 of the page says why the reader must check that key elsewhere).

import * as api from "./api.js";
import { copyButton, el, fill } from "./ui.js";

async function main() {
  document.documentElement.classList.add("js");
  const url = location.origin;
  let vkey = null;
  try {
    vkey = (await api.logInfo()).verifierKey;
    fill("claimed-vkey", vkey);
  } catch {
    // Leave the generic text: the commands still read URL and VKEY.
  }
  for (const pre of document.querySelectorAll("pre[data-template]")) {
    let text = pre.textContent.replaceAll("URL", url);
    if (vkey) text = text.replaceAll("VKEY", vkey);
    pre.textContent = text;
    pre.after(el("div", { class: "actions" }, copyButton(text, "Copy")));
  }
}

main();
