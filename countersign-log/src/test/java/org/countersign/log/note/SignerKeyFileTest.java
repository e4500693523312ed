package org.countersign.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.countersign.log.MalformedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignerKeyFileTest {
  @TempDir Path dir;

  @Test
  void createsOwnerOnlyAndReadsBack() throws Exception {
    Path file = dir.resolve("a.key");
    SignerKey key = SignerKey.generate("example.test/a", new SecureRandom());
    SignerKeyFile.create(file, key);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).isEqualTo(key.encodeSecret() + "\n");
    assertThat(SignerKeyFile.read(file).encodeSecret()).isEqualTo(key.encodeSecret());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("no temporary file left behind").containsExactly(file);
    }
  }

  @Test
  void createNeverOverwritesButReplaceDoes() throws Exception {
    Path file = dir.resolve("a.key");
    SignerKey first = SignerKey.generate("example.test/a", new SecureRandom());
    SignerKey second = SignerKey.generate("example.test/b", new SecureRandom());
    SignerKeyFile.create(file, first);
    assertThatThrownBy(() -> SignerKeyFile.create(file, second))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(SignerKeyFile.read(file).name()).isEqualTo("example.test/a");
    SignerKeyFile.replace(file, second);
    assertThat(SignerKeyFile.read(file).name()).isEqualTo("example.test/b");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void refusesOversizedAndMalformedFilesWithoutEchoingThem() throws Exception {
    Path big = dir.resolve("big.key");
    Files.write(big, new byte[SignerKeyFile.MAX_BYTES + 1]);
    assertThatThrownBy(() -> SignerKeyFile.read(big))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("over 4096 bytes");
    Path bad = dir.resolve("bad.key");
    Files.write(bad, new byte[] {'P', (byte) 0xC0, (byte) 0x80, '\n'});
    assertThatThrownBy(() -> SignerKeyFile.read(bad))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("not valid UTF-8");
  }
}
