package org.countersign.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class HashTest {
  private static final String EMPTY_B64 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

  @Test
  void empty_isSha256OfNothing() {
    assertThat(Hash.EMPTY.hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(Hash.EMPTY.base64()).isEqualTo(EMPTY_B64);
  }

  @Test
  void fromBase64_roundTrips() throws Exception {
    assertThat(Hash.fromBase64(EMPTY_B64)).isEqualTo(Hash.EMPTY);
  }

  @Test
  void fromBase64_unpadded33Bytes_throws() {
    // 44 characters of base64 without padding decode to 33 bytes: a length check alone misses it.
    String unpadded = Base64.getEncoder().withoutPadding().encodeToString(new byte[33]);
    assertThat(unpadded).hasSize(44);
    assertThatThrownBy(() -> Hash.fromBase64(unpadded))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("33");
  }

  @Test
  void fromBase64_nonCanonicalPaddingBits_throws() {
    // The last character before '=' carries 2 unused bits; setting them gives a second spelling.
    String tweaked = EMPTY_B64.substring(0, 42) + "V=";
    assertThatThrownBy(() -> Hash.fromBase64(tweaked)).isInstanceOf(MalformedInputException.class);
  }

  @Test
  void fromBase64_wrongLength_throws() {
    assertThatThrownBy(() -> Hash.fromBase64("AAAA")).isInstanceOf(MalformedInputException.class);
  }

  @Test
  void fromHex_uppercase_throws() {
    assertThatThrownBy(() -> Hash.fromHex(Hash.EMPTY.hex().toUpperCase(java.util.Locale.ROOT)))
        .isInstanceOf(MalformedInputException.class);
  }

  @Test
  void bytes_areCopiedOnInputAndOutput() {
    byte[] raw = new byte[32];
    Hash h = Hash.of(raw);
    raw[0] = 1;
    h.bytes()[1] = 1;
    assertThat(h.bytes()).containsOnly(0);
  }

  @Test
  void of_wrongLength_throws() {
    assertThatThrownBy(() -> Hash.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }
}
