package org.countersign.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
  @Test
  void decodesValidTextOfEveryWidth() throws Exception {
    String text = "a\u00fc\u20ac\uD83D\uDE00"; // 1, 2, 3 and 4 bytes
    assertThat(Utf8.decode(text.getBytes(StandardCharsets.UTF_8), "t")).isEqualTo(text);
    assertThat(Utf8.decode(new byte[0], "t")).isEmpty();
  }

  @Test
  void rejectsWhatLenientDecodingWouldReplace() {
    byte[][] bad = {
      {'a', (byte) 0xC0, (byte) 0x80}, // overlong NUL
      {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, // UTF-16 surrogate
      {'a', (byte) 0xE2, (byte) 0x82}, // truncated at the end
      {'a', (byte) 0xFF}, // never valid
    };
    for (byte[] b : bad) {
      assertThatThrownBy(() -> Utf8.decode(b, "note"))
          .isInstanceOf(MalformedInputException.class)
          .hasMessage("note is not valid UTF-8 at byte 1");
    }
  }

  @Test
  void decodesASliceAndCountsFromItsStart() throws Exception {
    byte[] b = "xx\u00fcyy".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.decode(b, 2, 2, "t")).isEqualTo("\u00fc");
    byte[] broken = {'x', 'x', 'o', 'k', (byte) 0xC3};
    assertThatThrownBy(() -> Utf8.decode(broken, 2, 3, "block"))
        .hasMessage("block is not valid UTF-8 at byte 2");
  }
}
