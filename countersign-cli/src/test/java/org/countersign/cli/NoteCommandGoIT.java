package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.countersign.log.note.SignerKey;
import org.countersign.testing.GoInterop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code note sign} and {@code note verify} against Go's sumdb/note (builds a Go program: an IT).
 */
class NoteCommandGoIT {
  private static final String TEXT = "Declaration: 1550 deployed warheads.\n\nНовый СНВ — ok\n";

  @TempDir Path dir;
  private Path aliceFile;
  private SignerKey alice;

  @BeforeEach
  void keys() throws Exception {
    aliceFile = dir.resolve("alice.key");
    CliRun.run("", "keygen", "--name", "alice.example", "--out", aliceFile.toString());
    alice = SignerKey.parse(Files.readString(aliceFile).strip());
  }

  @Test
  void signThenVerify_inGo_interoperates() {
    GoInterop go = GoInterop.require();
    CliRun signed = CliRun.run(TEXT, "note", "sign", "--key", aliceFile.toString());
    assertThat(go.runOk(signed.out(), "verify", alice.verifierKey())).isEqualTo(TEXT);
    String[] goKeys = go.runOk("", "keygen", "go.example").lines().toArray(String[]::new);
    String goNote = go.runOk(TEXT, "sign", goKeys[0]);
    CliRun verified =
        CliRun.run(goNote.getBytes(StandardCharsets.UTF_8), "note", "verify", "--vkey", goKeys[1]);
    assertThat(verified.exitCode()).as(verified.err()).isZero();
    assertThat(verified.out()).isEqualTo(TEXT);
  }
}
