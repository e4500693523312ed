package org.countersign.server.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.countersign.log.Hash;
import org.junit.jupiter.api.Test;

class ReceiptTest {
  static final Hash A = Hash.sha256(new byte[] {1});
  static final Hash B = Hash.sha256(new byte[] {2});

  @Test
  void text_followsTlogProofLayout() {
    String note = "example.test/log\n3\n" + A.base64() + "\n\n\u2014 example.test/log AAAA\n";
    Receipt r = new Receipt(2, 3, A, List.of(A, B), note);
    assertThat(r.text())
        .isEqualTo(
            "c2sp.org/tlog-proof@v1\nindex 2\n" + A.base64() + "\n" + B.base64() + "\n\n" + note);
  }

  @Test
  void text_oneEntryTree_hasNoProofLines() {
    String note = "o\n1\n" + A.base64() + "\n\n\u2014 o AAAA\n";
    assertThat(new Receipt(0, 1, A, List.of(), note).text())
        .isEqualTo("c2sp.org/tlog-proof@v1\nindex 0\n\n" + note);
  }

  @Test
  void new_indexOutsideTree_throws() {
    assertThatThrownBy(() -> new Receipt(3, 3, A, List.of(), "x\n")).hasMessageContaining("[0, 3)");
  }
}
