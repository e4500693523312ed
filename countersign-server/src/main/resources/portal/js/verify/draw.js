// The joint random draw of an inspection request, recomputed from the logged statements alone
// (the Java reference is org.countersign.treaty.inspection.JointDraw, DrawStream, UniformSample):
//
//   seed  = SHA-256("countersign/inspection/draw/v1" || 0x00 || str(treaty) || str(requestId)
//                   || str(checkpoint origin) || u64 checkpoint size || checkpoint root[32]
//                   || u64 populationSize || u64 sampleSize || str(inspecting value) || str(inspected value))
//   str(x) = u32 length || bytes (a value missing under the forfeit rule has length 0)
//   block(j) = SHA-256("countersign/inspection/stream/v1" || 0x00 || seed || u64 j); 8-byte words
//   positions: a partial Fisher-Yates shuffle of [0, populationSize), each index drawn without
//   modulo bias (rejection sampling)
//
// 64-bit arithmetic uses BigInt so that it is exact.

import { VerificationError, concat, sha256, utf8 } from "./bytes.js";

const DRAW = utf8("countersign/inspection/draw/v1\u0000");
const STREAM = utf8("countersign/inspection/stream/v1\u0000");
const TWO64 = 1n << 64n;

function u32(n) {
  return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

function u64(v) {
  let x = BigInt(v);
  const out = new Uint8Array(8);
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

const str = (s) => {
  const b = utf8(s);
  return concat(u32(b.length), b);
};

export function fromHex(hex, what) {
  if (typeof hex !== "string" || !/^(?:[0-9a-f]{2})*$/.test(hex)) throw new VerificationError(`${what} is not lowercase hex`);
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export const toHexString = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/**
 * The seed of `request` (the inspection-request statement as JSON) from the two revealed values,
 * each 64 hex digits or null when missing. Returns 32 bytes.
 */
export async function drawSeed(request, inspectingHex, inspectedHex) {
  const value = (h, who) => {
    const v = h === null || h === undefined ? new Uint8Array(0) : fromHex(h, `${who}'s value`);
    return concat(u32(v.length), v);
  };
  return sha256(
    concat(
      DRAW,
      str(request.treaty),
      str(request.requestId),
      str(request.checkpoint.origin),
      u64(request.checkpoint.size),
      fromHex(request.checkpoint.root, "the checkpoint root"),
      u64(request.populationSize),
      u64(request.sampleSize),
      value(inspectingHex, "the inspecting party"),
      value(inspectedHex, "the inspected party"),
    ),
  );
}

/** The first `count` positions drawn from `seed` (k of n), in draw order, as Numbers. */
export async function drawPositions(seed, k, n, count = k) {
  k = BigInt(k);
  n = BigInt(n);
  if (n < 1n || k < 0n || k > n) throw new VerificationError(`cannot draw ${k} of ${n} positions`);
  let counter = 0n;
  let block = new Uint8Array(0);
  let at = 32;
  const nextWord = async () => {
    if (at === 32) {
      block = await sha256(concat(STREAM, seed, u64(counter)));
      counter++;
      at = 0;
    }
    let v = 0n;
    for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(block[at + i]);
    at += 8;
    return v;
  };
  const nextBelow = async (bound) => {
    const excess = (((TWO64 - 1n) % bound) + 1n) % bound;
    for (;;) {
      const x = await nextWord();
      if (excess === 0n || x < TWO64 - excess) return x % bound;
    }
  };
  const swapped = new Map();
  const out = [];
  const limit = BigInt(Math.min(Number(k), count));
  for (let i = 0n; i < limit; i++) {
    const j = i + (await nextBelow(n - i));
    const atJ = swapped.has(j) ? swapped.get(j) : j;
    const atI = swapped.has(i) ? swapped.get(i) : i;
    swapped.set(j, atI);
    swapped.set(i, atJ);
    out.push(Number(atJ));
  }
  return out;
}
