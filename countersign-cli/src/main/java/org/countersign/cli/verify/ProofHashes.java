package org.countersign.cli.verify;

import java.util.ArrayList;
import java.util.List;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.Utf8;
import org.countersign.log.merkle.ConsistencyProof;

/**
 * The proof-file format of the {@code proof verify} commands: one standard-base64 SHA-256 hash per
 * line, in RFC 6962 order (leaf sibling first), exactly as the hash lines of a C2SP tlog-proof.
 *
 * <p>Strict: canonical base64 only, no blank lines, no carriage returns, no more hashes than any
 * proof can hold. The last line's newline may be missing (files written by {@code echo -n} or
 * editors), which changes no hash. An empty file is the empty proof (a one-leaf tree, or equal
 * sizes).
 */
public final class ProofHashes {
  /** Most hashes a proof file may hold: the longest consistency proof. */
  public static final int MAX_HASHES = ConsistencyProof.MAX_PATH_LENGTH;

  /** Cap on a proof file: {@link #MAX_HASHES} lines of 45 bytes, with room to spare. */
  public static final int MAX_FILE_BYTES = 8 * 1024;

  private ProofHashes() {}

  /**
   * Parses a proof file.
   *
   * @throws MalformedInputException naming the line and the problem
   */
  public static List<Hash> parse(byte[] file) throws MalformedInputException {
    if (file.length > MAX_FILE_BYTES) {
      throw new MalformedInputException(
          "proof file is " + file.length + " bytes, over the cap of " + MAX_FILE_BYTES);
    }
    String text = Utf8.decode(file, "proof file");
    if (text.isEmpty()) {
      return List.of();
    }
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    String[] lines = text.split("\n", -1);
    if (lines.length > MAX_HASHES) {
      throw new MalformedInputException(
          "proof file holds "
              + lines.length
              + " lines; no proof has more than "
              + MAX_HASHES
              + " hashes");
    }
    List<Hash> hashes = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      hashes.add(parseLine(lines[i], "proof file line " + (i + 1)));
    }
    return List.copyOf(hashes);
  }

  /**
   * Parses one base64 hash, naming {@code where} it came from in the error.
   *
   * @throws MalformedInputException if the text is not the canonical base64 of 32 bytes
   */
  public static Hash parseLine(String line, String where) throws MalformedInputException {
    if (line.isEmpty()) {
      throw new MalformedInputException(
          where + " is empty; a proof file holds one base64 hash per line");
    }
    if (line.indexOf('\r') >= 0) {
      throw new MalformedInputException(
          where + " ends in a carriage return; use Unix line endings");
    }
    try {
      return Hash.fromBase64(line);
    } catch (MalformedInputException e) {
      throw new MalformedInputException(where + ": " + e.getMessage(), e);
    }
  }

  /** The proof file for {@code hashes}: one base64 hash per line, each ending in a newline. */
  public static String format(List<Hash> hashes) {
    StringBuilder b = new StringBuilder(hashes.size() * 45);
    hashes.forEach(h -> b.append(h.base64()).append('\n'));
    return b.toString();
  }
}
