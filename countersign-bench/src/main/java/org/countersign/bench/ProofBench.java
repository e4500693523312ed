package org.countersign.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.countersign.log.Hash;
import org.countersign.log.ProofException;
import org.countersign.log.merkle.ConsistencyProof;
import org.countersign.log.merkle.InclusionProof;
import org.countersign.log.merkle.MerkleTree;
import org.countersign.log.merkle.ProofVerifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inclusion and consistency proofs at a tree of one million leaves: generation from the stored
 * hashes of a {@link MerkleTree} and verification with {@link ProofVerifier}.
 *
 * <p>The tree has 1,000,000 leaves, not a power of two, so proofs take every shape (left-full
 * subtrees, lone right nodes, recomputed roots of earlier sizes). Each operation takes the next of
 * {@value #CASES} precomputed random leaf indexes or old sizes, so the branch predictor and caches
 * see a realistic mix rather than one proof repeated.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ProofBench {
  /** Leaves in the tree. */
  public static final int TREE_SIZE = 1_000_000;

  private static final int CASES = 4096; // a power of two: the cursor wraps with a mask

  private MerkleTree tree;
  private Hash root;
  private long[] leafIndexes;
  private long[] oldSizes;
  private Hash[] leafHashes;
  private Hash[] oldRoots;
  private InclusionProof[] inclusionProofs;
  private ConsistencyProof[] consistencyProofs;
  private int cursor;

  @Setup
  public void setUp() throws ProofException {
    List<Hash> leaves = Seeded.leafHashes(TREE_SIZE);
    tree = MerkleTree.of(leaves);
    root = tree.root();
    SplittableRandom random = new SplittableRandom(Seeded.SEED);
    leafIndexes = new long[CASES];
    oldSizes = new long[CASES];
    leafHashes = new Hash[CASES];
    oldRoots = new Hash[CASES];
    inclusionProofs = new InclusionProof[CASES];
    consistencyProofs = new ConsistencyProof[CASES];
    for (int i = 0; i < CASES; i++) {
      leafIndexes[i] = random.nextLong(TREE_SIZE);
      oldSizes[i] = 1 + random.nextLong(TREE_SIZE);
      leafHashes[i] = leaves.get((int) leafIndexes[i]);
      oldRoots[i] = tree.root(oldSizes[i]);
      inclusionProofs[i] = tree.inclusionProof(leafIndexes[i], TREE_SIZE);
      consistencyProofs[i] = tree.consistencyProof(oldSizes[i], TREE_SIZE);
      // A benchmark of a verifier that throws would measure exception handling: check up front.
      ProofVerifier.verifyInclusion(inclusionProofs[i], leafHashes[i], root);
      ProofVerifier.verifyConsistency(consistencyProofs[i], oldRoots[i], root);
    }
  }

  private int next() {
    int i = cursor;
    cursor = (i + 1) & (CASES - 1);
    return i;
  }

  /** Reads the path of a random leaf out of the stored subtree hashes. */
  @Benchmark
  public InclusionProof inclusionGenerate() {
    return tree.inclusionProof(leafIndexes[next()], TREE_SIZE);
  }

  /** Checks a 20-hash inclusion path against the root: about 20 node hashes. */
  @Benchmark
  public Hash inclusionVerify() throws ProofException {
    int i = next();
    ProofVerifier.verifyInclusion(inclusionProofs[i], leafHashes[i], root);
    return root;
  }

  /** Reads the consistency path from a random older size to the full tree. */
  @Benchmark
  public ConsistencyProof consistencyGenerate() {
    return tree.consistencyProof(oldSizes[next()], TREE_SIZE);
  }

  /** Checks a consistency proof: recomputes both roots from the path. */
  @Benchmark
  public Hash consistencyVerify() throws ProofException {
    int i = next();
    ProofVerifier.verifyConsistency(consistencyProofs[i], oldRoots[i], root);
    return root;
  }
}
