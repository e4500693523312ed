package org.countersign.treaty.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.VerifierKey;
import org.junit.jupiter.api.Test;

class FirstKeysTest {
  static final VerifierKey US = key("example.org/us", 1);
  static final VerifierKey RU = key("example.org/ru", 2);

  static VerifierKey key(String name, int n) {
    return VerifierKey.ed25519(name, Hash.sha256(new byte[] {(byte) n}).bytes());
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parse_withCommentsAndAnyOrder_equalsCanonical_andDigestIgnoresLayout() throws Exception {
    String file =
        FirstKeys.HEADER
            + "\n# agreed at the ceremony of 2026-12-01\n\nRU "
            + RU.encode()
            + "\nUS "
            + US.encode()
            + "\n";
    FirstKeys parsed = FirstKeys.parse(bytes(file));
    assertThat(parsed.of("US")).contains(US);
    assertThat(parsed.of("CN")).isEmpty();
    FirstKeys canonical = FirstKeys.of(Map.of("US", US, "RU", RU));
    assertThat(parsed).isEqualTo(canonical);
    assertThat(parsed.digest()).isEqualTo(canonical.digest()).hasSize(64);
    assertThat(FirstKeys.parse(bytes(canonical.format()))).isEqualTo(canonical);
    assertThat(canonical.format())
        .isEqualTo(FirstKeys.HEADER + "\nRU " + RU.encode() + "\nUS " + US.encode() + "\n");
  }

  @Test
  void parse_malformed_refusedNamingTheLine() {
    assertRefused("US " + US.encode() + "\n", "starts with the line");
    assertRefused(FirstKeys.HEADER + "\nUS\n", "line 2");
    assertRefused(FirstKeys.HEADER + "\nUS  " + US.encode() + "\n", "line 2");
    assertRefused(FirstKeys.HEADER + "\nUS not-a-key\n", "line 2: key of US");
    assertRefused(
        FirstKeys.HEADER + "\nUS " + US.encode() + "\nUS " + RU.encode() + "\n", "named twice");
    assertRefused(
        FirstKeys.HEADER + "\nUS " + US.encode() + "\nRU " + US.encode() + "\n",
        "named for both RU and US");
    assertRefused(FirstKeys.HEADER + "\n-US " + US.encode() + "\n", "participant id");
    assertRefused(FirstKeys.HEADER + "\nUS " + US.encode() + "\r\n", "line 2");
    assertThatThrownBy(() -> FirstKeys.parse(new byte[FirstKeys.MAX_BYTES + 1]))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("at most");
    assertThatThrownBy(() -> FirstKeys.parse(new byte[] {(byte) 0xff}))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void none_agreesNoKey() {
    assertThat(FirstKeys.none().isEmpty()).isTrue();
    assertThat(FirstKeys.none().of("US")).isEmpty();
  }

  private static void assertRefused(String file, String messagePart) {
    assertThatThrownBy(() -> FirstKeys.parse(bytes(file)))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining(messagePart);
  }
}
