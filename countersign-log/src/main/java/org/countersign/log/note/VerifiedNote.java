package org.countersign.log.note;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.countersign.log.BadSignatureException;

/**
 * A note whose text at least one trusted key has signed. Only {@link Note#open} makes these from
 * untrusted bytes.
 *
 * @param text the note text, including its final newline, without the blank line
 * @param verifiedSignatures signatures by known keys, each checked, at most one per (name, key id),
 *     in note order; never empty when built by {@link Note#open}
 * @param otherSignatures signatures by keys not in the verifier set, NOT checked, duplicates
 *     removed, in note order
 */
public record VerifiedNote(
    String text, List<NoteSignature> verifiedSignatures, List<NoteSignature> otherSignatures) {

  public VerifiedNote {
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("note text must end with a newline");
    }
    verifiedSignatures = List.copyOf(verifiedSignatures);
    otherSignatures = List.copyOf(otherSignatures);
  }

  /** The verified signature by (name, key id), if there is one. */
  public Optional<NoteSignature> verifiedSignatureBy(String name, int keyId) {
    return verifiedSignatures.stream()
        .filter(s -> s.keyId() == keyId && s.name().equals(name))
        .findFirst();
  }

  /**
   * Checks that every one of {@code required} has a verified signature on this note.
   *
   * @throws BadSignatureException listing the keys that did not sign, with the note text
   */
  public void requireSignedBy(Collection<? extends NoteVerifier> required)
      throws BadSignatureException {
    List<String> missing = new ArrayList<>();
    for (NoteVerifier v : required) {
      if (verifiedSignatureBy(v.name(), v.keyId()).isEmpty()) {
        missing.add(v.name() + "+" + KeyId.hex(v.keyId()));
      }
    }
    if (!missing.isEmpty()) {
      throw new BadSignatureException("note is not signed by " + String.join(", ", missing), text);
    }
  }

  /**
   * The note re-encoded: text, blank line, verified then other signature lines. Equal to the bytes
   * that were opened whenever those had no duplicate lines and listed verified signatures first.
   */
  public String format() {
    StringBuilder b = new StringBuilder(text).append('\n');
    verifiedSignatures.forEach(s -> b.append(s.line()));
    otherSignatures.forEach(s -> b.append(s.line()));
    return b.toString();
  }
}
