package org.countersign.witness.evidence;

import java.security.MessageDigest;
import java.util.List;
import org.countersign.log.Hash;
import org.countersign.log.ProofException;

/**
 * Derives, from a consistency proof that reproduces a tree's root, the root of that tree's prefix.
 *
 * <p>RFC 9162 §2.1.4.2 verifies a consistency proof by recomputing two roots from the same proof
 * nodes: {@code sr}, which must equal the newer root, and {@code fr}, which must equal the older.
 * Every node that enters {@code fr} also enters {@code sr}. So if {@code sr} equals the newer root
 * {@code R_n}, then (SHA-256 being collision resistant) every node used is the true node of the
 * tree with root {@code R_n} at its position, and {@code fr} is the true root of that tree's first
 * {@code m} leaves. If {@code fr} differs from a signed size-{@code m} root of the same log, no
 * consistency proof between the two can exist: that is a proof of a split view, whoever produced
 * the proof.
 *
 * <p>The one gap is an older size {@code m} that is a power of two: there the standard proof omits
 * the node covering {@code [0, m)} (the verifier uses the older root in its place). For such sizes
 * this class takes the proof with that node prepended explicitly: a "seeded" proof, one hash longer
 * than the RFC 6962 one. {@link #seeded} says which form a given size needs.
 */
public final class PrefixRoot {
  private PrefixRoot() {}

  /**
   * Whether a proof from size {@code m} must start with the explicit {@code [0, m)} node for this
   * class: true when {@code m} is a power of two.
   */
  public static boolean seeded(long m) {
    return m > 0 && (m & (m - 1)) == 0;
  }

  /**
   * Computes the root of the first {@code m} leaves of the size-{@code n} tree whose root is {@code
   * newRoot}, from {@code proof} (the RFC 6962 consistency proof from {@code m} to {@code n}, with
   * the {@code [0, m)} node prepended when {@link #seeded(long) seeded(m)}).
   *
   * @throws ProofException if {@code 0 < m < n} does not hold, the proof has the wrong length, or
   *     it does not reproduce {@code newRoot}: then it says nothing about the prefix
   */
  public static Hash compute(long m, long n, List<Hash> proof, Hash newRoot) throws ProofException {
    if (m <= 0 || m >= n) {
      throw new ProofException("need 0 < older size < newer size, got " + m + " and " + n);
    }
    if (proof.isEmpty()) {
      throw new ProofException("empty proof between sizes " + m + " and " + n);
    }
    long fn = m - 1;
    long sn = n - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = proof.get(0).bytes();
    byte[] sr = fr.clone();
    for (int i = 1; i < proof.size(); i++) {
      byte[] c = proof.get(i).bytes();
      if (sn == 0) {
        throw new ProofException(
            "proof from " + m + " to " + n + " is too long: " + proof.size() + " hashes");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = node(c, fr);
        sr = node(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        sr = node(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofException(
          "proof from " + m + " to " + n + " is too short: " + proof.size() + " hashes");
    }
    if (!Hash.of(sr).equals(newRoot)) {
      throw new ProofException(
          "proof from " + m + " to " + n + " does not reproduce the newer root " + newRoot);
    }
    return Hash.of(fr);
  }

  /** RFC 6962 interior node: SHA-256(0x01 || left || right). */
  private static byte[] node(byte[] left, byte[] right) {
    MessageDigest d = Hash.newDigest();
    d.update((byte) 0x01);
    d.update(left);
    d.update(right);
    return d.digest();
  }
}
