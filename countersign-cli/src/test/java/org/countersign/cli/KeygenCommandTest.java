package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {
  @TempDir Path dir;

  @Test
  void keygen_newFile_writesMode600KeyAndPrintsItsVerifierKey() throws Exception {
    Path file = dir.resolve("us.key");
    CliRun r = CliRun.run("", "keygen", "--name", "example.org/us", "--out", file.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String content = Files.readString(file);
    assertThat(content).startsWith("PRIVATE+KEY+example.org/us+").endsWith("\n");
    SignerKey key = SignerKey.parse(content.strip());
    assertThat(r.out()).isEqualTo(key.verifierKey() + "\n");
    assertThat(VerifierKey.parse(r.out().strip()).name()).isEqualTo("example.org/us");
    assertThat(r.out() + r.err()).doesNotContain("PRIVATE");
  }

  @Test
  void keygen_existingFile_refusesWithoutForce() throws Exception {
    Path file = dir.resolve("k");
    Files.writeString(file, "precious\n");
    CliRun r = CliRun.run("", "keygen", "--name", "n", "--out", file.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("exists; use --force");
    assertThat(Files.readString(file)).isEqualTo("precious\n");
  }

  @Test
  void keygen_existingFileWithForce_replacesItWithMode600() throws Exception {
    Path file = dir.resolve("k");
    Files.writeString(file, "old\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    CliRun r = CliRun.run("", "keygen", "--name", "n", "--out", file.toString(), "--force");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readString(file)).startsWith("PRIVATE+KEY+n+");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void keygen_invalidName_isUsageError() {
    CliRun r = CliRun.run("", "keygen", "--name", "bad name", "--out", dir.resolve("k").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("whitespace");
    assertThat(dir.resolve("k")).doesNotExist();
  }

  @Test
  void keygen_missingOption_isUsageError() {
    assertThat(CliRun.run("", "keygen", "--name", "n").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void keygen_unwritableDirectory_isIoError() throws Exception {
    // Missing folders are created, so the folder is a plain file: unwritable even for root.
    java.nio.file.Files.writeString(dir.resolve("plain-file"), "x");
    CliRun r =
        CliRun.run("", "keygen", "--name", "n", "--out", dir.resolve("plain-file/k").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(r.err()).startsWith("countersign: I/O error");
  }
}
