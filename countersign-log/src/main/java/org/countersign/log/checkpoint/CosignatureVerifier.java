package org.countersign.log.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;
import org.countersign.log.BadSignatureException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.Ed25519;
import org.countersign.log.note.NoteSignature;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.VerifierKey;
import org.jspecify.annotations.Nullable;

/**
 * Checks a witness's Ed25519 checkpoint cosignatures (type 0x04) as part of {@link
 * org.countersign.log.note.Note#open}.
 *
 * <p>{@link #verify} accepts a signature only if it is 72 bytes, its timestamp is at most 2^63-1,
 * and the Ed25519 signature covers {@code "cosignature/v1\ntime <t>\n" || note text}. Timestamps
 * are not compared with any clock here: freshness is a policy that belongs to the caller (the spec
 * lets verifiers reject future timestamps); {@link #cosignatureIn} exposes the timestamp for that.
 */
public final class CosignatureVerifier implements NoteVerifier {
  private final VerifierKey key;
  private final PublicKey publicKey;
  // Checks the Ed25519 signature over the timestamped message instead of the JDK, if given.
  private final @Nullable NoteVerifier ed25519;

  private CosignatureVerifier(
      VerifierKey key, PublicKey publicKey, @Nullable NoteVerifier ed25519) {
    this.key = key;
    this.publicKey = publicKey;
    this.ed25519 = ed25519;
  }

  /**
   * The verifier for a type-0x04 verifier key.
   *
   * @throws IllegalArgumentException if {@code key} is of another type or the JDK refuses it
   */
  public static CosignatureVerifier of(VerifierKey key) {
    if (key.type() != VerifierKey.TYPE_COSIGNATURE_V1) {
      throw new IllegalArgumentException(
          String.format(
              "%s is a type 0x%02x key; a cosignature key has type 0x04", key.id(), key.type()));
    }
    try {
      return new CosignatureVerifier(key, Ed25519.publicKey(key.keyBytes()), null);
    } catch (MalformedInputException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * The verifier for a type-0x04 verifier key whose Ed25519 check is made by {@code ed25519}, a
   * verifier for the same public key as a plain Ed25519 key ({@link VerifierKey#ed25519(String,
   * byte[]) VerifierKey.ed25519(key.name(), key.keyBytes())}). For an implementation that decides
   * exactly as the JDK does but faster (the log server's witness rounds check every cosignature
   * twice); the cosignature's framing is checked here either way.
   *
   * @throws IllegalArgumentException if {@code key} is of another type, the JDK refuses it, or
   *     {@code ed25519} is not for the same key bytes
   */
  public static CosignatureVerifier of(VerifierKey key, NoteVerifier ed25519) {
    CosignatureVerifier jdk = of(key);
    String expected = VerifierKey.ed25519(key.name(), key.keyBytes()).encode();
    if (!ed25519.verifierKey().equals(expected)) {
      throw new IllegalArgumentException(
          key.id() + ": the Ed25519 verifier given is for another key: " + ed25519.verifierKey());
    }
    return new CosignatureVerifier(key, jdk.publicKey, ed25519);
  }

  /**
   * Parses a vkey {@code name+hex8+base64(0x04 || key)}.
   *
   * @throws MalformedInputException if it is not a valid vkey of type 0x04
   */
  public static CosignatureVerifier parse(String vkey) throws MalformedInputException {
    VerifierKey key = VerifierKey.parse(vkey);
    if (key.type() != VerifierKey.TYPE_COSIGNATURE_V1) {
      throw new MalformedInputException(
          String.format(
              "%s is a type 0x%02x key; a cosignature key has type 0x04", key.id(), key.type()));
    }
    return of(key);
  }

  @Override
  public String name() {
    return key.name();
  }

  @Override
  public int keyId() {
    return key.keyId();
  }

  @Override
  public void verify(byte[] message, byte[] signature) throws BadSignatureException {
    if (signature.length != Cosignature.PAYLOAD_SIZE) {
      throw new BadSignatureException(
          "invalid cosignature for key "
              + key.id()
              + ": "
              + (signature.length + 4)
              + " bytes, cosignature/v1 has 76");
    }
    long t = Cosignature.readTimestamp(signature);
    if (t < 0) {
      throw new BadSignatureException(
          "invalid cosignature for key "
              + key.id()
              + ": timestamp "
              + Long.toUnsignedString(t)
              + " is over 2^63-1");
    }
    byte[] signed = Cosignature.signedMessage(t, new String(message, StandardCharsets.UTF_8));
    NoteVerifier fast = ed25519;
    if (fast != null) {
      try {
        fast.verify(signed, Arrays.copyOfRange(signature, 8, signature.length));
      } catch (BadSignatureException e) {
        throw new BadSignatureException("invalid signature for key " + key.id() + " (cosignature)");
      }
      return;
    }
    Ed25519.verify(
        publicKey,
        signed,
        Arrays.copyOfRange(signature, 8, signature.length),
        key.id() + " (cosignature)");
  }

  /**
   * This cosigner's verified cosignature on {@code note}, with its timestamp.
   *
   * @throws BadSignatureException if the note carries no verified signature by this key
   */
  public Cosignature cosignatureIn(VerifiedNote note) throws BadSignatureException {
    NoteSignature s =
        note.verifiedSignatureBy(key.name(), key.keyId())
            .orElseThrow(
                () ->
                    new BadSignatureException("note is not cosigned by " + key.id(), note.text()));
    try {
      return Cosignature.fromNoteSignature(s);
    } catch (MalformedInputException e) {
      // verify() accepted it, so this is a different verifier under the same id: refuse.
      throw new BadSignatureException(
          Objects.requireNonNullElse(e.getMessage(), e.toString()), note.text());
    }
  }

  @Override
  public String verifierKey() {
    return key.encode();
  }

  @Override
  public String toString() {
    return "CosignatureVerifier[" + key.id() + "]";
  }
}
