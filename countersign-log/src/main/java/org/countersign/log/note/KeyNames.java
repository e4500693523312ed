package org.countersign.log.note;

import org.jspecify.annotations.Nullable;

/**
 * The rules for key names shared by signature lines, verifier keys and signer keys.
 *
 * <p>C2SP signed-note: a key name is non-empty and contains no Unicode whitespace and no {@code +}.
 * Go's {@code isValidName} defines whitespace as {@code unicode.IsSpace}; this class uses the same
 * set (ASCII tab, newline, vertical tab, form feed, carriage return and space, U+0085, U+00A0, and
 * every character in the Unicode separator categories). It also refuses control characters and
 * unpaired surrogates, which cannot occur in a well-formed note anyway.
 */
public final class KeyNames {
  private KeyNames() {}

  /** Whether {@code name} may be used as a key name. */
  public static boolean isValid(String name) {
    return problem(name) == null;
  }

  /**
   * Returns {@code name} if it is a valid key name.
   *
   * @throws IllegalArgumentException naming the problem and the name otherwise
   */
  public static String requireValid(String name) {
    String problem = problem(name);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return name;
  }

  /** The reason {@code name} is not a valid key name, or {@code null} if it is one. */
  static @Nullable String problem(String name) {
    if (name.isEmpty()) {
      return "key name is empty";
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (cp == '+') {
        return "key name contains '+': " + quote(name);
      }
      if (isSpace(cp)) {
        return "key name contains whitespace U+" + hex4(cp) + ": " + quote(name);
      }
      if (Character.isISOControl(cp)) {
        return "key name contains control character U+" + hex4(cp) + ": " + quote(name);
      }
      if (Character.isSurrogate((char) cp)) {
        return "key name contains an unpaired surrogate: " + quote(name);
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  /** Go's {@code unicode.IsSpace}. */
  private static boolean isSpace(int cp) {
    if (cp <= 0xFF) {
      return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0;
    }
    return Character.isSpaceChar(cp); // Zs, Zl, Zp: the White_Space property above Latin-1
  }

  static String hex4(int cp) {
    return String.format("%04X", cp);
  }

  /** Quotes a value for an error message, abbreviating it so that messages stay one line. */
  static String quote(String s) {
    String shown = s.length() <= 80 ? s : s.substring(0, 77) + "...";
    StringBuilder b = new StringBuilder("\"");
    shown
        .codePoints()
        .forEach(
            cp -> {
              if (cp < 0x20 || cp == 0x7F) {
                b.append(String.format("\\x%02x", cp));
              } else {
                b.appendCodePoint(cp);
              }
            });
    return b.append('"').toString();
  }
}
