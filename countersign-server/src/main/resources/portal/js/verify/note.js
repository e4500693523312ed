// C2SP signed notes, verifier keys and checkpoints, and the Ed25519 check of the log's signature.
//
// A signed note is text ending in "\n", a blank line, then signature lines
//   "— <key name> <base64(4-byte key ID || signature)>\n"
// The log signs its checkpoint ("<origin>\n<size>\n<base64 root>\n[extensions]") with Ed25519;
// witnesses add cosignatures (key ID || 8-byte timestamp || Ed25519 signature) to the same note.
// A verifier key is "<name>+<8 hex key ID>+<base64(0x01 || 32-byte Ed25519 public key)>", and the
// key ID is SHA-256(name || "\n" || 0x01 || public key)[:4] (C2SP signed-note).

import { VerificationError, concat, fromBase64, sha256, toHex, utf8 } from "./bytes.js";

const EM_DASH_PREFIX = "\u2014 ";
const MAX_SIGNATURES = 100;
const ED25519 = 0x01;

/** Splits a signed note into its text and signature lines, refusing anything malformed. */
export function parseNote(note) {
  if (!note.endsWith("\n")) throw new VerificationError("the note does not end with a newline");
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(note)) {
    throw new VerificationError("the note contains control characters");
  }
  const split = note.lastIndexOf("\n\n");
  if (split < 0) throw new VerificationError("the note has no blank line before its signatures");
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) throw new VerificationError(`the note has more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line) => {
    if (!line.startsWith(EM_DASH_PREFIX)) throw new VerificationError(`not a signature line: ${JSON.stringify(line.slice(0, 60))}`);
    const parts = line.slice(EM_DASH_PREFIX.length).split(" ");
    if (parts.length !== 2 || parts[0] === "" || parts[0].includes("+")) {
      throw new VerificationError(`malformed signature line: ${JSON.stringify(line.slice(0, 60))}`);
    }
    const raw = fromBase64(parts[1], `the signature of ${parts[0]}`);
    if (raw.length < 5) throw new VerificationError(`the signature of ${parts[0]} is too short`);
    return { name: parts[0], keyId: toHex(raw.subarray(0, 4)), payload: raw.subarray(4) };
  });
  return { text, signatures };
}

/**
 * What a signature line is, from its length: a plain Ed25519 signature (the log's, 64 bytes) or a
 * C2SP cosignature/v1 (8-byte big-endian timestamp, then 64 bytes). Only a label for display.
 */
export function describeSignature(sig) {
  if (sig.payload.length === 64) return { kind: "Ed25519 signature" };
  if (sig.payload.length === 72) {
    const seconds = new DataView(sig.payload.buffer, sig.payload.byteOffset, 8).getBigUint64(0);
    return { kind: "witness cosignature (cosignature/v1)", time: new Date(Number(seconds) * 1000) };
  }
  return { kind: `unknown signature type (${sig.payload.length} bytes)` };
}

/** Parses and checks a verifier key: its key ID must be the hash of its name and public key. */
export async function parseVerifierKey(vkey) {
  const first = vkey.indexOf("+");
  const second = vkey.indexOf("+", first + 1);
  if (first <= 0 || second < 0) throw new VerificationError("a verifier key is name+keyid+base64");
  const name = vkey.slice(0, first);
  const keyId = vkey.slice(first + 1, second);
  if (!/^[0-9a-f]{8}$/.test(keyId)) throw new VerificationError(`the key ID ${JSON.stringify(keyId)} is not 8 lowercase hex digits`);
  const key = fromBase64(vkey.slice(second + 1), "the verifier key");
  if (key.length !== 33 || key[0] !== ED25519) throw new VerificationError("the verifier key is not an Ed25519 key");
  const publicKey = key.subarray(1);
  const expectedId = toHex((await sha256(concat(utf8(name), Uint8Array.of(0x0a, ED25519), publicKey))).subarray(0, 4));
  if (expectedId !== keyId) throw new VerificationError(`the key ID ${keyId} does not match the key (expected ${expectedId})`);
  return { name, keyId, publicKey };
}

/** Parses a checkpoint's text: origin, tree size (BigInt) and root hash (32 bytes). */
export function parseCheckpoint(text) {
  const lines = text.slice(0, -1).split("\n");
  if (lines.length < 3 || lines.some((l) => l === "")) throw new VerificationError("a checkpoint has at least three non-empty lines");
  const [origin, sizeText, rootText] = lines;
  if (!/^(0|[1-9][0-9]{0,18})$/.test(sizeText)) throw new VerificationError(`the tree size ${JSON.stringify(sizeText)} is not a decimal number`);
  const root = fromBase64(rootText, "the root hash");
  if (root.length !== 32) throw new VerificationError(`the root hash has ${root.length} bytes, not 32`);
  return { origin, size: BigInt(sizeText), root, extensions: lines.slice(3) };
}

/** Thrown when this browser cannot check Ed25519 signatures (WebCrypto without Ed25519). */
export class Ed25519UnsupportedError extends Error {
  constructor() {
    super("this browser's WebCrypto cannot verify Ed25519 signatures (Chromium 137+, Firefox 129+ and Safari 17+ can)");
    this.name = "Ed25519UnsupportedError";
  }
}

/**
 * Verifies the signature of `key` (from parseVerifierKey) on `note` (from parseNote): the line
 * with the key's name and key ID must hold a valid Ed25519 signature over the note's text.
 * Throws a VerificationError if there is no such line or the signature is invalid, and an
 * Ed25519UnsupportedError if the browser cannot tell.
 */
export async function verifyNoteSignature(note, key) {
  const line = note.signatures.find((s) => s.name === key.name && s.keyId === key.keyId);
  if (!line) throw new VerificationError(`the note carries no signature by ${key.name} (key ID ${key.keyId})`);
  if (line.payload.length !== 64) throw new VerificationError(`the signature by ${key.name} is not a 64-byte Ed25519 signature`);
  let publicKey;
  try {
    publicKey = await crypto.subtle.importKey("raw", key.publicKey, { name: "Ed25519" }, false, ["verify"]);
  } catch (e) {
    if (e && e.name === "NotSupportedError") throw new Ed25519UnsupportedError();
    throw new VerificationError(`the log key cannot be imported: ${e && e.message}`);
  }
  const valid = await crypto.subtle.verify({ name: "Ed25519" }, publicKey, line.payload, utf8(note.text));
  if (!valid) throw new VerificationError(`the signature by ${key.name} is invalid`);
}
