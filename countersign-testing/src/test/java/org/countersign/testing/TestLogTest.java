package org.countersign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.merkle.InclusionProof;
import org.countersign.log.merkle.ProofVerifier;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.log.note.Note;
import org.countersign.log.note.Verifiers;
import org.countersign.log.tile.EntryBundle;
import org.countersign.log.tile.EntryBundleId;
import org.countersign.log.tile.TileId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLogTest {
  @TempDir Path dir;

  private static List<byte[]> entries(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(("statement " + i).getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void keysAreDeterministicAndDistinct() {
    assertThat(TestKeys.party("US").encodeSecret()).isEqualTo(TestKeys.party("US").encodeSecret());
    assertThat(TestKeys.party("US").name()).isEqualTo("party.test/us");
    assertThat(TestKeys.party("US").verifierKey()).isNotEqualTo(TestKeys.party("RU").verifierKey());
    assertThat(TestKeys.log("log.test/a").name()).isEqualTo("log.test/a");
  }

  @Test
  void givenEntriesProveTheirInclusion() throws Exception {
    TestLog log = TestLog.of(TestKeys.log("log.test/a"), entries(5));
    assertThat(log.size()).isEqualTo(5);
    assertThat(log.entry(3)).isEqualTo("statement 3".getBytes(StandardCharsets.UTF_8));
    ProofVerifier.verifyInclusion(
        new InclusionProof(3, 5, log.inclusionProof(3, 5)),
        Rfc6962.leafHash(log.entry(3)),
        log.root(5));
    assertThatThrownBy(() -> log.entry(5)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> log.growTo(6)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesATiledLogWithSignedCheckpointBundlesAndTiles() throws Exception {
    TestLog log = TestLog.of(TestKeys.log("log.test/a"), entries(300));
    log.writeTiles(dir, 300);
    byte[] note = Files.readAllBytes(dir.resolve("checkpoint"));
    Checkpoint c = Checkpoint.fromNote(Note.open(note, Verifiers.of(log.key().verifier())));
    assertThat(c.size()).isEqualTo(300);
    assertThat(c.root()).isEqualTo(log.root(300));
    byte[] partial = Files.readAllBytes(dir.resolve(new EntryBundleId(1, 44).path()));
    assertThat(EntryBundle.decode(partial, 44).get(0)).isEqualTo(log.entry(256));
    assertThat(Files.size(dir.resolve(TileId.full(0, 0).path()))).isEqualTo(256L * 32);
    assertThat(Files.size(dir.resolve(new TileId(0, 1, 44).path()))).isEqualTo(44L * 32);
    assertThat(Files.size(dir.resolve(new TileId(1, 0, 1).path()))).isEqualTo(32L);
  }
}
