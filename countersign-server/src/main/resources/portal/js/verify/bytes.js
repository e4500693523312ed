// Byte helpers for the verifier: strict base64, hex, UTF-8, SHA-256 (WebCrypto).
//
// Everything the portal verifies goes through these few functions, so they are strict: base64 must
// be the standard alphabet with padding (RFC 4648 section 4), exactly as C2SP signed notes and
// checkpoints write it, and anything else is refused rather than guessed.

/** Thrown when something does not verify or does not parse; `message` says what and why. */
export class VerificationError extends Error {
  constructor(message, details = {}) {
    super(message);
    this.name = "VerificationError";
    this.details = details;
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes standard padded base64; `what` names the value in the error message. */
export function fromBase64(text, what = "value") {
  if (typeof text !== "string" || !BASE64.test(text)) {
    throw new VerificationError(`${what} is not standard base64: ${JSON.stringify(String(text).slice(0, 60))}`);
  }
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function toBase64(bytes) {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The UTF-8 bytes of a string (what a signed note's signature and a leaf hash cover). */
export function utf8(text) {
  return new TextEncoder().encode(text);
}

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function equalBytes(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * SHA-256 with the browser's WebCrypto. Browsers offer WebCrypto only in a secure context (HTTPS,
 * or http://localhost and 127.0.0.1); elsewhere this throws and the page says it cannot verify.
 */
export async function sha256(bytes) {
  if (!globalThis.crypto || !globalThis.crypto.subtle) {
    throw new VerificationError(
      "this browser offers no WebCrypto on this page (it needs HTTPS or localhost): verify with the command line instead");
  }
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}
