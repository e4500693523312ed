package org.countersign.log.checkpoint;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.NoteSignature;
import org.countersign.log.note.NoteSigner;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;

/**
 * A witness's cosigning key (tlog-cosignature v1.0.1, type 0x04): an Ed25519 {@link SignerKey} used
 * under its type-0x04 key id, with the time taken from an injected clock.
 *
 * <p>As a {@link NoteSigner}, {@link #sign} takes a checkpoint body and returns {@code timestamp[8]
 * || signature[64]}, so {@code Note.sign(body, logKey, cosigner)} and {@code
 * Note.addSignatures(note, cosigner)} produce cosigned checkpoint notes. It refuses to sign text
 * that is not a checkpoint, since a cosignature over anything else is meaningless.
 *
 * <p>The caller decides WHETHER to cosign: a witness MUST first check that the checkpoint is
 * consistent with the last one it cosigned for the origin (tlog-witness). The spec also requires
 * distinct keys for distinct cosigners run by one operator, because the signed message does not
 * name the cosigner.
 */
public final class CosignatureSigner implements NoteSigner {
  private final NoteSigner key;
  private final InstantSource clock;
  private final VerifierKey publicKey;

  public CosignatureSigner(SignerKey key, InstantSource clock) {
    this(key, key, clock);
  }

  /**
   * A cosigner whose Ed25519 signatures are made by {@code ed25519}, another implementation of
   * {@code key} (a faster one; Ed25519 signatures are deterministic, so the bytes are the same).
   *
   * @throws IllegalArgumentException if {@code ed25519} is not named and identified as {@code key}
   */
  public CosignatureSigner(SignerKey key, NoteSigner ed25519, InstantSource clock) {
    if (!ed25519.name().equals(key.name()) || ed25519.keyId() != key.keyId()) {
      throw new IllegalArgumentException("signer " + ed25519 + " is not key " + key);
    }
    this.key = ed25519;
    this.clock = clock;
    this.publicKey =
        VerifierKey.of(key.name(), VerifierKey.TYPE_COSIGNATURE_V1, key.publicKey().keyBytes());
  }

  @Override
  public String name() {
    return key.name();
  }

  /** The type-0x04 key id, which differs from the same key's plain note key id. */
  @Override
  public int keyId() {
    return publicKey.keyId();
  }

  /**
   * Cosigns a checkpoint body at the clock's current second.
   *
   * @return {@code timestamp[8, big-endian] || Ed25519 signature[64]}
   * @throws IllegalArgumentException if {@code checkpointBody} is not a checkpoint
   * @throws IllegalStateException if the clock reads before 1970
   */
  @Override
  public byte[] sign(byte[] checkpointBody) {
    String body = new String(checkpointBody, StandardCharsets.UTF_8);
    try {
      Checkpoint.parse(body);
    } catch (MalformedInputException e) {
      throw new IllegalArgumentException(
          "refusing to cosign text that is not a checkpoint: " + e.getMessage(), e);
    }
    long now = clock.instant().getEpochSecond();
    if (now < 0) {
      throw new IllegalStateException("clock reads before 1970: " + clock.instant());
    }
    return Cosignature.payload(now, key.sign(Cosignature.signedMessage(now, body)));
  }

  /** Cosigns {@code checkpoint} now; {@link Cosignature#line()} is what a witness returns. */
  public Cosignature cosign(Checkpoint checkpoint) {
    byte[] payload = sign(checkpoint.body().getBytes(StandardCharsets.UTF_8));
    try {
      return Cosignature.fromNoteSignature(new NoteSignature(name(), keyId(), payload));
    } catch (MalformedInputException e) {
      throw new IllegalStateException("freshly made cosignature does not decode", e);
    }
  }

  /** The cosigner's verifier key, type 0x04. */
  public VerifierKey publicKey() {
    return publicKey;
  }

  /** {@code name+hex8+base64(0x04 || public key)}. */
  public String verifierKey() {
    return publicKey.encode();
  }

  /** A verifier for the cosignatures this signer makes. */
  public CosignatureVerifier verifier() {
    return CosignatureVerifier.of(publicKey);
  }

  @Override
  public String toString() {
    return "CosignatureSigner[" + publicKey.id() + "]";
  }
}
