package org.countersign.witness.server;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.SignerKeyFile;

/**
 * The witness's private key on disk: one line, Go's signer-key text form {@code
 * PRIVATE+KEY+<name>+<hex8>+<base64(0x01 || seed)>}, in a file readable by its owner alone ({@link
 * SignerKeyFile} reads and writes it).
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
      try {
        SignerKeyFile.create(file, key);
      } catch (FileAlreadyExistsException e) {
        // Another process created it between our check and our link: use theirs.
        return loadOrCreate(file, name, random);
      }
      return key;
    }
    SignerKey key;
    try {
      key = SignerKeyFile.read(file);
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
