package org.countersign.log.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.Note;
import org.countersign.log.note.NoteSigner;
import org.countersign.log.note.VerifiedNote;
import org.jspecify.annotations.Nullable;

/**
 * A checkpoint: a log's signed statement of its tree size and root hash (C2SP tlog-checkpoint
 * v1.0.0).
 *
 * <pre>
 * &lt;origin&gt;\n
 * &lt;tree size, decimal, no leading zeros&gt;\n
 * &lt;root hash, standard base64&gt;\n
 * [&lt;extension line&gt;\n]...
 * </pre>
 *
 * <p>Guarantees: every instance formats to a body that {@link #parse} accepts and that parses back
 * to an equal instance; {@link #parse} accepts exactly the bodies that {@link #body()} produces
 * ({@code parse(b).body().equals(b)}). {@link #parse} alone authenticates nothing; code that acts
 * on a checkpoint SHOULD obtain it through {@link #fromNote} from a note that {@link Note#open}
 * verified against the log's key.
 *
 * <p>The Go checksum database's tree notes ({@code go.sum database tree}) have the same three lines
 * and parse here; Go's parser also ignores arbitrary trailing lines, which this stricter parser
 * accepts only as non-empty extension lines.
 *
 * @param origin the log's identity; non-empty, no control characters (so no newline)
 * @param size the tree size, {@code >= 0}
 * @param root the RFC 6962 root hash of the first {@code size} entries
 * @param extensions opaque extension lines (NOT RECOMMENDED by the spec), each non-empty
 */
public record Checkpoint(String origin, long size, Hash root, List<String> extensions) {

  /** Cap on a checkpoint body, in bytes; real checkpoints are about 100 bytes. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  public Checkpoint {
    String problem = lineProblem(origin, "origin");
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (size < 0) {
      throw new IllegalArgumentException("tree size must be >= 0, got " + size);
    }
    extensions = List.copyOf(extensions);
    for (int i = 0; i < extensions.size(); i++) {
      problem = lineProblem(extensions.get(i), "extension line " + (i + 1));
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
  }

  /** A checkpoint without extension lines. */
  public Checkpoint(String origin, long size, Hash root) {
    this(origin, size, root, List.of());
  }

  /** The note text: origin, size and root, then extension lines, each ending in a newline. */
  public String body() {
    StringBuilder b = new StringBuilder(origin).append('\n');
    b.append(size).append('\n').append(root.base64()).append('\n');
    extensions.forEach(e -> b.append(e).append('\n'));
    return b.toString();
  }

  /** Signs the body as a note with the log's key: {@code Note.sign(body(), log)}. */
  public String sign(NoteSigner log) {
    return Note.sign(body(), log);
  }

  /**
   * The checkpoint in the text of a verified note. Which keys signed is the caller's policy: see
   * {@link VerifiedNote#requireSignedBy}.
   *
   * @throws MalformedInputException if the text is not a checkpoint
   */
  public static Checkpoint fromNote(VerifiedNote note) throws MalformedInputException {
    return parse(note.text());
  }

  /**
   * Parses a checkpoint body strictly. Authenticates nothing: see the class comment.
   *
   * @throws MalformedInputException naming the problem and the offending value: over the size cap,
   *     no final newline, fewer than three lines, empty or invalid origin, a size that is negative,
   *     has leading zeros or a sign, is not decimal or overflows, a root that is not the canonical
   *     base64 of 32 bytes, or an empty or invalid extension line
   */
  public static Checkpoint parse(String body) throws MalformedInputException {
    if (body.length() > MAX_BODY_BYTES
        || body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
      throw new MalformedInputException(
          "checkpoint is over the cap of "
              + MAX_BODY_BYTES
              + " bytes ("
              + body.length()
              + " characters)");
    }
    if (!body.endsWith("\n")) {
      throw new MalformedInputException("checkpoint does not end with a newline");
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new MalformedInputException(
          "checkpoint has "
              + lines.length
              + " line"
              + (lines.length == 1 ? "" : "s")
              + ", needs at least 3 (origin, tree size, root hash)");
    }
    String problem = lineProblem(lines[0], "origin");
    if (problem != null) {
      throw new MalformedInputException(problem);
    }
    long size = parseSize(lines[1]);
    Hash root = parseRoot(lines[2]);
    List<String> extensions = new ArrayList<>();
    for (int i = 3; i < lines.length; i++) {
      problem = lineProblem(lines[i], "extension line " + (i - 2));
      if (problem != null) {
        throw new MalformedInputException(problem);
      }
      extensions.add(lines[i]);
    }
    return new Checkpoint(lines[0], size, root, extensions);
  }

  private static long parseSize(String s) throws MalformedInputException {
    if (s.isEmpty()) {
      throw new MalformedInputException("checkpoint tree size line is empty");
    }
    if (s.startsWith("-")) {
      throw new MalformedInputException("checkpoint tree size is negative: " + quote(s));
    }
    if (!s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new MalformedInputException(
          "checkpoint tree size is not a decimal number: " + quote(s));
    }
    if (s.length() > 1 && s.charAt(0) == '0') {
      throw new MalformedInputException("checkpoint tree size has leading zeros: " + quote(s));
    }
    if (s.length() > 19) {
      throw new MalformedInputException("checkpoint tree size is out of range: " + quote(s));
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new MalformedInputException("checkpoint tree size is out of range: " + quote(s));
    }
  }

  /** Standard base64 of exactly 32 bytes, in its one canonical spelling. */
  private static Hash parseRoot(String s) throws MalformedInputException {
    if (s.length() != 44) {
      throw new MalformedInputException(
          "checkpoint root hash: a base64 hash is 44 characters, got "
              + s.length()
              + ": "
              + quote(s));
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new MalformedInputException("checkpoint root hash is not base64: " + quote(s));
    }
    if (raw.length != Hash.SIZE) {
      // 44 characters without padding decode to 33 bytes.
      throw new MalformedInputException(
          "checkpoint root hash decodes to " + raw.length + " bytes, a hash is 32: " + quote(s));
    }
    Hash root = Hash.of(raw);
    if (!root.base64().equals(s)) {
      throw new MalformedInputException(
          "checkpoint root hash is non-canonical base64: " + quote(s));
    }
    return root;
  }

  /** Why {@code line} cannot be a checkpoint line, or {@code null} if it can. */
  private static @Nullable String lineProblem(String line, String what) {
    if (line.isEmpty()) {
      return "checkpoint " + what + " is empty";
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        return String.format(
            "checkpoint %s contains control character 0x%02x: %s", what, (int) c, quote(line));
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < line.length()
          && Character.isLowSurrogate(line.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "checkpoint " + what + " contains an unpaired surrogate";
      }
    }
    return null;
  }

  private static String quote(String s) {
    String shown = s.length() <= 80 ? s : s.substring(0, 77) + "...";
    return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
  }
}
