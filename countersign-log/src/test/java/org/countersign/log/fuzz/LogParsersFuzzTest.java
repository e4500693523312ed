package org.countersign.log.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.countersign.log.Hash;
import org.countersign.log.LogException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.checkpoint.Cosignature;
import org.countersign.log.checkpoint.CosignatureSigner;
import org.countersign.log.checkpoint.CosignatureVerifier;
import org.countersign.log.merkle.MerkleTree;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;
import org.countersign.log.tile.EntryBundle;
import org.countersign.log.tile.EntryBundleId;
import org.countersign.log.tile.TileClient;
import org.countersign.log.tile.TileId;

/**
 * Fuzz tests of every log-core parser that reads bytes from outside: signed notes, checkpoints,
 * cosignatures, verifier keys, tile and bundle paths, entry bundles and hash tiles.
 *
 * <p>In a plain build ({@code ./mvnw verify}) each target runs once per input committed under
 * {@code src/test/resources/org/countersign/log/fuzz/LogParsersFuzzTestInputs/<target>/}; a longer
 * run fuzzes one target, for example {@code JAZZER_FUZZ=1 ./mvnw -pl countersign-log test
 * -Dtest=LogParsersFuzzTest#signedNote} (see docs/security.md). The only failure a parser may
 * report is its checked {@link LogException}: any other exception, an infinite loop, or a parse
 * that does not round-trip is a bug, and each one found becomes an input file here.
 */
class LogParsersFuzzTest {
  /** Go's sumdb/note example key: the committed corpus holds notes it signed. */
  private static final String PETER =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

  /** The log and witness keys of the committed cosigned-checkpoint inputs (fixed seeds). */
  static final SignerKey LOG = SignerKey.fromSeed("example.org/log", seed(1));

  static final CosignatureSigner WITNESS =
      new CosignatureSigner(
          SignerKey.fromSeed("witness.example/w1", seed(2)),
          InstantSource.fixed(Instant.parse("2026-12-01T00:00:00Z")));

  private static final CosignatureVerifier WITNESS_VERIFIER =
      CosignatureVerifier.of(WITNESS.publicKey());

  static byte[] seed(int b) {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) b);
    return s;
  }

  private static final Verifiers KNOWN = known();

  private static Verifiers known() {
    try {
      return Verifiers.of(VerifierKey.parse(PETER).verifier());
    } catch (MalformedInputException e) {
      throw new AssertionError(e);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void signedNote(byte[] input) {
    try {
      VerifiedNote note = Note.open(input, KNOWN);
      // What opens verified must have been text the signer could have signed.
      Note.requireValidText(note.text());
      assertThat(note.verifiedSignatures()).isNotEmpty();
    } catch (LogException expected) {
      // refused with a reason: fine
    }
  }

  @FuzzTest(maxDuration = "60s")
  void checkpointBody(byte[] input) {
    String body = new String(input, StandardCharsets.UTF_8);
    try {
      Checkpoint c = Checkpoint.parse(body);
      // One spelling per checkpoint: what parses re-formats to the same text.
      assertThat(Checkpoint.parse(c.body())).isEqualTo(c);
      assertThat(c.body()).isEqualTo(body);
    } catch (MalformedInputException expected) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "60s")
  void verifierKey(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      VerifierKey k = VerifierKey.parse(text);
      assertThat(k.encode()).isEqualTo(text);
    } catch (MalformedInputException expected) {
      // refused
    }
    try {
      CosignatureVerifier.parse(text);
    } catch (MalformedInputException expected) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "60s")
  void cosignedCheckpoint(byte[] input) {
    try {
      VerifiedNote note = Note.open(input, Verifiers.of(LOG.verifier(), WITNESS_VERIFIER));
      Checkpoint c = Checkpoint.fromNote(note);
      Cosignature cosignature = WITNESS_VERIFIER.cosignatureIn(note);
      assertThat(c.origin()).isEqualTo(LOG.name());
      assertThat(cosignature.timestamp()).isNotNegative();
    } catch (LogException expected) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "60s")
  void tilePath(byte[] input) {
    String path = new String(input, StandardCharsets.UTF_8);
    try {
      TileId id = TileId.parse(path);
      assertThat(id.path()).isEqualTo(path);
    } catch (MalformedInputException expected) {
      // refused
    }
    try {
      EntryBundleId id = EntryBundleId.parse(path);
      assertThat(id.path()).isEqualTo(path);
    } catch (MalformedInputException expected) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "60s")
  void entryBundle(byte[] input) {
    if (input.length == 0) {
      return;
    }
    int count = 1 + Byte.toUnsignedInt(input[0]) % 256;
    byte[] bundle = Arrays.copyOfRange(input, 1, input.length);
    try {
      List<byte[]> entries = EntryBundle.decode(bundle, count);
      assertThat(entries).hasSize(count);
      assertThat(EntryBundle.encode(entries)).isEqualTo(bundle);
    } catch (MalformedInputException expected) {
      // refused
    }
  }

  /** A log of 300 entries whose hash tiles and bundle are the fuzzer's bytes, never trusted. */
  private static final MerkleTree TREE = tree(300);

  private static MerkleTree tree(int size) {
    List<Hash> leaves = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      leaves.add(Rfc6962.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8)));
    }
    return MerkleTree.of(leaves);
  }

  @FuzzTest(maxDuration = "60s")
  void servedTiles(byte[] input) {
    TileClient client = new TileClient(path -> input, TREE.size(), TREE.root());
    try {
      client.verifyRoot();
      client.entryBundle(1);
      throw new AssertionError("tiles from the fuzzer verified against the real root");
    } catch (IOException | LogException expected) {
      // refused: tiles are suspect until a proof checks them
    }
  }
}
