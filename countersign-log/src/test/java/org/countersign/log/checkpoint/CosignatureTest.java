package org.countersign.log.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import org.countersign.log.BadSignatureException;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.Note;
import org.countersign.log.note.NoteSignature;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;
import org.junit.jupiter.api.Test;

class CosignatureTest {
  private static final Instant T1 = Instant.parse("2026-03-01T12:00:00Z");
  private static final Instant T2 = Instant.parse("2026-03-01T12:00:05Z");

  private final SignerKey logKey = key("example.com/log", 1);
  private final SignerKey w1Key = key("witness-1.example", 2);
  private final SignerKey w2Key = key("witness-2.example", 3);
  private final CosignatureSigner w1 = new CosignatureSigner(w1Key, InstantSource.fixed(T1));
  private final CosignatureSigner w2 = new CosignatureSigner(w2Key, InstantSource.fixed(T2));
  private final Checkpoint checkpoint =
      new Checkpoint("example.com/log", 12345, Hash.sha256(new byte[] {1}));

  @Test
  void cosign_fixedClock_signsTheSpecMessageWithTimestamp() throws Exception {
    Cosignature c = w1.cosign(checkpoint);
    assertThat(c.timestamp()).isEqualTo(T1.getEpochSecond());
    assertThat(c.name()).isEqualTo("witness-1.example");
    assertThat(c.keyId()).isEqualTo(w1.keyId()).isNotEqualTo(w1Key.keyId());
    String expected = "cosignature/v1\ntime " + T1.getEpochSecond() + "\n" + checkpoint.body();
    // The 64-byte signature is a plain Ed25519 signature of exactly that message.
    w1Key.verifier().verify(expected.getBytes(StandardCharsets.UTF_8), c.signature());
    String line = c.line();
    byte[] payload = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1).strip());
    assertThat(payload).hasSize(76);
    assertThat(line).startsWith("— witness-1.example ");
  }

  @Test
  void of_withAnotherEd25519Verifier_decidesAsTheJdkAndRefusesAnotherKey() throws Exception {
    VerifierKey k = VerifierKey.parse(w1.verifierKey());
    // The plain Ed25519 verifier of the same key bytes stands in for a faster implementation.
    CosignatureVerifier delegated =
        CosignatureVerifier.of(k, VerifierKey.ed25519(k.name(), k.keyBytes()).verifier());
    String note = Note.sign(checkpoint.body(), logKey, w1);
    VerifiedNote n = Note.open(note, Verifiers.of(logKey.verifier(), delegated));
    assertThat(delegated.cosignatureIn(n).timestamp()).isEqualTo(T1.getEpochSecond());
    // A cosignature over another checkpoint, carried under this one: refused by both paths, with
    // the cosignature key named.
    String other =
        Note.sign(new Checkpoint("example.com/log", 12346, checkpoint.root()).body(), logKey, w1);
    String forged =
        note.substring(0, note.lastIndexOf("— witness-1.example"))
            + other.substring(other.lastIndexOf("— witness-1.example"));
    for (CosignatureVerifier v : List.of(delegated, CosignatureVerifier.of(k))) {
      assertThatThrownBy(() -> Note.open(forged, Verifiers.of(logKey.verifier(), v)))
          .isInstanceOf(BadSignatureException.class)
          .hasMessageContaining(k.id() + " (cosignature)");
    }
    assertThatThrownBy(() -> CosignatureVerifier.of(k, w2Key.verifier()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another key");
  }

  @Test
  void verifierKey_cosigner_isType04AndParses() throws Exception {
    VerifierKey k = VerifierKey.parse(w1.verifierKey());
    assertThat(k.type()).isEqualTo(VerifierKey.TYPE_COSIGNATURE_V1);
    assertThat(k.keyBytes()).isEqualTo(w1Key.publicKey().keyBytes());
    assertThat(CosignatureVerifier.parse(w1.verifierKey()).keyId()).isEqualTo(w1.keyId());
    assertThatThrownBy(() -> CosignatureVerifier.parse(w1Key.verifierKey()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("type 0x01");
  }

  @Test
  void open_checkpointWithLogSignatureAndTwoCosignatures_verifiesAllAndExposesTimestamps()
      throws Exception {
    String note = Note.sign(checkpoint.body(), logKey, w1, w2);
    CosignatureVerifier v1 = w1.verifier();
    CosignatureVerifier v2 = CosignatureVerifier.parse(w2.verifierKey());
    VerifiedNote n = Note.open(note, Verifiers.of(logKey.verifier(), v1, v2));
    assertThat(n.verifiedSignatures())
        .extracting(NoteSignature::name)
        .containsExactly("example.com/log", "witness-1.example", "witness-2.example");
    assertThat(v1.cosignatureIn(n).timestamp()).isEqualTo(T1.getEpochSecond());
    assertThat(v2.cosignatureIn(n).timestamp()).isEqualTo(T2.getEpochSecond());
    assertThat(Checkpoint.fromNote(n)).isEqualTo(checkpoint);
  }

  @Test
  void addSignatures_witnessFlow_appendsCosignatureAfterLogSignature() throws Exception {
    VerifiedNote fromLog = Note.open(checkpoint.sign(logKey), Verifiers.of(logKey.verifier()));
    String cosigned = Note.addSignatures(fromLog, w1);
    assertThat(cosigned).startsWith(checkpoint.sign(logKey));
    assertThat(cosigned).endsWith(w1.cosign(checkpoint).line());
    VerifiedNote n = Note.open(cosigned, Verifiers.of(w1.verifier()));
    assertThat(n.otherSignatures())
        .extracting(NoteSignature::name)
        .containsExactly("example.com/log");
  }

  @Test
  void open_changedTimestamp_isRejected() {
    Cosignature c = w1.cosign(checkpoint);
    Cosignature shifted = new Cosignature(c.name(), c.keyId(), c.timestamp() + 1, c.signature());
    String note = checkpoint.sign(logKey) + shifted.line();
    assertThatThrownBy(() -> Note.open(note, Verifiers.of(logKey.verifier(), w1.verifier())))
        .isInstanceOf(BadSignatureException.class)
        .hasMessageContaining("witness-1.example+");
  }

  @Test
  void verify_timestampOver2To63_isRejected() {
    byte[] payload = w1.sign(checkpoint.body().getBytes(StandardCharsets.UTF_8));
    payload[0] |= (byte) 0x80;
    assertThatThrownBy(
            () -> w1.verifier().verify(checkpoint.body().getBytes(StandardCharsets.UTF_8), payload))
        .isInstanceOf(BadSignatureException.class)
        .hasMessageContaining("over 2^63-1");
    assertThatThrownBy(() -> Cosignature.fromNoteSignature(new NoteSignature("w", 1, payload)))
        .isInstanceOf(MalformedInputException.class);
  }

  @Test
  void verify_wrongLength_isRejected() {
    assertThatThrownBy(() -> w1.verifier().verify(new byte[] {'\n'}, new byte[64]))
        .isInstanceOf(BadSignatureException.class)
        .hasMessageContaining("has 76");
  }

  @Test
  void cosignatureIn_noteWithoutThatCosigner_throws() throws Exception {
    VerifiedNote n =
        Note.open(checkpoint.sign(logKey), Verifiers.of(logKey.verifier(), w1.verifier()));
    assertThatThrownBy(() -> w1.verifier().cosignatureIn(n))
        .hasMessageContaining("not cosigned by witness-1.example+");
  }

  @Test
  void sign_textThatIsNotACheckpoint_isRefused() {
    assertThatThrownBy(() -> Note.sign("hello\n", w1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a checkpoint");
  }

  @Test
  void sign_clockBefore1970_isRefused() {
    CosignatureSigner early =
        new CosignatureSigner(w1Key, InstantSource.fixed(Instant.parse("1969-12-31T23:59:59Z")));
    assertThatThrownBy(() -> early.cosign(checkpoint)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void plainEd25519Verifier_doesNotAcceptCosignatures() throws Exception {
    // Same public key, other type: different key id, so the cosignature is simply "other".
    String note = Note.sign(checkpoint.body(), logKey, w1);
    VerifiedNote n = Note.open(note, Verifiers.of(logKey.verifier(), w1Key.verifier()));
    assertThat(n.verifiedSignatures())
        .extracting(NoteSignature::name)
        .containsExactly("example.com/log");
    assertThat(n.otherSignatures()).extracting(NoteSignature::keyId).containsExactly(w1.keyId());
    assertThat(List.of(w1.keyId())).doesNotContain(w1Key.keyId());
  }

  private static SignerKey key(String name, int seed) {
    byte[] b = new byte[32];
    b[0] = (byte) seed;
    b[31] = (byte) (seed * 7);
    return SignerKey.fromSeed(name, b);
  }
}
