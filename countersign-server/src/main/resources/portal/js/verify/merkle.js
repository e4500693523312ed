// RFC 6962 Merkle tree hashing and the RFC 9162 inclusion proof check.
//
//   leaf hash  = SHA-256(0x00 || entry bytes)
//   node hash  = SHA-256(0x01 || left || right)
//
// An inclusion proof for the leaf at `index` in a tree of `size` leaves is the list of sibling
// hashes from the leaf up to the root (leaf sibling first). Hashing the leaf with them, in the
// order the index dictates, must give the root that the log signed in its checkpoint. Indexes and
// sizes are BigInts: a tree may hold more than 2^53 leaves.

import { VerificationError, concat, equalBytes, sha256, toBase64 } from "./bytes.js";

const HASH_SIZE = 32;

export async function leafHash(entryBytes) {
  return sha256(concat(Uint8Array.of(0x00), entryBytes));
}

export async function nodeHash(left, right) {
  return sha256(concat(Uint8Array.of(0x01), left, right));
}

/**
 * The root that `proof` leads to from `leaf` at `index` in a tree of `size` leaves:
 * RFC 9162 section 2.1.3.2, step by step. Throws if the proof has the wrong shape (too long or too
 * short for this index and size, or a hash that is not 32 bytes).
 */
export async function rootFromInclusionProof(index, size, leaf, proof) {
  index = BigInt(index);
  size = BigInt(size);
  if (index < 0n || index >= size) {
    throw new VerificationError(`index ${index} is not in a tree of size ${size}`);
  }
  for (const [i, p] of [leaf, ...proof].entries()) {
    if (p.length !== HASH_SIZE) {
      throw new VerificationError(`${i === 0 ? "the leaf hash" : `proof hash #${i}`} has ${p.length} bytes, not 32`);
    }
  }
  let fn = index; // the node's position at the current level
  let sn = size - 1n; // the last node's position at the current level
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) {
      throw new VerificationError(`the proof is too long for index ${index} in a tree of size ${size}`);
    }
    if ((fn & 1n) === 1n || fn === sn) {
      // Our node is a right child (or the last node, promoted): the sibling is on the left.
      r = await nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        // The last node at this level has no sibling: climb until it is a right child.
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) {
    throw new VerificationError(`the proof is too short for index ${index} in a tree of size ${size}`);
  }
  return r;
}

/**
 * Checks that `leaf` is at `index` in the tree of `size` leaves whose root is `root`; returns the
 * computed root, or throws a VerificationError carrying both roots.
 */
export async function verifyInclusion(index, size, leaf, proof, root) {
  const computed = await rootFromInclusionProof(index, size, leaf, proof);
  if (!equalBytes(computed, root)) {
    throw new VerificationError("the proof leads to a different root than the checkpoint's", {
      computedRoot: toBase64(computed),
      expectedRoot: toBase64(root),
    });
  }
  return computed;
}

/**
 * The two roots a consistency proof leads to, from a tree of `first` leaves whose root is
 * `firstRoot` to a tree of `second` leaves: RFC 9162 section 2.1.4.2, step by step. Throws if the
 * proof has the wrong shape for these sizes. Returns { firstRoot, secondRoot } as computed.
 */
export async function rootsFromConsistencyProof(first, second, firstRoot, proof) {
  first = BigInt(first);
  second = BigInt(second);
  if (first < 1n || first > second) {
    throw new VerificationError(`no consistency proof goes from size ${first} to size ${second}`);
  }
  for (const [i, p] of [firstRoot, ...proof].entries()) {
    if (p.length !== HASH_SIZE) {
      throw new VerificationError(`${i === 0 ? "the old root" : `proof hash #${i}`} has ${p.length} bytes, not 32`);
    }
  }
  if (first === second) {
    if (proof.length !== 0) throw new VerificationError("a proof between equal sizes must be empty");
    return { firstRoot, secondRoot: firstRoot };
  }
  if (proof.length === 0) throw new VerificationError("the consistency proof is empty");
  // When the old tree is a complete subtree, its root is the first node of the path.
  const path = (first & (first - 1n)) === 0n ? [firstRoot, ...proof] : proof;
  let fn = first - 1n;
  let sn = second - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) throw new VerificationError(`the proof is too long for sizes ${first} and ${second}`);
    if ((fn & 1n) === 1n || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new VerificationError(`the proof is too short for sizes ${first} and ${second}`);
  return { firstRoot: fr, secondRoot: sr };
}

/**
 * Checks that the tree of `second` leaves with root `secondRoot` extends the tree of `first`
 * leaves with root `firstRoot`, or throws a VerificationError carrying the roots computed.
 */
export async function verifyConsistency(first, second, firstRoot, secondRoot, proof) {
  const got = await rootsFromConsistencyProof(first, second, firstRoot, proof);
  if (!equalBytes(got.firstRoot, firstRoot) || !equalBytes(got.secondRoot, secondRoot)) {
    throw new VerificationError("the consistency proof does not lead to both signed roots: the new tree does not extend the old one", {
      computedOldRoot: toBase64(got.firstRoot),
      computedNewRoot: toBase64(got.secondRoot),
    });
  }
}
