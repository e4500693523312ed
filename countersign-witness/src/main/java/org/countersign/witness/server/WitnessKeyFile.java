package org.countersign.witness.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.SignerKey;

/**
 * The witness's private key on disk: one line, Go's signer-key text form {@code
 * PRIVATE+KEY+<name>+<hex8>+<base64(0x01 || seed)>}, in a file readable by its owner alone.
 *
 * <p>The same Ed25519 key cosigns under its type-0x04 key id (tlog-cosignature), which differs from
 * the type-0x01 id in the file; {@link org.countersign.log.checkpoint.CosignatureSigner} derives
 * it.
 */
public final class WitnessKeyFile {
  private WitnessKeyFile() {}

  /**
   * Loads the key at {@code file}, or creates one named {@code name} (mode 600) if there is none.
   *
   * @param name the witness name for a new key; if given for an existing key, it must match
   * @throws IOException if the file cannot be read or written, does not parse, or names another
   *     witness than {@code name}
   */
  public static SignerKey loadOrCreate(Path file, Optional<String> name, SecureRandom random)
      throws IOException {
    if (!Files.exists(file)) {
      String n =
          name.orElseThrow(
              () ->
                  new IOException(
                      "no witness key at " + file + " and no witness name to create one with"));
      SignerKey key;
      try {
        key = SignerKey.generate(n, random);
      } catch (IllegalArgumentException e) {
        throw new IOException("invalid witness name: " + e.getMessage(), e);
      }
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      // Write a temporary file (mode 600), force it, then hard-link it into place: the link fails
      // if another process got there first, and a crash never leaves an empty key file.
      Path tmp =
          Files.createTempFile(
              dir,
              ".witness-key",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.write(
              ByteBuffer.wrap((key.encodeSecret() + "\n").getBytes(StandardCharsets.US_ASCII)));
          ch.force(true);
        }
        Files.createLink(file, tmp);
      } catch (FileAlreadyExistsException e) {
        return loadOrCreate(file, name, random);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return key;
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    SignerKey key;
    try {
      key = SignerKey.parse(text);
    } catch (MalformedInputException e) {
      throw new IOException("witness key " + file + " does not parse: " + e.getMessage(), e);
    }
    if (name.isPresent() && !name.get().equals(key.name())) {
      throw new IOException(
          "witness key "
              + file
              + " is named \""
              + key.name()
              + "\", not \""
              + name.get()
              + "\"; a witness's name cannot change");
    }
    return key;
  }
}
