package org.countersign.treaty.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.countersign.treaty.json.CanonicalJson;
import org.countersign.treaty.json.RecordJson;
import org.countersign.treaty.statement.RevealSelection;
import org.countersign.treaty.statement.RevealedItem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RevealPartsTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 100, 3000})
  void jsonSize_equalsTheCodecsCanonicalJson(int n) {
    var d = EscrowFixtures.declaration(n, n);
    for (RevealedItem item : d.open(d.select(RevealSelection.category("icbm")))) {
      int actual =
          CanonicalJson.canonicalize(RecordJson.toTree(item))
              .getBytes(StandardCharsets.UTF_8)
              .length;
      assertThat(RevealParts.jsonSize(item)).as(item.id()).isEqualTo(actual);
    }
  }
}
