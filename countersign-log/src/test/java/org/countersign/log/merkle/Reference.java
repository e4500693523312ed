package org.countersign.log.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.countersign.log.Hash;

/**
 * RFC 6962 §2.1 transcribed literally (MTH, PATH, PROOF/SUBPROOF) over raw entries, sharing no code
 * with the production classes, to cross-check them. Subtree hashes are memoised per (lo, hi) so the
 * exhaustive tests stay fast; the recursion itself is the RFC's.
 */
final class Reference {
  private final List<byte[]> entries;
  private final Map<Long, Hash> memo = new HashMap<>();
  private final MessageDigest md;

  Reference(List<byte[]> entries) {
    this.entries = entries;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Entry i of the test trees: distinct, of varying length. */
  static byte[] entry(long i) {
    return ("entry " + i + " " + "x".repeat((int) (i % 13)))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static List<byte[]> entries(int n) {
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(entry(i));
    }
    return out;
  }

  /** MTH(D[lo:hi]). */
  Hash mth(int lo, int hi) {
    int n = hi - lo;
    if (n == 0) {
      return Hash.of(md.digest());
    }
    Long key = ((long) lo << 32) | hi;
    Hash cached = memo.get(key);
    if (cached != null) {
      return cached;
    }
    Hash h;
    if (n == 1) {
      md.update((byte) 0);
      md.update(entries.get(lo));
      h = Hash.of(md.digest());
    } else {
      int k = Integer.highestOneBit(n - 1);
      h = node(mth(lo, lo + k), mth(lo + k, hi));
    }
    memo.put(key, h);
    return h;
  }

  Hash leaf(int i) {
    return mth(i, i + 1);
  }

  /** PATH(m, D[lo:hi]) with m relative to lo. */
  List<Hash> path(int m, int lo, int hi) {
    int n = hi - lo;
    List<Hash> out = new ArrayList<>();
    if (n == 1) {
      return out;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m < k) {
      out.addAll(path(m, lo, lo + k));
      out.add(mth(lo + k, hi));
    } else {
      out.addAll(path(m - k, lo + k, hi));
      out.add(mth(lo, lo + k));
    }
    return out;
  }

  /** PROOF(m, D[0:n]). */
  List<Hash> proof(int m, int n) {
    return subproof(m, 0, n, true);
  }

  private List<Hash> subproof(int m, int lo, int hi, boolean b) {
    int n = hi - lo;
    List<Hash> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(lo, hi));
      }
      return out;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m <= k) {
      out.addAll(subproof(m, lo, lo + k, b));
      out.add(mth(lo + k, hi));
    } else {
      out.addAll(subproof(m - k, lo + k, hi, false));
      out.add(mth(lo, lo + k));
    }
    return out;
  }

  private Hash node(Hash l, Hash r) {
    md.update((byte) 1);
    md.update(l.bytes());
    md.update(r.bytes());
    return Hash.of(md.digest());
  }
}
