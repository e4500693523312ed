package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.checkpoint.CosignatureSigner;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.Verifiers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoteCommandTest {
  private static final String TEXT = "Declaration: 1550 deployed warheads.\n\nНовый СНВ — ok\n";

  @TempDir Path dir;
  private Path aliceFile;
  private Path bobFile;
  private SignerKey alice;
  private SignerKey bob;

  @BeforeEach
  void keys() throws Exception {
    aliceFile = dir.resolve("alice.key");
    bobFile = dir.resolve("bob.key");
    String aliceVkey =
        CliRun.run("", "keygen", "--name", "alice.example", "--out", aliceFile.toString())
            .out()
            .strip();
    CliRun.run("", "keygen", "--name", "bob.example", "--out", bobFile.toString());
    alice = SignerKey.parse(Files.readString(aliceFile).strip());
    bob = SignerKey.parse(Files.readString(bobFile).strip());
    assertThat(alice.verifierKey()).isEqualTo(aliceVkey);
  }

  @Test
  void sign_oneKey_printsExactlyTheLibraryNote() throws Exception {
    CliRun r = CliRun.run(TEXT, "note", "sign", "--key", aliceFile.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(Note.sign(TEXT, alice));
    assertThat(r.err()).isEmpty();
  }

  @Test
  void sign_repeatedKey_signsWithEachInOrder() throws Exception {
    CliRun r =
        CliRun.run(
            TEXT, "note", "sign", "--key", aliceFile.toString(), "--key", bobFile.toString());
    assertThat(r.out()).isEqualTo(Note.sign(TEXT, alice, bob));
    assertThat(
            Note.open(r.out(), Verifiers.of(alice.verifier(), bob.verifier())).verifiedSignatures())
        .hasSize(2);
  }

  @Test
  void sign_textWithoutFinalNewline_isUsageError() {
    CliRun r = CliRun.run("no newline", "note", "sign", "--key", aliceFile.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .isEqualTo(
            "countersign: input must end with a newline (a note's text includes its final newline)\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void sign_controlCharactersOrBadUtf8_isUsageError() {
    assertThat(CliRun.run("a\tb\n", "note", "sign", "--key", aliceFile.toString()).err())
        .contains("control character");
    CliRun r =
        CliRun.run(
            new byte[] {'a', (byte) 0xFF, '\n'}, "note", "sign", "--key", aliceFile.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("not valid UTF-8");
  }

  @Test
  void sign_missingOrMalformedKeyFile_isFileOrUsageErrorWithoutSecret() throws Exception {
    CliRun missing = CliRun.run(TEXT, "note", "sign", "--key", dir.resolve("nope").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(missing.err()).contains("does not exist");
    Path bad = dir.resolve("bad.key");
    String secret = Files.readString(aliceFile).strip();
    Files.writeString(bad, secret.substring(0, secret.length() - 2) + "AA\n");
    CliRun r = CliRun.run(TEXT, "note", "sign", "--key", bad.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    // PRIVATE+KEY+<name>+<id>+<base64>: the base64 itself may contain '+', so split on the first
    // four.
    String seed = secret.split("\\+", 5)[4];
    assertThat(r.err()).contains("key file").doesNotContain(seed.substring(0, seed.length() - 4));
  }

  @Test
  void verify_everyKeySigned_printsTextAndSucceeds() {
    String note = Note.sign(TEXT, alice, bob);
    CliRun r =
        CliRun.run(
            note, "note", "verify", "--vkey", alice.verifierKey(), "--vkey", bob.verifierKey());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(TEXT);
    assertThat(r.err())
        .startsWith("countersign: verified by alice.example+")
        .contains("bob.example+");
    assertThat(CliRun.run(note, "note", "verify", "-q", "--vkey", bob.verifierKey()).err())
        .isEmpty();
  }

  @Test
  void verify_oneGivenKeyDidNotSign_failsWithExit1() {
    String note = Note.sign(TEXT, alice);
    CliRun r =
        CliRun.run(
            note, "note", "verify", "--vkey", alice.verifierKey(), "--vkey", bob.verifierKey());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("countersign: note is not signed by bob.example+")
        .endsWith("\n");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void verify_noGivenKeySigned_failsWithExit1() {
    CliRun r = CliRun.run(Note.sign(TEXT, alice), "note", "verify", "--vkey", bob.verifierKey());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(r.err()).contains("no signature by a known key");
  }

  @Test
  void verify_tamperedText_failsWithExit1() {
    String note = Note.sign(TEXT, alice).replace("1550", "1551");
    CliRun r = CliRun.run(note, "note", "verify", "--vkey", alice.verifierKey());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(r.err()).contains("invalid signature for key alice.example+");
  }

  @Test
  void verify_malformedNoteOrKey_isUsageError() {
    CliRun note = CliRun.run("not a note\n", "note", "verify", "--vkey", alice.verifierKey());
    assertThat(note.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(note.err()).startsWith("countersign: malformed note: ");
    CliRun key =
        CliRun.run(
            Note.sign(TEXT, alice), "note", "verify", "--vkey", "alice.example+00000000+AAAA");
    assertThat(key.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(key.err()).startsWith("countersign: verifier key: ");
    assertThat(CliRun.run("", "note", "verify").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void verify_cosignedCheckpoint_checksCosignatureKeys() {
    CosignatureSigner witness =
        new CosignatureSigner(bob, InstantSource.fixed(Instant.ofEpochSecond(1_800_000_000L)));
    Checkpoint c = new Checkpoint("alice.example", 3, Hash.EMPTY);
    String note = Note.sign(c.body(), alice, witness);
    CliRun r =
        CliRun.run(
            note, "note", "verify", "--vkey", alice.verifierKey(), "--vkey", witness.verifierKey());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(c.body());
    // bob's plain key is not the cosigning key: the cosignature does not count for it.
    assertThat(CliRun.run(note, "note", "verify", "--vkey", bob.verifierKey()).exitCode())
        .isEqualTo(ExitCodes.VERIFICATION_FAILED);
  }

  @Test
  void note_withoutSubcommand_printsUsageAndIsUsageError() {
    CliRun r = CliRun.run("", "note");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("sign").contains("verify");
  }
}
