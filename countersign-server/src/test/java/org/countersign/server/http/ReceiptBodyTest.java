package org.countersign.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.countersign.log.Hash;
import org.countersign.server.publish.PublishedCheckpoint;
import org.countersign.server.publish.Receipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The submission answer written by hand around the checkpoint escaped once per batch is, byte for
 * byte, what Jackson writes for the same object tree (the answer clients have always parsed).
 */
class ReceiptBodyTest {
  private static Hash hash(int seed) {
    return Hash.sha256(("hash " + seed).getBytes(StandardCharsets.UTF_8));
  }

  /** The answer as Jackson writes it: the reference. */
  private static byte[] reference(
      Hash identity, long index, Hash leafHash, List<Hash> path, PublishedCheckpoint c, boolean dup)
      throws Exception {
    Receipt receipt = new Receipt(index, c.size(), leafHash, path, c.note());
    ObjectNode body = Json.object();
    body.put("status", "integrated");
    body.put("index", index);
    body.put("identity", identity.hex());
    body.put("leafHash", leafHash.base64());
    body.put("duplicate", dup);
    body.put("treeSize", c.size());
    body.put("checkpoint", c.note());
    body.set("inclusionProof", Json.base64(path));
    body.put("receipt", receipt.text());
    return Json.MAPPER.writeValueAsBytes(body);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "log.example/a\n12\nq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJ/+A=\n\n— log.example/a AAAA\n",
        "quote \" backslash \\ tab \t é ж 中 \u2028 \uD83D\uDE00 ctrl \u0001\n",
        "\n"
      })
  void receiptBody_anyNoteAndPath_isJacksonsBytes(String note) throws Exception {
    for (int proofLength : new int[] {0, 1, 5}) {
      List<Hash> path = new ArrayList<>();
      for (int i = 0; i < proofLength; i++) {
        path.add(hash(i));
      }
      PublishedCheckpoint c = new PublishedCheckpoint(40, hash(99), note);
      for (boolean dup : new boolean[] {false, true}) {
        byte[] mine =
            SubmissionRoutes.receiptBody(
                hash(7),
                39,
                hash(8),
                path,
                new SubmissionRoutes.EscapedCheckpoint(c, Json.string(note)),
                dup);
        byte[] jackson = reference(hash(7), 39, hash(8), path, c, dup);
        // As text first, for a readable difference; then the bytes.
        assertThat(new String(mine, StandardCharsets.UTF_8))
            .isEqualTo(new String(jackson, StandardCharsets.UTF_8));
        assertThat(mine).isEqualTo(jackson);
      }
    }
  }

  @Test
  void receiptBody_indexOutsideTheTree_refusedAsTheReceiptIs() {
    PublishedCheckpoint c = new PublishedCheckpoint(3, hash(1), "n\n");
    var escaped = new SubmissionRoutes.EscapedCheckpoint(c, Json.string(c.note()));
    assertThatThrownBy(
            () -> SubmissionRoutes.receiptBody(hash(1), 3, hash(2), List.of(), escaped, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index must be in [0, 3)");
  }
}
