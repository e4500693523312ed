// The portal's in-browser checks, step by step, so that a reader can follow the chain of trust:
//
//   verifier key (obtained independently)
//     -> signs the checkpoint (origin, tree size, root hash)
//       -> the root is what the inclusion proof gives from the entry's leaf hash
//         -> the leaf hash is SHA-256(0x00 || the entry's bytes, exactly as shown).
//
// Each step is recorded as ok, failed, or unchecked (Ed25519 unsupported by this browser), with a
// sentence saying what was computed. A failed step ends the check: later steps would rest on it.
// Nothing here trusts the server's own answers about hashes: the leaf hash and the root are
// recomputed from the entry text and the proof hashes.

import { VerificationError, fromBase64, toBase64, utf8 } from "./bytes.js";
import { leafHash, rootFromInclusionProof } from "./merkle.js";
import { Ed25519UnsupportedError, parseCheckpoint, parseNote, parseVerifierKey, verifyNoteSignature } from "./note.js";

/** Outcomes: every step ok; ok except the signature could not be checked here; something failed. */
export const VERIFIED = "verified";
export const UNSIGNED = "verified-signature-unchecked";
export const FAILED = "failed";

class Steps {
  constructor() {
    this.list = [];
  }

  /** Runs `action`; records its result; returns its value, or undefined if it failed. */
  async run(title, action) {
    try {
      const { value, detail } = await action();
      this.list.push({ title, status: "ok", detail });
      return value ?? true;
    } catch (e) {
      if (e instanceof Ed25519UnsupportedError) {
        this.list.push({ title, status: "unchecked", detail: e.message });
        return true;
      }
      const detail = e instanceof VerificationError ? e.message : `unexpected error: ${e && e.message}`;
      this.list.push({ title, status: "failed", detail, ...((e && e.details) || {}) });
      return undefined;
    }
  }

  outcome() {
    if (this.list.some((s) => s.status === "failed")) return FAILED;
    if (this.list.some((s) => s.status === "unchecked")) return UNSIGNED;
    return VERIFIED;
  }
}

/** Steps 1 to 3: the key, the checkpoint's log signature, its origin. Returns the checkpoint. */
async function openCheckpoint(steps, vkey, checkpointNote) {
  const key = await steps.run("Log verifier key", async () => {
    const k = await parseVerifierKey(vkey.trim());
    return { value: k, detail: `Ed25519 key of ${k.name}; its key ID ${k.keyId} matches its name and public key` };
  });
  if (!key) return undefined;
  const note = await steps.run("Checkpoint note", async () => {
    const n = parseNote(checkpointNote);
    return { value: n, detail: `well-formed, ${n.signatures.length} signature line(s)` };
  });
  if (!note) return undefined;
  const signed = await steps.run("Log signature on the checkpoint", async () => {
    await verifyNoteSignature(note, key);
    return { detail: `valid Ed25519 signature by ${key.name} (key ID ${key.keyId}), checked in your browser` };
  });
  if (!signed) return undefined;
  return steps.run("Checkpoint contents", async () => {
    const c = parseCheckpoint(note.text);
    if (c.origin !== key.name) {
      throw new VerificationError(`the checkpoint's origin ${c.origin} is not the key's name ${key.name}`);
    }
    return { value: c, detail: `origin ${c.origin}, tree size ${c.size}, root ${toBase64(c.root)}` };
  });
}

/** Checks a checkpoint note against a verifier key: { outcome, steps, checkpoint }. */
export async function checkCheckpoint({ vkey, checkpointNote }) {
  const steps = new Steps();
  const checkpoint = await openCheckpoint(steps, vkey, checkpointNote);
  return { outcome: steps.outcome(), steps: steps.list, checkpoint };
}

/**
 * Checks that the entry whose note text is `entryText` is at `index` in the log, under the
 * checkpoint `checkpointNote` signed by `vkey`, using the base64 proof hashes `proof` (for the
 * checkpoint's tree size). Returns { outcome, steps, checkpoint, leafHash, computedRoot }.
 */
export async function checkEntry({ vkey, checkpointNote, index, entryText, proof }) {
  const steps = new Steps();
  const result = { steps: steps.list };
  const checkpoint = await openCheckpoint(steps, vkey, checkpointNote);
  if (checkpoint) {
    result.checkpoint = checkpoint;
    const leaf = await steps.run("Leaf hash of the entry", async () => {
      const h = await leafHash(utf8(entryText));
      return { value: h, detail: `SHA-256(0x00 || entry) = ${toBase64(h)}` };
    });
    if (leaf) {
      result.leafHash = toBase64(leaf);
      await steps.run("Inclusion proof", async () => {
        const hashes = proof.map((p, i) => fromBase64(p, `proof hash #${i + 1}`));
        const root = await rootFromInclusionProof(BigInt(index), checkpoint.size, leaf, hashes);
        result.computedRoot = toBase64(root);
        if (result.computedRoot !== toBase64(checkpoint.root)) {
          throw new VerificationError("the proof leads to a different root than the signed checkpoint's", {
            computedRoot: result.computedRoot,
            expectedRoot: toBase64(checkpoint.root),
          });
        }
        return {
          detail: `${hashes.length} proof hash(es) lead from the leaf at index ${index} to the signed root of the tree of size ${checkpoint.size}`,
        };
      });
    }
  }
  result.outcome = steps.outcome();
  return result;
}
