package org.countersign.cli.verify;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.Utf8;
import org.countersign.log.merkle.InclusionProof;
import org.countersign.log.note.Note;

/**
 * A C2SP {@code tlog-proof} (c2sp.org/tlog-proof@v1): the receipt a party keeps for a logged
 * statement, verifiable offline against the log's key.
 *
 * <pre>
 * c2sp.org/tlog-proof@v1
 * [extra &lt;base64&gt;]
 * index &lt;decimal, no leading zeros&gt;
 * &lt;base64 hash&gt;            zero or more, leaf sibling first
 * &lt;empty line&gt;
 * &lt;checkpoint note, verbatim, signatures included&gt;
 * </pre>
 *
 * <p>Holding one proves nothing: {@link ReceiptVerifier} checks the checkpoint's signature and the
 * inclusion. The parser is strict ({@code parse(t).format().equals(t)}) and bounded; the extra data
 * is unauthenticated by the spec's own words and is only carried along.
 *
 * @param extra the {@code extra} line's base64 value, if present (canonical base64, not empty)
 * @param index the entry's index in the log
 * @param path the inclusion proof hashes, leaf sibling first
 * @param checkpointNote the checkpoint note, verbatim, ending in a newline
 */
public record TlogProof(
    Optional<String> extra, long index, List<Hash> path, String checkpointNote) {
  /** The first line of every tlog-proof. */
  public static final String HEADER = "c2sp.org/tlog-proof@v1";

  /** Cap on a receipt file: a checkpoint note at its cap plus the proof lines. */
  public static final int MAX_BYTES = Note.DEFAULT_MAX_NOTE_BYTES + 16 * 1024;

  public TlogProof {
    Objects.requireNonNull(extra, "extra");
    extra.ifPresent(e -> requireCanonicalBase64(e));
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, got " + index);
    }
    path = List.copyOf(path);
    if (path.size() > InclusionProof.MAX_PATH_LENGTH) {
      throw new IllegalArgumentException(
          "an inclusion proof has at most "
              + InclusionProof.MAX_PATH_LENGTH
              + " hashes, got "
              + path.size());
    }
    if (!checkpointNote.endsWith("\n") || checkpointNote.startsWith("\n")) {
      throw new IllegalArgumentException(
          "the checkpoint note must be non-empty text ending in a newline");
    }
  }

  /** A receipt without extra data. */
  public TlogProof(long index, List<Hash> path, String checkpointNote) {
    this(Optional.empty(), index, path, checkpointNote);
  }

  /** The receipt as a {@code .tlog-proof} file. */
  public String format() {
    StringBuilder b = new StringBuilder(64 + path.size() * 45 + checkpointNote.length());
    b.append(HEADER).append('\n');
    extra.ifPresent(e -> b.append("extra ").append(e).append('\n'));
    b.append("index ").append(index).append('\n');
    path.forEach(h -> b.append(h.base64()).append('\n'));
    b.append('\n').append(checkpointNote);
    return b.toString();
  }

  /**
   * Parses a receipt file strictly.
   *
   * @throws MalformedInputException naming the line and the problem: over the cap, not UTF-8, wrong
   *     header, bad extra or index line, a proof line that is not a base64 hash, too many hashes,
   *     or no empty line before the checkpoint
   */
  public static TlogProof parse(byte[] file) throws MalformedInputException {
    if (file.length > MAX_BYTES) {
      throw new MalformedInputException(
          "receipt is " + file.length + " bytes, over the cap of " + MAX_BYTES);
    }
    String text = Utf8.decode(file, "receipt");
    return parse(text);
  }

  /** As {@link #parse(byte[])} for text already decoded. */
  public static TlogProof parse(String text) throws MalformedInputException {
    // The proof section has no empty line, so the first one ends it; the note follows verbatim.
    int split = text.indexOf("\n\n");
    if (split < 0) {
      throw new MalformedInputException(
          "receipt has no empty line between its proof and its checkpoint");
    }
    String[] lines = text.substring(0, split).split("\n", -1);
    String note = text.substring(split + 2);
    if (!lines[0].equals(HEADER)) {
      throw new MalformedInputException(
          "receipt must start with the line \"" + HEADER + "\", got " + quote(lines[0]));
    }
    int at = 1;
    Optional<String> extra = Optional.empty();
    if (at < lines.length && lines[at].startsWith("extra ")) {
      String value = lines[at].substring("extra ".length());
      try {
        requireCanonicalBase64(value);
      } catch (IllegalArgumentException e) {
        throw new MalformedInputException("receipt line " + (at + 1) + ": " + e.getMessage());
      }
      extra = Optional.of(value);
      at++;
    }
    if (at >= lines.length || !lines[at].startsWith("index ")) {
      throw new MalformedInputException(
          "receipt line "
              + (at + 1)
              + " must be \"index <n>\", got "
              + (at < lines.length ? quote(lines[at]) : "nothing"));
    }
    long index = parseIndex(lines[at].substring("index ".length()), at + 1);
    at++;
    int hashes = lines.length - at;
    if (hashes > InclusionProof.MAX_PATH_LENGTH) {
      throw new MalformedInputException(
          "receipt holds "
              + hashes
              + " proof lines; an inclusion proof has at most "
              + InclusionProof.MAX_PATH_LENGTH);
    }
    List<Hash> path = new ArrayList<>(hashes);
    for (int i = at; i < lines.length; i++) {
      path.add(ProofHashes.parseLine(lines[i], "receipt line " + (i + 1)));
    }
    if (note.isEmpty() || note.startsWith("\n")) {
      throw new MalformedInputException(
          "receipt has no checkpoint after its proof (or more than one empty line)");
    }
    if (!note.endsWith("\n")) {
      throw new MalformedInputException("receipt's checkpoint note does not end with a newline");
    }
    return new TlogProof(extra, index, path, note);
  }

  private static long parseIndex(String s, int line) throws MalformedInputException {
    boolean digits =
        !s.isEmpty() && s.length() <= 19 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digits || (s.length() > 1 && s.charAt(0) == '0')) {
      throw new MalformedInputException(
          "receipt line "
              + line
              + ": index must be a decimal number without leading zeros, got "
              + quote(s));
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new MalformedInputException(
          "receipt line " + line + ": index out of range: " + quote(s));
    }
  }

  private static void requireCanonicalBase64(String value) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("extra data is not base64: " + quote(value));
    }
    if (raw.length == 0 || !Base64.getEncoder().encodeToString(raw).equals(value)) {
      throw new IllegalArgumentException(
          "extra data is not canonical, non-empty base64: " + quote(value));
    }
  }

  private static String quote(String s) {
    String shown = s.length() <= 60 ? s : s.substring(0, 57) + "...";
    return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
  }
}
