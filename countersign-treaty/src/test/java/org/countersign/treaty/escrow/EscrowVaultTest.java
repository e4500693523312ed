package org.countersign.treaty.escrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EscrowVaultTest {
  // The lowest accepted count keeps the tests fast; production defaults to 600,000.
  private static final int FAST = EscrowVault.MIN_ITERATIONS;
  private static final byte[] KEY = new byte[32];

  static {
    Arrays.fill(KEY, (byte) 7);
  }

  @Test
  void open_sealedWithRawKey_rebuildsTheDeclaration() throws Exception {
    var d = EscrowFixtures.declaration(1, 500);
    var vault = EscrowVault.withRawKey(KEY);
    EscrowDeclaration back = vault.open(vault.seal(d, EscrowFixtures.rng(2)));
    assertThat(back.root()).isEqualTo(d.root());
    assertThat(back.items()).isEqualTo(d.items());
    assertThat(back.salt(17)).isEqualTo(d.salt(17));
  }

  @Test
  void open_sealedWithPassphrase_rebuildsTheDeclaration() throws Exception {
    var d = EscrowFixtures.declaration(1, 20);
    byte[] sealed =
        EscrowVault.withPassphrase("correct horse".toCharArray(), FAST)
            .seal(d, EscrowFixtures.rng(2));
    assertThat(EscrowVault.withPassphrase("correct horse".toCharArray(), FAST).open(sealed).root())
        .isEqualTo(d.root());
  }

  @Test
  void open_wrongPassphrase_refused() {
    var d = EscrowFixtures.declaration(1, 5);
    byte[] sealed =
        EscrowVault.withPassphrase("correct horse".toCharArray(), FAST)
            .seal(d, EscrowFixtures.rng(2));
    assertThatThrownBy(
            () -> EscrowVault.withPassphrase("battery staple".toCharArray(), FAST).open(sealed))
        .isInstanceOf(EscrowVaultException.class)
        .hasMessage(
            "cannot open the escrow vault: wrong passphrase or key, or the file was altered");
  }

  @Test
  void open_anyFlippedByte_refused() {
    var d = EscrowFixtures.declaration(3, 4);
    var vault = EscrowVault.withRawKey(KEY);
    byte[] sealed = vault.seal(d, EscrowFixtures.rng(4));
    // Header fields, ciphertext and tag alike: every byte is authenticated or checked.
    for (int i = 0; i < sealed.length; i++) {
      byte[] bad = sealed.clone();
      bad[i] ^= 0x01;
      assertThatThrownBy(() -> vault.open(bad))
          .as("byte %d", i)
          .isInstanceOf(EscrowVaultException.class);
    }
  }

  @Test
  void open_truncated_refused() {
    var vault = EscrowVault.withRawKey(KEY);
    byte[] sealed = vault.seal(EscrowFixtures.declaration(3, 4), EscrowFixtures.rng(4));
    for (int len :
        new int[] {
          0, 8, EscrowVault.HEADER_LENGTH, EscrowVault.HEADER_LENGTH + 15, sealed.length - 1
        }) {
      assertThatThrownBy(() -> vault.open(Arrays.copyOf(sealed, len)))
          .isInstanceOf(EscrowVaultException.class);
    }
  }

  @Test
  void open_notAVault_refusedPrecisely() {
    assertThatThrownBy(
            () ->
                EscrowVault.withRawKey(KEY)
                    .open(
                        "hello, this is not a vault file at all, no"
                            .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EscrowVaultException.class)
        .hasMessage("not an escrow vault file (no CSESCROW header)");
  }

  @Test
  void open_futureVersion_refusedPrecisely() {
    var vault = EscrowVault.withRawKey(KEY);
    byte[] sealed = vault.seal(EscrowFixtures.declaration(3, 4), EscrowFixtures.rng(4));
    sealed[8] = 2;
    assertThatThrownBy(() -> vault.open(sealed))
        .hasMessage("unsupported escrow vault version 2 (this build reads 1)");
  }

  @Test
  void open_otherKeyKind_refusedPrecisely() {
    byte[] sealed =
        EscrowVault.withRawKey(KEY).seal(EscrowFixtures.declaration(3, 4), EscrowFixtures.rng(4));
    assertThatThrownBy(() -> EscrowVault.withPassphrase("pw".toCharArray(), FAST).open(sealed))
        .hasMessage("the vault was sealed with a raw key but a passphrase was given");
  }

  @Test
  void seal_twice_freshNonceEachTime() {
    var vault = EscrowVault.withRawKey(KEY);
    var d = EscrowFixtures.declaration(3, 4);
    var rng = EscrowFixtures.rng(4);
    assertThat(vault.seal(d, rng)).isNotEqualTo(vault.seal(d, rng));
  }

  @Test
  void seal_plaintextNeverVisible() {
    var d = EscrowFixtures.declaration(3, 50);
    byte[] sealed = EscrowVault.withRawKey(KEY).seal(d, EscrowFixtures.rng(4));
    String asText = new String(sealed, StandardCharsets.ISO_8859_1);
    assertThat(asText).doesNotContain("item-1").doesNotContain("vypolzovo").doesNotContain("icbm");
  }

  @Test
  void withPassphrase_tooFewIterations_refused() {
    assertThatThrownBy(() -> EscrowVault.withPassphrase("pw".toCharArray(), 1000))
        .hasMessage("PBKDF2 iterations must be 100000..10000000, got 1000");
  }

  @Test
  void writeThenRead_keyFile_roundTripsWithOwnerOnlyPermissions(@TempDir Path dir)
      throws Exception {
    Path keyFile = dir.resolve("escrow.key");
    Files.writeString(keyFile, EscrowVault.newKeyFileText(EscrowFixtures.rng(5)));
    var d = EscrowFixtures.declaration(6, 100);
    Path file = dir.resolve("declaration.escrow");
    try (var vault = EscrowVault.withKeyFile(keyFile)) {
      vault.write(file, d, EscrowFixtures.rng(7));
      vault.write(file, d, EscrowFixtures.rng(8)); // replaces atomically
      assertThat(vault.read(file).root()).isEqualTo(d.root());
      assertThat(vault.toString()).isEqualTo("EscrowVault[a raw key]");
    }
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("escrow.key", "declaration.escrow");
    }
  }

  @Test
  void withKeyFile_notHex_refused(@TempDir Path dir) throws Exception {
    Path keyFile = dir.resolve("bad.key");
    Files.writeString(keyFile, "not a key\n");
    assertThatThrownBy(() -> EscrowVault.withKeyFile(keyFile))
        .hasMessage("key file " + keyFile + " must hold 64 lowercase hex digits");
  }
}
