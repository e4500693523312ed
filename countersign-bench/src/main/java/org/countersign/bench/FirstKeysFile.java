package org.countersign.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.VerifierKey;
import org.countersign.treaty.protocol.FirstKeys;

/**
 * The first-keys file of a load run, for {@code serve --first-keys FILE}: the server admits only
 * party keys agreed beforehand, so a generator that derives its keys from a seed writes them here
 * before the server starts. Shared by {@code SubmitLoad} and {@code CosignLatency}.
 */
public final class FirstKeysFile {
  private FirstKeysFile() {}

  /**
   * Writes {@code file} naming each author's note verifier key.
   *
   * @param verifierKeys by author (for example {@code US}), the verifier key its signer reports
   * @throws IllegalArgumentException if a key does not parse as a verifier key
   */
  public static void write(Path file, Map<String, String> verifierKeys) throws IOException {
    var keys = new TreeMap<String, VerifierKey>();
    for (Map.Entry<String, String> e : verifierKeys.entrySet()) {
      try {
        keys.put(e.getKey(), VerifierKey.parse(e.getValue()));
      } catch (MalformedInputException x) {
        throw new IllegalArgumentException(e.getKey() + ": " + x.getMessage(), x);
      }
    }
    Files.writeString(file, FirstKeys.of(keys).format(), StandardCharsets.UTF_8);
  }
}
