package org.countersign.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.countersign.log.Hash;
import org.junit.jupiter.api.Test;

class Rfc6962Test {
  /** The eight leaves of the RFC 6962 test tree used by Certificate Transparency and Trillian. */
  private static final String[] RFC_LEAVES = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f"
  };

  @Test
  void emptyTree_rootIsSha256OfNothing() throws Exception {
    assertThat(Rfc6962.rootOf(List.of()))
        .isEqualTo(
            Hash.fromHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  }

  @Test
  void leafHash_emptyEntry_isSha256OfZeroByte() throws Exception {
    assertThat(Rfc6962.leafHash(new byte[0]))
        .isEqualTo(
            Hash.fromHex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"));
  }

  @Test
  void rootOf_rfcTestTree_matchesPublishedRoot() throws Exception {
    List<Hash> leaves = new ArrayList<>();
    for (String hex : RFC_LEAVES) {
      leaves.add(Rfc6962.leafHash(java.util.HexFormat.of().parseHex(hex)));
    }
    // The root of the 8-leaf tree, as in transparency-dev/merkle's inclusion/1/happy-path.json.
    assertThat(Rfc6962.rootOf(leaves))
        .isEqualTo(Hash.fromBase64("XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg="));
    assertThat(Rfc6962.rootOf(leaves.subList(0, 1))).isEqualTo(leaves.get(0));
    assertThat(Rfc6962.rootOf(leaves.subList(0, 2)))
        .isEqualTo(Rfc6962.nodeHash(leaves.get(0), leaves.get(1)));
  }

  @Test
  void nodeHash_flatAndObjectForms_agreeAndMayOverwriteInput() {
    Hash a = Rfc6962.leafHash(new byte[] {1});
    Hash b = Rfc6962.leafHash(new byte[] {2});
    byte[] buf = new byte[64];
    a.copyTo(buf, 0);
    b.copyTo(buf, 32);
    Rfc6962.nodeHash(buf, 0, buf, 32, buf, 0);
    assertThat(Hash.of(buf, 0)).isEqualTo(Rfc6962.nodeHash(a, b));
    assertThat(Rfc6962.nodeHash(a, b)).isNotEqualTo(Rfc6962.nodeHash(b, a));
  }

  @Test
  void rootOf_flatRangeOfAnySize_matchesListForm() {
    List<Hash> leaves = TestTrees.leafHashes(300);
    byte[] flat = new byte[300 * 32 + 7];
    for (int i = 0; i < 300; i++) {
      leaves.get(i).copyTo(flat, 7 + i * 32);
    }
    byte[] before = flat.clone();
    for (int n = 1; n <= 300; n++) {
      assertThat(Rfc6962.rootOf(flat, 7, n)).isEqualTo(Rfc6962.rootOf(leaves.subList(0, n)));
    }
    assertThat(flat).isEqualTo(before);
    assertThatThrownBy(() -> Rfc6962.rootOf(flat, 7, 301))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rfc6962.rootOf(flat, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void leafHash_slice_equalsCopy() {
    byte[] data = "xxhelloyy".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(Rfc6962.leafHash(data, 2, 5))
        .isEqualTo(Rfc6962.leafHash("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }

  @Test
  void hashing_manyThreads_agreesWithOneThread() throws Exception {
    List<Hash> leaves = TestTrees.leafHashes(2000);
    Hash expected = Rfc6962.rootOf(leaves);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Hash>> results = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        results.add(pool.submit(() -> Rfc6962.rootOf(TestTrees.leafHashes(2000))));
      }
      for (Future<Hash> f : results) {
        assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
