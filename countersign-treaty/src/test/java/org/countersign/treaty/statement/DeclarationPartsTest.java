package org.countersign.treaty.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeclarationPartsTest {
  private static final Instant T = Instant.parse("2023-03-29T12:00:00Z");
  private static final LocalDate AS_OF = LocalDate.parse("2023-03-01");

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 400, 401, 2500})
  void split_anyInventory_partsFitTheCapAndKeepEveryItemInOrder(int n) throws Exception {
    var items = new ArrayList<DeclaredItem>();
    for (int i = 0; i < n; i++) {
      items.add(
          new DeclaredItem(
              String.format("US-ICBM-%05d", i),
              "icbm",
              "deployed",
              "US-icbm-base-1",
              "",
              Map.of("warheads", (long) (i % 4))));
    }
    List<Declaration> parts = DeclarationParts.split("new-start", "US", T, AS_OF, items);
    var back = new ArrayList<DeclaredItem>();
    for (int i = 0; i < parts.size(); i++) {
      Declaration d = parts.get(i);
      assertThat(d.part()).isEqualTo(i + 1);
      assertThat(d.parts()).isEqualTo(parts.size());
      String text = StatementCodec.encodeText(d, "countersign.local/new-start");
      assertThat(StatementCodec.decodeText(text)).isEqualTo(d);
      back.addAll(d.items());
    }
    assertThat(back).isEqualTo(items);
    if (n == 2500) {
      assertThat(parts.size()).isGreaterThan(1);
      // Greedy packing: every part but the last is nearly full, addressed to the longest origin.
      assertThat(StatementCodec.encode(parts.get(0), StatementCodec.WIDEST_ORIGIN).length)
          .isGreaterThan(StatementCodec.MAX_TEXT_BYTES - 200);
    }
  }
}
