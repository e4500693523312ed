package org.countersign.log.note;

import java.util.Base64;
import org.countersign.log.MalformedInputException;

/**
 * Standard base64 (RFC 4648 §4, with padding), canonical only.
 *
 * <p>The JDK decoder, like Go's {@code StdEncoding}, accepts non-zero padding bits, which gives one
 * value several spellings. Keys and signature lines are identifiers, so this decoder refuses every
 * spelling but the one the encoder produces.
 */
final class StrictBase64 {
  private StrictBase64() {}

  /**
   * Decodes {@code text}; {@code what} names the field in the error message.
   *
   * @throws MalformedInputException if {@code text} is empty, not base64, or not canonical
   */
  static byte[] decode(String text, String what) throws MalformedInputException {
    if (text.isEmpty()) {
      throw new MalformedInputException(what + " is empty");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedInputException(what + " is not base64: " + KeyNames.quote(text));
    }
    if (!Base64.getEncoder().encodeToString(raw).equals(text)) {
      throw new MalformedInputException(what + " is not canonical base64: " + KeyNames.quote(text));
    }
    return raw;
  }

  static String encode(byte[] raw) {
    return Base64.getEncoder().encodeToString(raw);
  }
}
