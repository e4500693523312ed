package org.countersign.witness.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;

/**
 * The body of a C2SP tlog-witness v1.0.0 {@code add-checkpoint} request: an old size, a consistency
 * proof, and a signed checkpoint note.
 *
 * <pre>
 * old &lt;decimal size, no leading zeros&gt;\n
 * &lt;base64 hash&gt;\n            (0 to 63 lines)
 * \n
 * &lt;checkpoint note, possibly with several signatures&gt;
 * </pre>
 *
 * <p>The parser is strict: every line ends in {@code \n}, the size is canonical decimal, every
 * proof line is the canonical base64 of exactly 32 bytes, and at most {@value #MAX_PROOF_LINES}
 * proof lines are accepted. Nothing here says anything about the note: whether it is a checkpoint
 * and who signed it is the witness's next step.
 *
 * @param oldSize the size of the checkpoint the client believes the witness last cosigned
 * @param proof the consistency proof from {@code oldSize} to the checkpoint's size
 * @param note the signed checkpoint note, verbatim
 */
// The note bytes are parsed once by the witness and never compared or hashed as a request value.
@SuppressWarnings("ArrayRecordComponent")
public record AddCheckpointRequest(long oldSize, List<Hash> proof, byte[] note) {
  /** The most proof lines a client may send (tlog-witness: "MUST NOT send more than 63"). */
  public static final int MAX_PROOF_LINES = 63;

  public AddCheckpointRequest {
    if (oldSize < 0) {
      throw new IllegalArgumentException("old size must be >= 0, got " + oldSize);
    }
    if (proof.size() > MAX_PROOF_LINES) {
      throw new IllegalArgumentException(
          "at most " + MAX_PROOF_LINES + " proof lines, got " + proof.size());
    }
    proof = List.copyOf(proof);
    note = note.clone();
  }

  /** The note bytes (a copy). */
  @Override
  public byte[] note() {
    return note.clone();
  }

  /** The note as text; the note format requires UTF-8, which the note parser checks. */
  public String noteText() {
    return new String(note, StandardCharsets.UTF_8);
  }

  /**
   * Parses a request body.
   *
   * @throws MalformedInputException naming the first thing that is wrong
   */
  public static AddCheckpointRequest parse(byte[] body) throws MalformedInputException {
    int pos = 0;
    int eol = indexOf(body, (byte) '\n', pos);
    if (eol < 0) {
      throw new MalformedInputException("request body has no complete first line");
    }
    long old = parseOldLine(ascii(body, pos, eol));
    pos = eol + 1;
    List<Hash> proof = new ArrayList<>();
    while (true) {
      eol = indexOf(body, (byte) '\n', pos);
      if (eol < 0) {
        throw new MalformedInputException(
            "request body ends before the empty line that separates proof and checkpoint");
      }
      if (eol == pos) {
        pos = eol + 1;
        break;
      }
      if (proof.size() == MAX_PROOF_LINES) {
        throw new MalformedInputException("more than " + MAX_PROOF_LINES + " proof lines");
      }
      proof.add(parseHash(ascii(body, pos, eol), "proof line " + (proof.size() + 1)));
      pos = eol + 1;
    }
    if (pos == body.length) {
      throw new MalformedInputException("request body has no checkpoint after the empty line");
    }
    return new AddCheckpointRequest(old, proof, Arrays.copyOfRange(body, pos, body.length));
  }

  /** Formats the body a client sends; {@code parse(format())} gives back an equal request. */
  public byte[] format() {
    StringBuilder head = new StringBuilder();
    head.append("old ").append(oldSize).append('\n');
    for (Hash h : proof) {
      head.append(h.base64()).append('\n');
    }
    head.append('\n');
    byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(h, h.length + note.length);
    System.arraycopy(note, 0, out, h.length, note.length);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddCheckpointRequest r
        && r.oldSize == oldSize
        && r.proof.equals(proof)
        && Arrays.equals(r.note, note);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(oldSize) * 31 * 31 + proof.hashCode() * 31 + Arrays.hashCode(note);
  }

  @Override
  public String toString() {
    return "AddCheckpointRequest[old="
        + oldSize
        + ", proof="
        + proof.size()
        + " hashes, note="
        + note.length
        + " bytes]";
  }

  /**
   * Parses the canonical base64 of exactly 32 bytes. The length is checked here as well as by
   * {@link Hash#fromBase64}, which (as of this writing) accepts 44 characters that decode to 31
   * bytes.
   */
  static Hash parseHash(String line, String what) throws MalformedInputException {
    byte[] raw;
    try {
      raw = java.util.Base64.getDecoder().decode(line);
    } catch (IllegalArgumentException e) {
      throw new MalformedInputException(what + ": not base64: " + quote(line));
    }
    if (raw.length != Hash.SIZE) {
      throw new MalformedInputException(
          what + ": a hash is 32 bytes, got " + raw.length + ": " + quote(line));
    }
    try {
      return Hash.fromBase64(line);
    } catch (MalformedInputException e) {
      throw new MalformedInputException(what + ": " + e.getMessage(), e);
    }
  }

  private static long parseOldLine(String line) throws MalformedInputException {
    if (!line.startsWith("old ")) {
      throw new MalformedInputException("first line must be \"old <size>\", got " + quote(line));
    }
    return parseSize(line.substring(4), "old size");
  }

  /**
   * Parses a canonical tree size: ASCII decimal, no sign, no leading zeros, at most 2^63 - 1.
   *
   * @throws MalformedInputException naming {@code what} and the offending text
   */
  static long parseSize(String digits, String what) throws MalformedInputException {
    boolean ok =
        !digits.isEmpty()
            && digits.length() <= 19
            && digits.chars().allMatch(c -> c >= '0' && c <= '9')
            && (digits.equals("0") || digits.charAt(0) != '0');
    if (!ok) {
      throw new MalformedInputException(what + " must be canonical decimal, got " + quote(digits));
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new MalformedInputException(what + " is out of range: " + quote(digits));
    }
  }

  private static int indexOf(byte[] b, byte v, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }

  /** Decodes a header line, refusing anything but printable ASCII so that errors print safely. */
  private static String ascii(byte[] b, int from, int to) throws MalformedInputException {
    for (int i = from; i < to; i++) {
      if (b[i] < 0x20 || b[i] > 0x7e) {
        throw new MalformedInputException(
            "non-printable byte 0x" + Integer.toHexString(b[i] & 0xff) + " in request header");
      }
    }
    return new String(b, from, to - from, StandardCharsets.US_ASCII);
  }

  private static String quote(String s) {
    return s.length() <= 80 ? "\"" + s + "\"" : "\"" + s.substring(0, 77) + "...\"";
  }
}
