package org.countersign.treaty.json;

import java.util.random.RandomGenerator;

/**
 * One-character edits of JSON texts, for the differential tests that hold two ways of reading a
 * text to the same answers: each edit lands near what a reader must get right.
 */
public final class TextMutations {
  /**
   * The characters an edit brings in: whitespace, quotes and escapes, digits and number parts,
   * structure, a control character, DEL, and both halves of a surrogate pair (lone or paired).
   */
  private static final String POOL = " \t\n\"\\/u0-19.eE:,[]{}aFZ\u0001\u007f\uD83D\uDE00";

  private TextMutations() {}

  /**
   * One random edit of {@code s}: insert, delete or replace a character, change a digit to another
   * (a value that still parses, so that the record's own rules are exercised), or swap two
   * neighbours.
   */
  public static String mutate(RandomGenerator r, String s) {
    if (s.isEmpty()) {
      return String.valueOf(POOL.charAt(r.nextInt(POOL.length())));
    }
    StringBuilder b = new StringBuilder(s);
    int at = r.nextInt(s.length());
    char c = POOL.charAt(r.nextInt(POOL.length()));
    switch (r.nextInt(5)) {
      case 0 -> b.insert(at, c);
      case 1 -> b.deleteCharAt(at);
      case 2 -> b.setCharAt(at, c);
      case 3 -> b.setCharAt(at, Character.isDigit(b.charAt(at)) ? (char) ('0' + r.nextInt(10)) : c);
      default -> {
        if (at + 1 < b.length()) {
          char x = b.charAt(at);
          b.setCharAt(at, b.charAt(at + 1));
          b.setCharAt(at + 1, x);
        }
      }
    }
    return b.toString();
  }
}
