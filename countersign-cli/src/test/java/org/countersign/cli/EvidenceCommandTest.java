package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.merkle.MerkleTree;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.log.note.SignerKey;
import org.countersign.witness.evidence.SplitViewEvidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceCommandTest {
  private static final SignerKey LOG =
      SignerKey.fromSeed(
          "example.org/log",
          Hash.sha256("evidence command test log".getBytes(StandardCharsets.UTF_8)).bytes());

  @TempDir Path dir;

  private static MerkleTree tree(String prefix, int size) {
    MerkleTree t = new MerkleTree();
    for (int i = 0; i < size; i++) {
      t.append(Rfc6962.leafHash((prefix + i).getBytes(StandardCharsets.UTF_8)));
    }
    return t;
  }

  private static String signed(MerkleTree t, long size) {
    return new Checkpoint(LOG.name(), size, t.root(size)).sign(LOG);
  }

  private Path write(SplitViewEvidence e) throws Exception {
    Path p = dir.resolve("evidence.txt");
    Files.write(p, e.format());
    return p;
  }

  @Test
  void verify_sameSizeDifferentRoots_exitsZeroAndSaysProven() throws Exception {
    Path file =
        write(
            new SplitViewEvidence(
                LOG.verifierKey(), signed(tree("a", 7), 7), signed(tree("b", 7), 7), List.of()));
    CliRun r = CliRun.run("", "evidence", "verify", file.toString(), "--vkey", LOG.verifierKey());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("PROVEN: split view").contains("size 7");
  }

  @Test
  void verify_failingProofOnly_exitsOneAndSaysInconclusive() throws Exception {
    MerkleTree a = tree("a", 9);
    Path file =
        write(
            new SplitViewEvidence(
                LOG.verifierKey(),
                signed(a, 5),
                signed(a, 9),
                tree("b", 9).consistencyProof(5, 9).path()));
    CliRun r = CliRun.run("", "evidence", "verify", file.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(r.out()).startsWith("INCONCLUSIVE:").contains("proves nothing");
  }

  @Test
  void verify_tamperedCheckpoint_exitsOne() throws Exception {
    String first = signed(tree("a", 7), 7);
    String second = signed(tree("b", 7), 7);
    String root = tree("b", 7).root(7).base64();
    String forged = second.replace(root, tree("c", 7).root(7).base64());
    Path file = write(new SplitViewEvidence(LOG.verifierKey(), first, forged, List.of()));
    CliRun r = CliRun.run("", "evidence", "verify", file.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(r.out()).startsWith("NOT PROVEN (bad signature)");
  }

  @Test
  void verify_otherLogKey_exitsOne() throws Exception {
    Path file =
        write(
            new SplitViewEvidence(
                LOG.verifierKey(), signed(tree("a", 7), 7), signed(tree("b", 7), 7), List.of()));
    SignerKey other = SignerKey.fromSeed("example.org/log", new byte[32]);
    CliRun r = CliRun.run("", "evidence", "verify", file.toString(), "--vkey", other.verifierKey());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(r.out()).startsWith("NOT PROVEN (wrong log)");
  }

  @Test
  void verify_notAnEvidenceFile_exitsTwo() throws Exception {
    Path file = dir.resolve("x.txt");
    Files.writeString(file, "hello\n");
    CliRun r = CliRun.run("", "evidence", "verify", file.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("not a split-view evidence file");
  }
}
