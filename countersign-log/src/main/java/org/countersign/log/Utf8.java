package org.countersign.log;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding, the one way every Countersign parser turns bytes into text.
 *
 * <p>{@code new String(bytes, UTF_8)} replaces a malformed sequence with U+FFFD, so two different
 * byte strings would read as the same text; a signed format must refuse them instead. This decoder
 * rejects malformed and unmappable input (overlong forms, surrogates, truncated sequences) and says
 * at which byte.
 */
public final class Utf8 {
  private Utf8() {}

  /**
   * Decodes {@code utf8} as strict UTF-8.
   *
   * @param what what the bytes are, for the message (e.g. {@code "note"})
   * @throws MalformedInputException naming {@code what} and the offset of the first bad byte
   */
  public static String decode(byte[] utf8, String what) throws MalformedInputException {
    return decode(utf8, 0, utf8.length, what);
  }

  /**
   * Decodes {@code length} bytes of {@code bytes} from {@code offset} as strict UTF-8.
   *
   * @throws MalformedInputException naming {@code what} and the offset (from {@code offset}) of the
   *     first bad byte
   */
  public static String decode(byte[] bytes, int offset, int length, String what)
      throws MalformedInputException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
    // UTF-8 never yields more UTF-16 chars than it has bytes, so the buffer cannot overflow.
    CharBuffer out = CharBuffer.allocate(length);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      throw new MalformedInputException(
          what + " is not valid UTF-8 at byte " + (in.position() - offset));
    }
    return out.flip().toString();
  }
}
