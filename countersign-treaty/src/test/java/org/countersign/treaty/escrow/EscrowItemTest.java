package org.countersign.treaty.escrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EscrowItemTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void decode_canonicalBytes_roundTrips(long seed) {
    for (EscrowItem item : EscrowFixtures.items(EscrowFixtures.rng(seed), 200)) {
      byte[] bytes = item.canonicalBytes();
      EscrowItem back = EscrowItem.decode(bytes);
      assertThat(back).isEqualTo(item);
      assertThat(back.canonicalBytes()).isEqualTo(bytes);
    }
  }

  @Test
  void canonicalBytes_fieldBoundariesShifted_differ() {
    // Without length prefixes "ab"+"c" and "a"+"bc" would encode alike.
    var a = EscrowItem.of("ab", "c", "deployed", "s", "");
    var b = EscrowItem.of("a", "bc", "deployed", "s", "");
    assertThat(a.canonicalBytes()).isNotEqualTo(b.canonicalBytes());
  }

  @Test
  void canonicalBytes_distinctItems_allDistinct() {
    var seen = new HashSet<String>();
    for (EscrowItem item : EscrowFixtures.items(EscrowFixtures.rng(9), 2000)) {
      assertThat(seen.add(Arrays.toString(item.canonicalBytes()))).isTrue();
    }
  }

  @Test
  void canonicalBytes_attributeOrder_isKeyOrder() {
    var a = new EscrowItem("x", "icbm", "deployed", "s", "", Map.of("b", 1L, "a", 2L));
    var b =
        new EscrowItem(
            "x",
            "icbm",
            "deployed",
            "s",
            "",
            new java.util.LinkedHashMap<>(Map.of("a", 2L, "b", 1L)));
    assertThat(a.canonicalBytes()).isEqualTo(b.canonicalBytes());
    assertThat(a.attributes().keySet()).containsExactly("a", "b");
  }

  @Test
  void decode_trailingByte_refused() {
    byte[] bytes = EscrowItem.of("x", "icbm", "deployed", "s", "").canonicalBytes();
    // Bytes after the attributes can only be a stated type: one stray byte is a truncated one.
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> EscrowItem.decode(longer)).hasMessage("truncated length of type");
    byte[] typed =
        new EscrowItem("x", "icbm", "deployed", "s", "", Map.of(), "b-52h").canonicalBytes();
    byte[] typedLonger = Arrays.copyOf(typed, typed.length + 1);
    assertThatThrownBy(() -> EscrowItem.decode(typedLonger))
        .hasMessage("1 trailing bytes after the item encoding");
  }

  @Test
  void decode_everyTruncation_refused() {
    byte[] bytes =
        new EscrowItem("x1", "icbm", "deployed", "s", "z", Map.of("reentry-vehicles", 4L))
            .canonicalBytes();
    for (int len = 0; len < bytes.length; len++) {
      byte[] cut = Arrays.copyOf(bytes, len);
      assertThatThrownBy(() -> EscrowItem.decode(cut)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void decode_attributesOutOfOrder_refused() {
    var buf = ByteBuffer.allocate(200);
    for (String s : new String[] {"x", "icbm", "deployed", "s", ""}) {
      buf.putInt(s.length()).put(s.getBytes(StandardCharsets.UTF_8));
    }
    buf.putInt(2);
    buf.putInt(1).put("b".getBytes(StandardCharsets.UTF_8)).putLong(1);
    buf.putInt(1).put("a".getBytes(StandardCharsets.UTF_8)).putLong(1);
    byte[] bytes = Arrays.copyOf(buf.array(), buf.position());
    assertThatThrownBy(() -> EscrowItem.decode(bytes))
        .hasMessage("attribute names must be strictly ascending: \"a\" after \"b\"");
  }

  @Test
  void decode_negativeAttribute_refused() {
    var buf = ByteBuffer.allocate(200);
    for (String s : new String[] {"x", "icbm", "deployed", "s", ""}) {
      buf.putInt(s.length()).put(s.getBytes(StandardCharsets.UTF_8));
    }
    buf.putInt(1).putInt(1).put("a".getBytes(StandardCharsets.UTF_8)).putLong(-1);
    byte[] bytes = Arrays.copyOf(buf.array(), buf.position());
    assertThatThrownBy(() -> EscrowItem.decode(bytes))
        .hasMessage("item x: attributes.a must be an integer in 0..9007199254740991, got -1");
  }

  @Test
  void constructor_badFields_namesFieldAndValue() {
    assertThatThrownBy(() -> EscrowItem.of("", "icbm", "deployed", "s", ""))
        .hasMessageContaining("item id must be 1-128 characters");
    assertThatThrownBy(() -> EscrowItem.of("x", "ICBM", "deployed", "s", ""))
        .hasMessage(
            "item x: category must be lowercase kebab-case of at most 64 characters, got \"ICBM\"");
    assertThatThrownBy(() -> EscrowItem.of("x", "icbm", "deployed", "bad site", ""))
        .hasMessageStartingWith("item x: site must be");
  }
}
