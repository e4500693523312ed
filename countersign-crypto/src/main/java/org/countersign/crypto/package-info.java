/**
 * Ed25519 verification of party signatures on submissions, on the JDK's provider or on
 * BouncyCastle's, with identical accept/reject decisions.
 *
 * <p>Why two: the JDK's provider verifies about 1,500 signatures per second per core on the
 * reference machine, BouncyCastle's about nine times as many, and every submission carries one
 * signature. Why identical: auditors, witnesses and parties verify the log with the JDK's provider
 * (the log core is JDK-only) or with Go's {@code crypto/ed25519}, which like the JDK use the
 * cofactorless equation {@code [S]B = R + [k]A}; BouncyCastle uses the cofactored one and refuses
 * small-order keys. {@link org.countersign.crypto.BcEd25519NoteVerifier} explains how the
 * difference is fenced off, and {@code Ed25519DifferentialTest} holds both verifiers to the same
 * decision on the known edge cases.
 */
@NullMarked
package org.countersign.crypto;

import org.jspecify.annotations.NullMarked;
