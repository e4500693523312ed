// Has the log only grown? The browser keeps the last checkpoint it verified for each log origin
// (localStorage), and on the next visit checks an RFC 9162 consistency proof from that checkpoint
// to the new one, with WebCrypto. A log that rewrote or forked its history cannot produce one: the
// check fails, the kept checkpoint is not replaced, and the two signed checkpoints with the
// server's proof are offered as a split-view evidence file (countersign/split-view-evidence/v1)
// that `countersign evidence verify` judges offline.

import { VerificationError, fromBase64, toBase64, utf8 } from "./bytes.js";
import { verifyConsistency } from "./merkle.js";
import { VERIFIED, checkCheckpoint } from "./check.js";

const KEY = (origin) => `countersign.checkpoint.${origin}`;

/** Outcomes of the check. */
export const FIRST_VISIT = "first-visit";
export const SAME = "unchanged";
export const GREW = "consistent";
export const INCONSISTENT = "inconsistent";
export const NOT_CHECKED = "not-checked";

/** The checkpoint note this browser last verified for `origin`, or null. */
export function keptCheckpoint(origin) {
  try {
    return localStorage.getItem(KEY(origin));
  } catch {
    return null;
  }
}

function keep(origin, note) {
  try {
    localStorage.setItem(KEY(origin), note);
  } catch {
    // Storage disabled: nothing is kept, and the next visit is a first visit again.
  }
}

/** Forgets the kept checkpoint (the reader decides to start over, e.g. after reporting a fork). */
export function forget(origin) {
  try {
    localStorage.removeItem(KEY(origin));
  } catch {
    // Nothing kept.
  }
}

/** The split-view evidence file for two signed checkpoints and a proof (docs/witnessing.md). */
export function evidenceFile(vkey, firstNote, secondNote, proof) {
  const len = (s) => utf8(s).length;
  return (
    "countersign/split-view-evidence/v1\n" +
    `log ${vkey}\n` +
    `first ${len(firstNote)}\n${firstNote}` +
    `second ${len(secondNote)}\n${secondNote}` +
    `proof ${proof.length}\n` +
    proof.map((p) => `${p}\n`).join("")
  );
}

/**
 * Checks that the checkpoint `newNote` (as served now) extends the one this browser kept for the
 * key's origin, fetching the proof with `fetchProof(from, to)` ({ proof: [base64...] }). Keeps
 * `newNote` when it verifies and extends the old one. Returns { outcome, detail, old?, current?,
 * proof?, evidence? }.
 */
export async function checkGrowth({ vkey, newNote, fetchProof }) {
  const opened = await checkCheckpoint({ vkey, checkpointNote: newNote });
  if (opened.outcome !== VERIFIED) {
    const why = opened.steps.find((s) => s.status !== "ok");
    return { outcome: NOT_CHECKED, detail: `the new checkpoint was not verified here (${why ? why.detail : "unknown"}), so it is neither compared nor kept` };
  }
  const current = opened.checkpoint;
  const origin = current.origin;
  const oldNote = keptCheckpoint(origin);
  if (!oldNote) {
    keep(origin, newNote);
    return { outcome: FIRST_VISIT, current, detail: `this browser kept no checkpoint of ${origin} yet: it now keeps this one (size ${current.size}) and will check the next against it` };
  }
  const reopened = await checkCheckpoint({ vkey, checkpointNote: oldNote });
  if (reopened.outcome !== VERIFIED) {
    return { outcome: NOT_CHECKED, current, detail: "the checkpoint kept in this browser does not verify under this key (was the key changed?); forget it to start over" };
  }
  const old = reopened.checkpoint;
  const result = { old, current };
  try {
    if (old.size > current.size) {
      result.evidence = evidenceFile(vkey, newNote, oldNote, []);
      throw new VerificationError(`the log now serves a tree of ${current.size} entries, smaller than the ${old.size} entries this browser verified before: a log that only grows never shrinks`);
    }
    if (old.size === current.size) {
      if (toBase64(old.root) !== toBase64(current.root)) {
        result.evidence = evidenceFile(vkey, oldNote, newNote, []);
        throw new VerificationError(`two different roots signed for the same size ${old.size}: the log rewrote its history`);
      }
      return { ...result, outcome: SAME, detail: `the log still serves the tree of size ${old.size} this browser verified before` };
    }
    const answer = await fetchProof(old.size, current.size);
    result.proof = answer.proof;
    result.evidence = evidenceFile(vkey, oldNote, newNote, answer.proof);
    const hashes = answer.proof.map((p, i) => fromBase64(p, `consistency proof hash #${i + 1}`));
    await verifyConsistency(old.size, current.size, old.root, current.root, hashes);
  } catch (e) {
    if (!(e instanceof VerificationError)) {
      // No answer is not evidence: the check is simply not done this time.
      return { ...result, outcome: NOT_CHECKED, detail: `the consistency proof could not be fetched: ${e && e.message}` };
    }
    return { ...result, outcome: INCONSISTENT, detail: e.message };
  }
  keep(origin, newNote);
  delete result.evidence;
  return {
    ...result,
    outcome: GREW,
    detail: `a consistency proof of ${result.proof.length} hash(es) shows that the tree of size ${current.size} extends the tree of size ${old.size} this browser verified before`,
  };
}
