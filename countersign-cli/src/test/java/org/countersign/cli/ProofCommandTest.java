package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.countersign.cli.verify.ProofHashes;
import org.countersign.cli.verify.TlogProof;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.merkle.ConsistencyProof;
import org.countersign.log.merkle.InclusionProof;
import org.countersign.log.merkle.MerkleTree;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.testing.TestKeys;
import org.countersign.testing.TestLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProofCommandTest {
  @TempDir Path dir;

  private static final SignerKey LOG = TestKeys.log("log.example/treaty");

  /** Entry i of the test logs is {@code "entry i"}. */
  private static byte[] entry(int i) {
    return new TestLog(LOG, "entry").entry(i);
  }

  private static MerkleTree tree(int size) {
    return new TestLog(LOG, "entry").growTo(size).tree();
  }

  private Path proofFile(List<Hash> path) throws Exception {
    Path f = Files.createTempFile(dir, "proof", ".txt");
    Files.writeString(f, ProofHashes.format(path));
    return f;
  }

  private static String[] hashArgs(List<Hash> path) {
    List<String> args = new ArrayList<>();
    path.forEach(
        h -> {
          args.add("--hash");
          args.add(h.base64());
        });
    return args.toArray(String[]::new);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 8, 13, 17})
  void inclusion_everyLeafOfSmallTree_verifiesFromFile(int size) throws Exception {
    MerkleTree t = tree(size);
    for (int i = 0; i < size; i++) {
      InclusionProof p = t.inclusionProof(i, size);
      CliRun r =
          CliRun.run(
              "",
              "proof",
              "verify",
              "inclusion",
              "--index",
              "" + i,
              "--size",
              "" + size,
              "--leaf-hash",
              t.leafHash(i).base64(),
              "--root",
              t.root().base64(),
              "--proof",
              proofFile(p.path()).toString());
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).startsWith("verified: leaf " + i + " ");
    }
  }

  @Test
  void inclusion_hashOptionsAndEntryFile_verify() throws Exception {
    MerkleTree t = tree(11);
    Path entryFile = dir.resolve("e6");
    Files.write(entryFile, entry(6));
    String[] base = {
      "proof",
      "verify",
      "inclusion",
      "--index",
      "6",
      "--size",
      "11",
      "--entry",
      entryFile.toString(),
      "--root",
      t.root().base64()
    };
    CliRun r = CliRun.run("", concat(base, hashArgs(t.inclusionProof(6, 11).path())));
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void inclusion_everyFlippedBit_exitsOneWithReason() throws Exception {
    MerkleTree t = tree(9);
    List<Hash> path = t.inclusionProof(4, 9).path();
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(7);
    for (int n = 0; n < 20; n++) {
      List<Hash> bad = new ArrayList<>(path);
      int which = random.nextInt(bad.size());
      byte[] b = bad.get(which).bytes();
      b[random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));
      bad.set(which, Hash.of(b));
      CliRun r =
          CliRun.run(
              "",
              concat(
                  new String[] {
                    "proof",
                    "verify",
                    "inclusion",
                    "--index",
                    "4",
                    "--size",
                    "9",
                    "--leaf-hash",
                    t.leafHash(4).base64(),
                    "--root",
                    t.root().base64()
                  },
                  hashArgs(bad)));
      assertThat(r.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
      assertThat(r.err())
          .startsWith("countersign: inclusion proof for leaf 4 in tree of size 9: computed root");
      assertThat(r.err().strip()).doesNotContain("\n");
    }
  }

  @Test
  void inclusion_wrongLengthOrIndex_exitsOne() throws Exception {
    MerkleTree t = tree(8);
    List<Hash> path = t.inclusionProof(3, 8).path();
    CliRun shortProof =
        CliRun.run(
            "",
            concat(
                new String[] {
                  "proof",
                  "verify",
                  "inclusion",
                  "--index",
                  "3",
                  "--size",
                  "8",
                  "--leaf-hash",
                  t.leafHash(3).base64(),
                  "--root",
                  t.root().base64()
                },
                hashArgs(path.subList(0, 2))));
    assertThat(shortProof.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(shortProof.err()).contains("must have 3 hashes, got 2");
    CliRun beyond =
        CliRun.run(
            "",
            concat(
                new String[] {
                  "proof",
                  "verify",
                  "inclusion",
                  "--index",
                  "8",
                  "--size",
                  "8",
                  "--leaf-hash",
                  t.leafHash(3).base64(),
                  "--root",
                  t.root().base64()
                },
                hashArgs(path)));
    assertThat(beyond.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(beyond.err()).contains("not below tree size 8");
  }

  @Test
  void inclusion_malformedInput_exitsTwo() throws Exception {
    MerkleTree t = tree(4);
    String root = t.root().base64();
    String leaf = t.leafHash(0).base64();
    Path garbage = dir.resolve("garbage");
    Files.writeString(garbage, leaf + "\n\n");
    Path crlf = dir.resolve("crlf");
    Files.writeString(crlf, leaf + "\r\n");
    List<String[]> cases =
        List.of(
            new String[] {
              "--index", "0", "--size", "4", "--leaf-hash", "not-base64", "--root", root
            },
            new String[] {
              "--index", "0", "--size", "4", "--leaf-hash", leaf, "--root", root.substring(1)
            },
            new String[] {"--index", "-1", "--size", "4", "--leaf-hash", leaf, "--root", root},
            new String[] {
              "--index", "0", "--size", "4", "--leaf-hash", leaf, "--entry", "x", "--root", root
            },
            new String[] {"--index", "0", "--size", "4", "--root", root},
            new String[] {
              "--index",
              "0",
              "--size",
              "4",
              "--leaf-hash",
              leaf,
              "--root",
              root,
              "--proof",
              garbage.toString()
            },
            new String[] {
              "--index",
              "0",
              "--size",
              "4",
              "--leaf-hash",
              leaf,
              "--root",
              root,
              "--proof",
              crlf.toString()
            },
            new String[] {
              "--index",
              "0",
              "--size",
              "4",
              "--leaf-hash",
              leaf,
              "--root",
              root,
              "--proof",
              garbage.toString(),
              "--hash",
              leaf
            });
    for (String[] c : cases) {
      CliRun r = CliRun.run("", concat(new String[] {"proof", "verify", "inclusion"}, c));
      assertThat(r.exitCode())
          .as(String.join(" ", c) + " -> " + r.err())
          .isEqualTo(ExitCodes.USAGE);
    }
    // A missing input file is a file error (3), as the README documents, not bad usage.
    CliRun missing =
        CliRun.run(
            "",
            "proof",
            "verify",
            "inclusion",
            "--index",
            "0",
            "--size",
            "4",
            "--leaf-hash",
            leaf,
            "--root",
            root,
            "--proof",
            "missing.txt");
    assertThat(missing.exitCode()).as(missing.err()).isEqualTo(ExitCodes.IO_ERROR);
  }

  @Test
  void consistency_everyPairOfSmallTrees_verifies() throws Exception {
    MerkleTree t = tree(12);
    for (int m = 1; m <= 12; m++) {
      for (int n = m; n <= 12; n++) {
        ConsistencyProof p = t.consistencyProof(m, n);
        CliRun r =
            CliRun.run(
                "",
                "proof",
                "verify",
                "consistency",
                "--old-size",
                "" + m,
                "--new-size",
                "" + n,
                "--old-root",
                t.root(m).base64(),
                "--new-root",
                t.root(n).base64(),
                "--proof",
                proofFile(p.path()).toString());
        assertThat(r.exitCode()).as(m + "->" + n + ": " + r.err()).isZero();
      }
    }
  }

  @Test
  void consistency_wrongRootOrEmptyOldTree_exitsOne() throws Exception {
    MerkleTree t = tree(10);
    List<Hash> path = t.consistencyProof(6, 10).path();
    CliRun wrongOld =
        CliRun.run(
            "",
            concat(
                new String[] {
                  "proof",
                  "verify",
                  "consistency",
                  "--old-size",
                  "6",
                  "--new-size",
                  "10",
                  "--old-root",
                  t.root(5).base64(),
                  "--new-root",
                  t.root().base64()
                },
                hashArgs(path)));
    assertThat(wrongOld.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    CliRun fromEmpty =
        CliRun.run(
            "",
            "proof",
            "verify",
            "consistency",
            "--old-size",
            "0",
            "--new-size",
            "10",
            "--old-root",
            Hash.EMPTY.base64(),
            "--new-root",
            t.root().base64());
    assertThat(fromEmpty.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    CliRun shrinking =
        CliRun.run(
            "",
            concat(
                new String[] {
                  "proof",
                  "verify",
                  "consistency",
                  "--old-size",
                  "10",
                  "--new-size",
                  "6",
                  "--old-root",
                  t.root().base64(),
                  "--new-root",
                  t.root(6).base64()
                },
                hashArgs(path)));
    assertThat(shrinking.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
  }

  // ---- receipts (C2SP tlog-proof) ----

  private record Fixture(Path receipt, Path entry, TlogProof proof) {}

  private Fixture receipt(int index, int size, SignerKey log, String origin) throws Exception {
    MerkleTree t = tree(size);
    String note = new Checkpoint(origin, size, t.root()).sign(log);
    TlogProof proof = new TlogProof(index, t.inclusionProof(index, size).path(), note);
    Path r = dir.resolve("r" + index + "-" + size + ".tlog-proof");
    Files.writeString(r, proof.format());
    Path e = dir.resolve("e" + index);
    Files.write(e, entry(index));
    return new Fixture(r, e, proof);
  }

  @Test
  void receipt_valid_verifies() throws Exception {
    Fixture f = receipt(5, 9, LOG, LOG.name());
    CliRun r =
        CliRun.run(
            "",
            "proof",
            "verify",
            "receipt",
            "--receipt",
            f.receipt().toString(),
            "--vkey",
            LOG.verifierKey(),
            "--entry",
            f.entry().toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("verified: entry 5 is in log.example/treaty at tree size 9");
  }

  @Test
  void receipt_otherEntryWrongKeyOrOrigin_exitsOne() throws Exception {
    Fixture f = receipt(5, 9, LOG, LOG.name());
    Path other = dir.resolve("other");
    Files.write(other, entry(4));
    CliRun wrongEntry =
        CliRun.run(
            "",
            "proof",
            "verify",
            "receipt",
            "--receipt",
            f.receipt().toString(),
            "--vkey",
            LOG.verifierKey(),
            "--entry",
            other.toString());
    assertThat(wrongEntry.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(wrongEntry.err()).contains("does not match expected root");

    SignerKey impostor = TestKeys.signer("log.example/treaty", "an impostor");
    CliRun wrongKey =
        CliRun.run(
            "",
            "proof",
            "verify",
            "receipt",
            "--receipt",
            f.receipt().toString(),
            "--vkey",
            impostor.verifierKey(),
            "--entry",
            f.entry().toString());
    assertThat(wrongKey.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);

    Fixture elsewhere = receipt(2, 3, LOG, "other.example/log");
    CliRun wrongOrigin =
        CliRun.run(
            "",
            "proof",
            "verify",
            "receipt",
            "--receipt",
            elsewhere.receipt().toString(),
            "--vkey",
            LOG.verifierKey(),
            "--entry",
            elsewhere.entry().toString());
    assertThat(wrongOrigin.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(wrongOrigin.err()).contains("origin \"other.example/log\"");
  }

  @Test
  void receipt_malformed_exitsTwo() throws Exception {
    Fixture f = receipt(1, 4, LOG, LOG.name());
    String text = f.proof().format();
    List<String> bad =
        List.of(
            text.replace("c2sp.org/tlog-proof@v1", "c2sp.org/tlog-proof@v2"),
            text.replace("index 1\n", "index 01\n"),
            text.replace("index 1\n", ""),
            text.replaceFirst("\n\n", "\n"),
            text.replace("index 1\n", "index 1\nnot-a-hash\n"));
    for (String b : bad) {
      Path p = Files.createTempFile(dir, "bad", ".tlog-proof");
      Files.writeString(p, b);
      CliRun r =
          CliRun.run(
              "",
              "proof",
              "verify",
              "receipt",
              "--receipt",
              p.toString(),
              "--vkey",
              LOG.verifierKey(),
              "--entry",
              f.entry().toString());
      assertThat(r.exitCode()).as(b + " -> " + r.err()).isEqualTo(ExitCodes.USAGE);
    }
  }

  @Test
  void receipt_witnessPolicy_requiresTheQuorumsCosignatures() throws Exception {
    MerkleTree t = tree(6);
    Checkpoint checkpoint = new Checkpoint(LOG.name(), 6, t.root());
    var clock = org.countersign.fixtures.FakeClock.atDefaultStart();
    var w1 =
        new org.countersign.log.checkpoint.CosignatureSigner(
            TestKeys.witness("witness.test/one"), clock);
    var w2 =
        new org.countersign.log.checkpoint.CosignatureSigner(
            TestKeys.witness("witness.test/two"), clock);
    Path policy = dir.resolve("policy.txt");
    Files.writeString(
        policy,
        "log "
            + LOG.verifierKey()
            + "\nwitness one "
            + w1.verifierKey()
            + "\nwitness two "
            + w2.verifierKey()
            + "\ngroup both all one two\nquorum both\n");
    Path e = dir.resolve("e2");
    Files.write(e, entry(2));
    for (boolean both : new boolean[] {true, false}) {
      String note =
          both ? Note.sign(checkpoint.body(), LOG, w1, w2) : Note.sign(checkpoint.body(), LOG, w1);
      Path r = dir.resolve("cosigned-" + both);
      Files.writeString(r, new TlogProof(2, t.inclusionProof(2, 6).path(), note).format());
      CliRun run =
          CliRun.run(
              "",
              "proof",
              "verify",
              "receipt",
              "--receipt",
              r.toString(),
              "--vkey",
              LOG.verifierKey(),
              "--entry",
              e.toString(),
              "--witness-policy",
              policy.toString());
      if (both) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("witness policy satisfied: cosigned by one, two");
      } else {
        assertThat(run.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(run.err()).contains("does not satisfy the witness policy").contains("two");
      }
    }
  }

  @Test
  void tlogProof_formatParse_roundTrips() throws Exception {
    Fixture f = receipt(3, 7, LOG, LOG.name());
    String text = f.proof().format();
    assertThat(TlogProof.parse(text)).isEqualTo(f.proof());
    assertThat(TlogProof.parse(text).format()).isEqualTo(text);
    String withExtra = text.replace("index 3\n", "extra aGVsbG8=\nindex 3\n");
    assertThat(TlogProof.parse(withExtra).extra()).contains("aGVsbG8=");
    assertThat(TlogProof.parse(withExtra).format()).isEqualTo(withExtra);
    assertThat(
            Note.open(
                    TlogProof.parse(text).checkpointNote(),
                    org.countersign.log.note.Verifiers.of(LOG.verifier()))
                .text())
        .startsWith(LOG.name() + "\n7\n");
  }
}
