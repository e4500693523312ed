package org.countersign.log.note;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.countersign.log.BadSignatureException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.Utf8;

/**
 * Signing and opening C2SP signed notes (signed-note v1.0.0), with the semantics of Go's {@code
 * golang.org/x/mod/sumdb/note}.
 *
 * <h2>Format</h2>
 *
 * <pre>
 * text (UTF-8, ends in "\n", may contain blank lines)
 * "\n"
 * "— " key-name " " base64(key id[4] || signature) "\n"     (one or more lines)
 * </pre>
 *
 * The text is separated from the signatures by the <em>last</em> blank line. The whole note MUST be
 * valid UTF-8 without ASCII control characters other than newline.
 *
 * <h2>Opening</h2>
 *
 * {@link #open} parses and verifies in one step ({@link #parse} then {@link UnverifiedNote#open}),
 * in this order: size cap; UTF-8 and control characters; structure of every signature line (at most
 * {@value #MAX_SIGNATURES} lines; key names valid; canonical base64 of at least five bytes); then
 * signatures. A signature whose (name, key id) is unknown is ignored and reported in {@link
 * VerifiedNote#otherSignatures()}, even if the name alone matches a known key. A signature by a
 * known key MUST verify, or the whole note is refused. A note that no known key signed is refused
 * with a {@link BadSignatureException} that still carries the text, so that a caller can show what
 * it refused. Repeated identical lines count once.
 *
 * <h2>Differences from Go, all stricter</h2>
 *
 * DEL (0x7F) is refused as an ASCII control character, as the spec says (Go allows it);
 * non-canonical base64 is refused; a second, different signature by the same known key is checked
 * too (Go skips it); two verifiers for one (name, key id) are refused when the {@link Verifiers}
 * set is built.
 */
public final class Note {
  /** The start of every signature line: U+2014 EM DASH and a space. */
  public static final String SIGNATURE_PREFIX = "\u2014 ";

  /** Default cap on the size of a note, in bytes. */
  public static final int DEFAULT_MAX_NOTE_BYTES = 1 << 20;

  /** Most signature lines a note may carry (Go's limit; the spec requires at least 16). */
  public static final int MAX_SIGNATURES = 100;

  private static final byte[] PREFIX_BYTES = SIGNATURE_PREFIX.getBytes(StandardCharsets.UTF_8);

  private Note() {}

  /**
   * Signs {@code text} with every signer, in order.
   *
   * @return the complete note: text, blank line, one signature line per signer
   * @throws IllegalArgumentException if the text does not end in a newline, contains control
   *     characters other than newline or unpaired surrogates, if a signer has an invalid name or
   *     two signers share (name, key id), or if the result would exceed the default size cap
   */
  public static String sign(String text, NoteSigner... signers) {
    return sign(text, List.of(signers));
  }

  /** As {@link #sign(String, NoteSigner...)}. */
  public static String sign(String text, List<? extends NoteSigner> signers) {
    return withSignatures(text, List.of(), signers);
  }

  /**
   * Adds signatures to an opened note, as a witness adds its cosignature to a checkpoint. The
   * existing signature lines come first (verified, then others), except any by a (name, key id)
   * that one of {@code signers} replaces.
   *
   * @throws IllegalArgumentException as {@link #sign(String, NoteSigner...)}
   */
  public static String addSignatures(VerifiedNote note, NoteSigner... signers) {
    List<NoteSignature> existing = new ArrayList<>(note.verifiedSignatures());
    existing.addAll(note.otherSignatures());
    return withSignatures(note.text(), existing, List.of(signers));
  }

  private static String withSignatures(
      String text, List<NoteSignature> existing, List<? extends NoteSigner> signers) {
    requireValidText(text);
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("a note needs at least one signer");
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    Set<String> ids = new HashSet<>();
    List<NoteSignature> fresh = new ArrayList<>();
    for (NoteSigner s : signers) {
      KeyNames.requireValid(s.name());
      if (!ids.add(s.name() + "+" + KeyId.hex(s.keyId()))) {
        throw new IllegalArgumentException(
            "two signers share the key " + s.name() + "+" + KeyId.hex(s.keyId()));
      }
      fresh.add(new NoteSignature(s.name(), s.keyId(), s.sign(message)));
    }
    StringBuilder b = new StringBuilder(text).append('\n');
    int count = 0;
    for (NoteSignature s : existing) {
      if (!ids.contains(s.id())) {
        b.append(s.line());
        count++;
      }
    }
    for (NoteSignature s : fresh) {
      b.append(s.line());
      count++;
    }
    if (count > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "a note carries at most " + MAX_SIGNATURES + " signatures, this one would have " + count);
    }
    String note = b.toString();
    int size = note.getBytes(StandardCharsets.UTF_8).length;
    if (size > DEFAULT_MAX_NOTE_BYTES) {
      throw new IllegalArgumentException(
          "signed note would be " + size + " bytes, over the cap of " + DEFAULT_MAX_NOTE_BYTES);
    }
    return note;
  }

  /**
   * Checks that {@code text} may be signed: it ends in a newline, is well-formed Unicode and has no
   * control characters but newline.
   *
   * @throws IllegalArgumentException naming the problem and its position otherwise
   */
  public static void requireValidText(String text) {
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("note text must end with a newline");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\n') || c == 0x7F) {
        throw new IllegalArgumentException(
            "note text contains control character U+" + KeyNames.hex4(c) + " at index " + i);
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "note text contains an unpaired surrogate at index " + i);
      }
    }
  }

  /** As {@link #open(byte[], Verifiers)} for a note held as a string. */
  public static VerifiedNote open(String note, Verifiers known)
      throws MalformedInputException, BadSignatureException {
    return open(note.getBytes(StandardCharsets.UTF_8), known, DEFAULT_MAX_NOTE_BYTES);
  }

  /** As {@link #open(byte[], Verifiers, int)} with the default cap of 1 MiB. */
  public static VerifiedNote open(byte[] note, Verifiers known)
      throws MalformedInputException, BadSignatureException {
    return open(note, known, DEFAULT_MAX_NOTE_BYTES);
  }

  /**
   * Parses {@code note} and verifies its signatures against {@code known}; see the class comment
   * for the rules. The same as {@code parse(note, maxBytes).open(known)}.
   *
   * @param maxBytes the largest note accepted, in bytes
   * @throws MalformedInputException if the note is over the cap or not well-formed; the message
   *     names the problem and where it is
   * @throws BadSignatureException if a known key's signature fails, or no known key signed; {@link
   *     BadSignatureException#noteText()} holds the text
   */
  public static VerifiedNote open(byte[] note, Verifiers known, int maxBytes)
      throws MalformedInputException, BadSignatureException {
    return parse(note, maxBytes).open(known);
  }

  /**
   * Parses {@code note} without checking any signature: every structural rule of {@link #open}
   * holds for the result (size cap, UTF-8, control characters, signature-line syntax), but nothing
   * about who signed it is known until {@link UnverifiedNote#open} is called. Use it to read what a
   * note claims (the author a statement names, say) in order to choose the keys that must verify
   * it; never act on its text otherwise.
   *
   * @param maxBytes the largest note accepted, in bytes
   * @throws MalformedInputException if the note is over the cap or not well-formed; the message
   *     names the problem and where it is
   */
  public static UnverifiedNote parse(byte[] note, int maxBytes) throws MalformedInputException {
    if (note.length > maxBytes) {
      throw new MalformedInputException(
          "note is " + note.length + " bytes, over the cap of " + maxBytes);
    }
    checkCharacters(note);
    int split = lastBlankLine(note);
    if (split < 0) {
      throw new MalformedInputException(
          "note has no blank line between its text and its signatures");
    }
    byte[] textBytes = Arrays.copyOfRange(note, 0, split + 1);
    int sigStart = split + 2;
    if (sigStart == note.length) {
      throw new MalformedInputException("note has no signature lines after its last blank line");
    }
    if (note[note.length - 1] != '\n') {
      throw new MalformedInputException("note does not end with a newline");
    }
    List<ParsedLine> lines = parseSignatureLines(note, sigStart);
    String text = new String(textBytes, StandardCharsets.UTF_8);
    return new UnverifiedNote(text, textBytes, lines);
  }

  /** Valid UTF-8 (no overlong forms, no surrogates) and no control characters but newline. */
  private static void checkCharacters(byte[] note) throws MalformedInputException {
    for (int i = 0; i < note.length; i++) {
      int b = note[i];
      if ((b >= 0 && b < 0x20 && b != '\n') || b == 0x7F) {
        throw new MalformedInputException(
            String.format("note contains control character 0x%02x at byte %d", b, i));
      }
    }
    Utf8.decode(note, "note");
  }

  private static int lastBlankLine(byte[] note) {
    for (int i = note.length - 2; i >= 0; i--) {
      if (note[i] == '\n' && note[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** One syntactically valid signature line. */
  record ParsedLine(String line, NoteSignature signature) {}

  private static List<ParsedLine> parseSignatureLines(byte[] note, int start)
      throws MalformedInputException {
    List<ParsedLine> lines = new ArrayList<>();
    int lineNo = 0;
    for (int pos = start; pos < note.length; ) {
      int end = pos;
      while (note[end] != '\n') {
        end++; // the note ends in '\n', so this stops
      }
      lineNo++;
      if (lineNo > MAX_SIGNATURES) {
        throw new MalformedInputException(
            "note has more than " + MAX_SIGNATURES + " signature lines");
      }
      lines.add(parseSignatureLine(note, pos, end, lineNo));
      pos = end + 1;
    }
    return lines;
  }

  private static ParsedLine parseSignatureLine(byte[] note, int from, int to, int lineNo)
      throws MalformedInputException {
    String line = new String(note, from, to - from, StandardCharsets.UTF_8);
    String where = "signature line " + lineNo;
    if (!Arrays.equals(
        note,
        from,
        Math.min(to, from + PREFIX_BYTES.length),
        PREFIX_BYTES,
        0,
        PREFIX_BYTES.length)) {
      throw new MalformedInputException(
          where + " does not start with an em dash (U+2014) and a space: " + KeyNames.quote(line));
    }
    String rest = line.substring(SIGNATURE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw new MalformedInputException(
          where + " has no space between key name and signature: " + KeyNames.quote(line));
    }
    String name = rest.substring(0, space);
    String problem = KeyNames.problem(name);
    if (problem != null) {
      throw new MalformedInputException(where + ": " + problem);
    }
    byte[] payload = StrictBase64.decode(rest.substring(space + 1), where + " signature");
    if (payload.length < 5) {
      throw new MalformedInputException(
          where
              + ": signature decodes to "
              + payload.length
              + " bytes, needs a 4-byte key id and a signature");
    }
    int keyId = KeyId.read(payload);
    return new ParsedLine(
        line, new NoteSignature(name, keyId, Arrays.copyOfRange(payload, 4, payload.length)));
  }

  static VerifiedNote verify(String text, byte[] textBytes, List<ParsedLine> lines, Verifiers known)
      throws BadSignatureException {
    List<NoteSignature> verified = new ArrayList<>();
    List<NoteSignature> others = new ArrayList<>();
    Set<String> seenLines = new HashSet<>();
    Set<String> verifiedIds = new HashSet<>();
    for (ParsedLine p : lines) {
      if (!seenLines.add(p.line())) {
        continue; // an identical line was handled already
      }
      NoteSignature sig = p.signature();
      Optional<NoteVerifier> verifier = known.find(sig.name(), sig.keyId());
      if (verifier.isEmpty()) {
        others.add(sig);
        continue;
      }
      try {
        verifier.get().verify(textBytes, sig.signature());
      } catch (BadSignatureException e) {
        throw new BadSignatureException(
            Objects.requireNonNullElse(e.getMessage(), e.toString()), text);
      }
      if (verifiedIds.add(sig.id())) {
        verified.add(sig);
      }
    }
    if (verified.isEmpty()) {
      throw new BadSignatureException(noKnownSignerMessage(others, known), text);
    }
    return new VerifiedNote(text, verified, others);
  }

  private static String noKnownSignerMessage(List<NoteSignature> others, Verifiers known) {
    StringBuilder b = new StringBuilder("note has no signature by a known key (signed by ");
    int shown = Math.min(others.size(), 5);
    for (int i = 0; i < shown; i++) {
      b.append(i == 0 ? "" : ", ").append(others.get(i).id());
    }
    if (others.size() > shown) {
      b.append(", and ").append(others.size() - shown).append(" more");
    }
    b.append("; known: ");
    List<NoteVerifier> all = known.all();
    for (int i = 0; i < Math.min(all.size(), 5); i++) {
      b.append(i == 0 ? "" : ", ")
          .append(all.get(i).name())
          .append('+')
          .append(KeyId.hex(all.get(i).keyId()));
    }
    if (all.isEmpty()) {
      b.append("none");
    } else if (all.size() > 5) {
      b.append(", and ").append(all.size() - 5).append(" more");
    }
    return b.append(')').toString();
  }
}
