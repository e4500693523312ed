package org.countersign.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.countersign.log.Hash;
import org.junit.jupiter.api.Test;

/** Proofs generated from a plain storage-index map, the way a log's hash store serves them. */
class ProofsTest {
  private static final int N = 1000;

  /** A hash store keyed by storage index, filled the way a log appends. */
  private static Map<Long, Hash> store(int n) {
    MerkleTree tree = TestTrees.tree(n);
    Map<Long, Hash> store = new HashMap<>();
    for (long i = 0; i < NodeId.storedHashCount(n); i++) {
      store.put(i, tree.node(NodeId.fromStorageIndex(i)));
    }
    return store;
  }

  private static HashReader reader(Map<Long, Hash> store, AtomicInteger calls) {
    return indexes -> {
      calls.incrementAndGet();
      List<Hash> out = new ArrayList<>();
      for (long i : indexes) {
        Hash h = store.get(i);
        if (h == null) {
          throw new IOException("no hash at " + i);
        }
        out.add(h);
      }
      return out;
    };
  }

  @Test
  void proofs_fromStorageIndexMap_matchReferenceInOneRead() throws Exception {
    Map<Long, Hash> store = store(N);
    Reference ref = new Reference(Reference.entries(N));
    AtomicInteger calls = new AtomicInteger();
    HashReader reader = reader(store, calls);
    for (int n = 1; n <= N; n += 37) {
      assertThat(Proofs.treeHash(n, reader)).isEqualTo(ref.mth(0, n));
      for (int m = 0; m < n; m += 13) {
        calls.set(0);
        assertThat(Proofs.inclusion(m, n, reader).path()).isEqualTo(ref.path(m, 0, n));
        assertThat(calls).hasValue(n == 1 ? 0 : 1); // one batched read; none for an empty proof
      }
      for (int m = 1; m <= n; m += 11) {
        calls.set(0);
        assertThat(Proofs.consistency(m, n, reader).path()).isEqualTo(ref.proof(m, n));
        assertThat(calls).hasValue(m == n ? 0 : 1);
      }
    }
  }

  @Test
  void proofs_neverReadHashesBeyondTheTreeSize() throws Exception {
    Map<Long, Hash> store = store(100);
    for (int n = 1; n <= 100; n++) {
      long limit = NodeId.storedHashCount(n);
      HashReader bounded =
          indexes -> {
            for (long i : indexes) {
              assertThat(i).isLessThan(limit);
            }
            return reader(store, new AtomicInteger()).readHashes(indexes);
          };
      Proofs.treeHash(n, bounded);
      for (int m = 0; m < n; m++) {
        Proofs.inclusion(m, n, bounded);
        Proofs.consistency(m + 1, n, bounded);
      }
    }
  }

  @Test
  void proofs_readerReturnsWrongCount_throwsIoException() {
    HashReader shortReader = indexes -> List.of(Hash.EMPTY);
    assertThatThrownBy(() -> Proofs.inclusion(3, 10, shortReader))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("returned 1 hashes for");
  }

  @Test
  void proofs_badArguments_throwIllegalArgument() {
    HashReader none = indexes -> List.of();
    assertThatThrownBy(() -> Proofs.inclusion(5, 5, none))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Proofs.inclusion(-1, 5, none))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Proofs.consistency(0, 5, none))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Proofs.consistency(6, 5, none))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Proofs.treeHash(-1, none))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void treeHash_empty_isSha256OfNothing() throws Exception {
    assertThat(Proofs.treeHash(0, indexes -> List.of())).isEqualTo(Hash.EMPTY);
    assertThat(Proofs.consistency(7, 7, indexes -> List.of()).path()).isEmpty();
  }
}
