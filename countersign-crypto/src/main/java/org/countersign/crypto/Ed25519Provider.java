package org.countersign.crypto;

import java.util.Locale;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.VerifierKey;

/**
 * Which Ed25519 implementation checks the party signatures on submissions. Both accept exactly the
 * same signatures (see the package comment); they differ only in speed.
 */
public enum Ed25519Provider {
  /** The JDK's provider, as the log core and every Java auditor use it: the reference. */
  JDK {
    @Override
    public NoteVerifier verifier(VerifierKey key) {
      return key.verifier();
    }
  },

  /**
   * BouncyCastle's RFC 8032 code, fenced to decide as the JDK does ({@link BcEd25519NoteVerifier});
   * the default, about four times the JDK's rate with the fence.
   */
  BOUNCY_CASTLE {
    @Override
    public NoteVerifier verifier(VerifierKey key) {
      return BcEd25519NoteVerifier.forKey(key);
    }
  };

  /** The system property that overrides the default, {@code jdk} or {@code bouncy-castle}. */
  public static final String PROPERTY = "countersign.ed25519";

  /**
   * A verifier for an Ed25519 (type 0x01) signed-note key.
   *
   * @throws IllegalStateException if the key is of another type
   * @throws IllegalArgumentException if the JDK refuses the key's encoding
   */
  public abstract NoteVerifier verifier(VerifierKey key);

  /** The name used on the command line and in the system property. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The provider a server uses unless configured otherwise: {@link #BOUNCY_CASTLE}, or the one
   * named by the {@value #PROPERTY} system property (an operator's switch back to the reference).
   *
   * @throws IllegalArgumentException if the property names no provider
   */
  public static Ed25519Provider defaultProvider() {
    String p = System.getProperty(PROPERTY);
    return p == null || p.isBlank() ? BOUNCY_CASTLE : parse(p);
  }

  /**
   * The provider for a label ({@code jdk}, {@code bouncy-castle}).
   *
   * @throws IllegalArgumentException naming the unknown value
   */
  public static Ed25519Provider parse(String label) {
    for (Ed25519Provider p : values()) {
      if (p.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "Ed25519 provider must be jdk or bouncy-castle, got \"" + label + "\"");
  }
}
