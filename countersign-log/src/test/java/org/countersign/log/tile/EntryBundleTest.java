package org.countersign.log.tile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;
import org.countersign.log.MalformedInputException;
import org.junit.jupiter.api.Test;

class EntryBundleTest {
  @Test
  void encode_twoEntries_prefixesBigEndianLengths() {
    byte[] bundle = EntryBundle.encode(List.of(new byte[] {1, 2, 3}, new byte[0]));
    assertThat(HexFormat.of().formatHex(bundle)).isEqualTo("00030102030000");
    byte[] big = new byte[0x1234];
    assertThat(EntryBundle.encode(List.of(big))).startsWith(0x12, 0x34);
  }

  @Test
  void decode_randomBundles_roundTrip() throws Exception {
    RandomGenerator rnd = TestTiles.random(12);
    for (int k = 0; k < 300; k++) {
      int n = 1 + rnd.nextInt(256);
      List<byte[]> entries = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        byte[] e = new byte[rnd.nextInt(k == 0 ? 65_536 : 200)];
        rnd.nextBytes(e);
        entries.add(e);
      }
      List<byte[]> back = EntryBundle.decode(EntryBundle.encode(entries), n);
      assertThat(back).hasSize(n);
      for (int i = 0; i < n; i++) {
        assertThat(back.get(i)).isEqualTo(entries.get(i));
      }
    }
  }

  @Test
  void encode_outOfBounds_throws() {
    assertThatThrownBy(() -> EntryBundle.encode(List.of())).hasMessageContaining("1..256");
    List<byte[]> tooMany = new ArrayList<>();
    for (int i = 0; i < 257; i++) {
      tooMany.add(new byte[1]);
    }
    assertThatThrownBy(() -> EntryBundle.encode(tooMany)).hasMessageContaining("1..256");
    assertThatThrownBy(() -> EntryBundle.encode(List.of(new byte[65_536])))
        .hasMessageContaining("at most 65535");
    assertThat(EntryBundle.encode(List.of(new byte[65_535]))).hasSize(65_537);
  }

  @Test
  void decode_truncatedLength_throws() {
    assertThatThrownBy(() -> EntryBundle.decode(HexFormat.of().parseHex("000101" + "00"), 2))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("ends after 1 of 2 entries");
  }

  @Test
  void decode_truncatedBody_throws() {
    assertThatThrownBy(() -> EntryBundle.decode(HexFormat.of().parseHex("0005010203"), 1))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("claims 5 bytes but only 3 remain");
  }

  @Test
  void decode_trailingBytes_throws() {
    assertThatThrownBy(() -> EntryBundle.decode(HexFormat.of().parseHex("00010100"), 1))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("1 bytes after its 1 entries");
  }

  @Test
  void decode_moreEntriesThanExpected_throws() {
    byte[] three = EntryBundle.encode(List.of(new byte[] {1}, new byte[] {2}, new byte[] {3}));
    assertThatThrownBy(() -> EntryBundle.decode(three, 2))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("after its 2 entries");
    assertThatThrownBy(() -> EntryBundle.decode(three, 4))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("ends after 3 of 4");
  }

  @Test
  void decode_empty_throws() {
    assertThatThrownBy(() -> EntryBundle.decode(new byte[0], 1))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("ends after 0 of 1");
    assertThatThrownBy(() -> EntryBundle.decode(new byte[0], 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decode_overCap_throws() {
    assertThatThrownBy(() -> EntryBundle.decode(new byte[EntryBundle.MAX_BUNDLE_SIZE + 1], 256))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("exceeds the cap");
  }
}
