package org.countersign.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.countersign.treaty.escrow.EscrowDeclaration;
import org.countersign.treaty.escrow.RevealException;
import org.countersign.treaty.escrow.RevealVerifier;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowReveal;
import org.countersign.treaty.statement.RevealSelection;
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
 * Revealing any hundred items of a committed million-item declaration, and verifying the reveal
 * against the published commitment (issue 5's scale bar).
 *
 * <ul>
 *   <li>{@link #revealSample}: the hundred leaves drawn from a joint-draw seed ({@code SAMPLE});
 *   <li>{@link #revealChosen}: a hundred items named by id ({@code CHOSEN}; finds them by a scan);
 *   <li>{@link #verifySample}: what an inspector runs: every part of the sample reveal against the
 *       commitment, with the draw recomputed ({@link RevealVerifier#verifyWhole}).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class EscrowRevealBench {
  private EscrowDeclaration declaration;
  private EscrowCommitment commitment;
  private RevealSelection sample;
  private List<String> chosenIds;
  private List<EscrowReveal> sampleReveal;

  @Setup
  public void setUp() throws RevealException {
    declaration =
        EscrowDeclaration.commit(EscrowWorkload.items(EscrowWorkload.ITEMS), new SecureRandom());
    commitment =
        declaration.commitment(
            EscrowWorkload.TREATY,
            EscrowWorkload.PARTY,
            EscrowWorkload.ISSUED_AT,
            EscrowWorkload.AS_OF,
            "");
    String seed = HexFormat.of().formatHex(Seeded.bytes(Seeded.SEED, 32));
    sample = RevealSelection.sample(seed, EscrowWorkload.REVEALED, "bench-draw");
    SplittableRandom random = new SplittableRandom(Seeded.SEED);
    chosenIds = new ArrayList<>();
    random
        .ints(0, EscrowWorkload.ITEMS)
        .distinct()
        .limit(EscrowWorkload.REVEALED)
        .forEach(i -> chosenIds.add(declaration.items().get(i).id()));
    sampleReveal = revealSample();
    RevealVerifier.verifyWhole(
        commitment, sampleReveal); // a failing reveal would void the benchmark
    int opened = sampleReveal.stream().mapToInt(r -> r.items().size()).sum();
    if (opened != EscrowWorkload.REVEALED) {
      throw new IllegalStateException(
          "the sample reveal opens " + opened + " items, not " + EscrowWorkload.REVEALED);
    }
  }

  /** Opens the hundred drawn leaves: items, salts, inclusion proofs, cut into statement parts. */
  @Benchmark
  public List<EscrowReveal> revealSample() {
    return declaration.reveal(
        EscrowWorkload.TREATY, EscrowWorkload.PARTY, EscrowWorkload.ISSUED_AT, sample);
  }

  /** Opens a hundred items named by id. */
  @Benchmark
  public List<EscrowReveal> revealChosen() {
    return declaration.revealItems(
        EscrowWorkload.TREATY, EscrowWorkload.PARTY, EscrowWorkload.ISSUED_AT, chosenIds);
  }

  /** Verifies all parts of the sample reveal against the commitment. */
  @Benchmark
  public EscrowCommitment verifySample() throws RevealException {
    RevealVerifier.verifyWhole(commitment, sampleReveal);
    return commitment;
  }
}
