package org.countersign.witness.evidence;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.Utf8;

/**
 * A self-contained record of two signed checkpoints of one log that appear to conflict, in a text
 * file anyone can check offline with {@link EvidenceVerifier}. Holding an instance says nothing:
 * the file may be forged or mistaken until the verifier says what it proves.
 *
 * <h2>Format ({@value #HEADER})</h2>
 *
 * <pre>
 * countersign/split-view-evidence/v1\n
 * log &lt;verifier key of the log&gt;\n
 * first &lt;byte length L1&gt;\n
 * &lt;exactly L1 bytes: the first signed checkpoint note, verbatim, with every signature&gt;
 * second &lt;byte length L2&gt;\n
 * &lt;exactly L2 bytes: the second signed checkpoint note, verbatim&gt;
 * proof &lt;count k, 0..64&gt;\n
 * &lt;k lines: base64 hashes&gt;
 * </pre>
 *
 * <p>Lengths are in bytes of UTF-8 and canonical decimal; each note ends in a newline (a signed
 * note always does), so the next keyword starts a line. The first checkpoint is the one observed
 * first (its size is at most the second's). The proof lines are the consistency proof from the
 * first size to the second that was presented (for example to a witness) and failed; see {@link
 * EvidenceVerifier} for how it is read. The file is canonical: {@code parse(format())} round-trips
 * byte for byte, and anything else is refused.
 *
 * <p>Length-prefixed blocks rather than a separator are used because signed notes themselves
 * contain blank lines; the verbatim bytes are kept because the log's signatures cover exactly them.
 */
public final class SplitViewEvidence {
  /** The first line of every evidence file; a new version gets a new line. */
  public static final String HEADER = "countersign/split-view-evidence/v1";

  /** The most bytes an evidence file may have. */
  public static final int MAX_BYTES = 256 * 1024;

  /** The most bytes each embedded note may have. */
  public static final int MAX_NOTE_BYTES = 64 * 1024;

  /** The most proof lines: 63 (the tlog-witness cap) plus an explicit prefix node. */
  public static final int MAX_PROOF_LINES = 64;

  private final String logVerifierKey;
  private final String firstNote;
  private final String secondNote;
  private final List<Hash> proof;

  /**
   * Assembles evidence from its parts.
   *
   * @param logVerifierKey the log's verifier key, {@code name+hex8+base64}
   * @param firstNote the first signed checkpoint note, verbatim
   * @param secondNote the second signed checkpoint note, verbatim
   * @param proof the consistency proof that was presented, possibly empty
   * @throws IllegalArgumentException if a part could not be written in the format
   */
  public SplitViewEvidence(
      String logVerifierKey, String firstNote, String secondNote, List<Hash> proof) {
    Objects.requireNonNull(logVerifierKey, "logVerifierKey");
    if (logVerifierKey.isEmpty() || logVerifierKey.chars().anyMatch(c -> c <= ' ' || c > '~')) {
      throw new IllegalArgumentException("log verifier key must be printable ASCII without spaces");
    }
    checkNote("first", firstNote);
    checkNote("second", secondNote);
    if (proof.size() > MAX_PROOF_LINES) {
      throw new IllegalArgumentException(
          "at most " + MAX_PROOF_LINES + " proof lines, got " + proof.size());
    }
    this.logVerifierKey = logVerifierKey;
    this.firstNote = firstNote;
    this.secondNote = secondNote;
    this.proof = List.copyOf(proof);
  }

  private static void checkNote(String which, String note) {
    int len = note.getBytes(StandardCharsets.UTF_8).length;
    if (len == 0 || !note.endsWith("\n")) {
      throw new IllegalArgumentException(which + " note must be non-empty and end in a newline");
    }
    if (len > MAX_NOTE_BYTES) {
      throw new IllegalArgumentException(
          which + " note is " + len + " bytes, more than " + MAX_NOTE_BYTES);
    }
  }

  /** The log's verifier key as written in the file. */
  public String logVerifierKey() {
    return logVerifierKey;
  }

  /** The first signed checkpoint note, verbatim. */
  public String firstNote() {
    return firstNote;
  }

  /** The second signed checkpoint note, verbatim. */
  public String secondNote() {
    return secondNote;
  }

  /** The proof lines, possibly empty. */
  public List<Hash> proof() {
    return proof;
  }

  /** The file's bytes. */
  public byte[] format() {
    StringBuilder b = new StringBuilder();
    b.append(HEADER).append('\n');
    b.append("log ").append(logVerifierKey).append('\n');
    b.append("first ").append(firstNote.getBytes(StandardCharsets.UTF_8).length).append('\n');
    b.append(firstNote);
    b.append("second ").append(secondNote.getBytes(StandardCharsets.UTF_8).length).append('\n');
    b.append(secondNote);
    b.append("proof ").append(proof.size()).append('\n');
    for (Hash h : proof) {
      b.append(h.base64()).append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses an evidence file strictly.
   *
   * @throws MalformedInputException naming the first problem and where it is
   */
  public static SplitViewEvidence parse(byte[] file) throws MalformedInputException {
    if (file.length > MAX_BYTES) {
      throw new MalformedInputException(
          "evidence file is " + file.length + " bytes, more than " + MAX_BYTES);
    }
    Reader r = new Reader(file);
    String header = r.line();
    if (!header.equals(HEADER)) {
      throw new MalformedInputException(
          "not a split-view evidence file: first line is "
              + quote(header)
              + ", expected "
              + quote(HEADER));
    }
    String vkey = r.keyword("log");
    String first = r.block("first");
    String second = r.block("second");
    int count = (int) parseCount(r.keyword("proof"), "proof count", MAX_PROOF_LINES);
    List<Hash> proof = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String line = r.line();
      try {
        proof.add(Hash.fromBase64(line));
      } catch (MalformedInputException e) {
        throw new MalformedInputException("proof line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (!r.atEnd()) {
      throw new MalformedInputException("trailing data after the " + count + " proof lines");
    }
    SplitViewEvidence e;
    try {
      e = new SplitViewEvidence(vkey, first, second, proof);
    } catch (IllegalArgumentException ex) {
      throw new MalformedInputException(
          Objects.requireNonNullElse(ex.getMessage(), ex.toString()), ex);
    }
    if (!Arrays.equals(e.format(), file)) {
      // Only non-canonical UTF-8 could get here; refuse a second spelling of the same file.
      throw new MalformedInputException("evidence file is not in canonical form");
    }
    return e;
  }

  private static long parseCount(String digits, String what, long max)
      throws MalformedInputException {
    boolean ok =
        !digits.isEmpty()
            && digits.length() <= 9
            && digits.chars().allMatch(c -> c >= '0' && c <= '9')
            && (digits.equals("0") || digits.charAt(0) != '0');
    if (!ok) {
      throw new MalformedInputException(what + " must be canonical decimal, got " + quote(digits));
    }
    long v = Long.parseLong(digits);
    if (v > max) {
      throw new MalformedInputException(what + " must be at most " + max + ", got " + v);
    }
    return v;
  }

  static String quote(String s) {
    String shown = s.length() <= 80 ? s : s.substring(0, 77) + "...";
    StringBuilder b = new StringBuilder("\"");
    shown
        .codePoints()
        .forEach(
            cp -> {
              if (cp < 0x20 || cp == 0x7f) {
                b.append(String.format("\\x%02x", cp));
              } else {
                b.appendCodePoint(cp);
              }
            });
    return b.append('"').toString();
  }

  /** A cursor over the file's bytes. */
  private static final class Reader {
    private final byte[] b;
    private int pos;

    Reader(byte[] b) {
      this.b = b;
    }

    boolean atEnd() {
      return pos == b.length;
    }

    /** The next line without its newline; printable ASCII only. */
    String line() throws MalformedInputException {
      int start = pos;
      while (pos < b.length && b[pos] != '\n') {
        if (b[pos] < 0x20 || b[pos] > 0x7e) {
          throw new MalformedInputException(
              "non-printable byte 0x"
                  + Integer.toHexString(b[pos] & 0xff)
                  + " at offset "
                  + pos
                  + " outside a note");
        }
        pos++;
      }
      if (pos == b.length) {
        throw new MalformedInputException("unexpected end of file at offset " + start);
      }
      String s = new String(b, start, pos - start, StandardCharsets.US_ASCII);
      pos++;
      return s;
    }

    /** The value of a line {@code "<keyword> <value>"}. */
    String keyword(String keyword) throws MalformedInputException {
      String line = line();
      if (!line.startsWith(keyword + " ")) {
        throw new MalformedInputException(
            "expected a line \"" + keyword + " ...\", got " + quote(line));
      }
      return line.substring(keyword.length() + 1);
    }

    /** A length line followed by exactly that many bytes of UTF-8. */
    String block(String keyword) throws MalformedInputException {
      int len = (int) parseCount(keyword(keyword), keyword + " length", MAX_NOTE_BYTES);
      if (b.length - pos < len) {
        throw new MalformedInputException(
            keyword + " note claims " + len + " bytes, only " + (b.length - pos) + " remain");
      }
      String s = Utf8.decode(b, pos, len, keyword + " note");
      pos += len;
      return s;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SplitViewEvidence e
        && e.logVerifierKey.equals(logVerifierKey)
        && e.firstNote.equals(firstNote)
        && e.secondNote.equals(secondNote)
        && e.proof.equals(proof);
  }

  @Override
  public int hashCode() {
    return Objects.hash(logVerifierKey, firstNote, secondNote, proof);
  }

  @Override
  public String toString() {
    return "SplitViewEvidence[log=" + logVerifierKey + ", proof=" + proof.size() + " hashes]";
  }
}
