package org.countersign.log.tile;

import org.countersign.log.MalformedInputException;

/**
 * The path grammar shared by hash tiles and entry bundles (C2SP tlog-tiles):
 *
 * <pre>
 *   index  = *( "x" 3DIGIT "/" ) 3DIGIT      ; 1234067 = x001/x234/067, 5 = 005
 *   suffix = [ ".p/" width ]                  ; width 1..255, no leading zeros
 * </pre>
 *
 * Parsing is strict: exactly one spelling per value (no leading zero groups, no leading zeros in
 * the width, no full-width suffix), values that fit a {@code long}, and a length cap.
 */
final class TilePaths {
  /** Longer than any valid path ("tile/63/" + 7 index groups + ".p/255" is under 50). */
  static final int MAX_PATH_LENGTH = 100;

  private static final String PARTIAL = ".p/";

  private TilePaths() {}

  /** Encodes an index in 3-digit groups, all but the last prefixed with {@code x}. */
  static String encodeIndex(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("tile index must not be negative, got " + index);
    }
    String digits = Long.toString(index);
    int pad = (3 - digits.length() % 3) % 3;
    digits = "0".repeat(pad) + digits;
    StringBuilder b = new StringBuilder(digits.length() * 4 / 3 + 2);
    for (int i = 0; i < digits.length(); i += 3) {
      boolean last = i + 3 == digits.length();
      if (!last) {
        b.append('x');
      }
      b.append(digits, i, i + 3);
      if (!last) {
        b.append('/');
      }
    }
    return b.toString();
  }

  /** {@code index} followed by {@code .p/<width>} when the width is below 256. */
  static String encodeIndexAndWidth(long index, int width) {
    return width == TileId.FULL_WIDTH ? encodeIndex(index) : encodeIndex(index) + PARTIAL + width;
  }

  /** The index and width (256 when there is no suffix) parsed from {@code text}. */
  record IndexAndWidth(long index, int width) {}

  /**
   * Parses {@code <N>[.p/<W>]}.
   *
   * @param whole the full path, for messages
   */
  static IndexAndWidth parseIndexAndWidth(String text, String whole)
      throws MalformedInputException {
    int p = text.indexOf(PARTIAL);
    if (p < 0) {
      return new IndexAndWidth(parseIndex(text, whole), TileId.FULL_WIDTH);
    }
    long index = parseIndex(text.substring(0, p), whole);
    String w = text.substring(p + PARTIAL.length());
    int width = parseDecimal(w, 255, "partial width", whole);
    if (width == 0) {
      throw new MalformedInputException("partial width must be 1..255, got 0 in " + quote(whole));
    }
    return new IndexAndWidth(index, width);
  }

  private static long parseIndex(String text, String whole) throws MalformedInputException {
    String[] groups = text.split("/", -1);
    if (groups.length > 7) {
      throw new MalformedInputException("tile index has too many path elements: " + quote(whole));
    }
    long value = 0;
    for (int g = 0; g < groups.length; g++) {
      String group = groups[g];
      boolean last = g == groups.length - 1;
      String digits;
      if (last) {
        digits = group;
      } else {
        if (!group.startsWith("x")) {
          throw new MalformedInputException(
              "tile index element " + quote(group) + " must start with 'x' in " + quote(whole));
        }
        digits = group.substring(1);
      }
      if (digits.length() != 3 || !allDigits(digits)) {
        throw new MalformedInputException(
            "tile index element " + quote(group) + " is not 3 digits in " + quote(whole));
      }
      if (g == 0 && !last && digits.equals("000")) {
        throw new MalformedInputException(
            "tile index has a leading zero element " + quote(group) + " in " + quote(whole));
      }
      try {
        value = Math.addExact(Math.multiplyExact(value, 1000), Integer.parseInt(digits));
      } catch (ArithmeticException e) {
        throw new MalformedInputException("tile index does not fit 63 bits: " + quote(whole));
      }
    }
    return value;
  }

  /** A decimal without sign or leading zeros, at most {@code max}. */
  static int parseDecimal(String text, int max, String what, String whole)
      throws MalformedInputException {
    if (text.isEmpty() || text.length() > 3 || !allDigits(text)) {
      throw new MalformedInputException(
          what + " must be a decimal number, got " + quote(text) + " in " + quote(whole));
    }
    if (text.length() > 1 && text.charAt(0) == '0') {
      throw new MalformedInputException(
          what + " has a leading zero: " + quote(text) + " in " + quote(whole));
    }
    int v = Integer.parseInt(text);
    if (v > max) {
      throw new MalformedInputException(
          what + " must be at most " + max + ", got " + v + " in " + quote(whole));
    }
    return v;
  }

  static void checkLength(String path) throws MalformedInputException {
    if (path.length() > MAX_PATH_LENGTH) {
      throw new MalformedInputException(
          "tile path longer than " + MAX_PATH_LENGTH + " characters: " + quote(path));
    }
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static String quote(String s) {
    String shown = s.length() <= 120 ? s : s.substring(0, 117) + "...";
    return "\"" + shown + "\"";
  }
}
