package org.countersign.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The receipt ({@code tlog-proof}) and proof-file parsers decide what an auditor accepts as
 * evidence, so they must be canonical: whatever they accept is exactly what they would write. Over
 * seeded random receipts, every single-character substitution, deletion and insertion in the proof
 * section is either refused or parses to a receipt that formats back to the mutated text itself.
 */
class ReceiptFormatPropertyTest {
  private static final String NOTE =
      "example.org/log\n7\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVowMTIzNDU=\n\n— example.org/log AAAA\n";
  private static final char[] EDITS = {
    '\n', '\r', ' ', '\t', '0', '1', '9', '-', '+', '/', '=', 'A', 'Q', 'a', 'z', 'é', '\u0000'
  };

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void tlogProof_everyMutationOfTheProofSection_isRefusedOrCanonical(long seed) throws Exception {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    TlogProof proof = randomProof(r);
    String text = proof.format();
    assertThat(TlogProof.parse(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(proof);
    int proofSection = text.indexOf("\n\n") + 1;
    int accepted = 0;
    for (String mutant : mutants(text, proofSection)) {
      TlogProof parsed;
      try {
        parsed = TlogProof.parse(mutant.getBytes(StandardCharsets.UTF_8));
      } catch (MalformedInputException e) {
        assertThat(e.getMessage()).isNotBlank();
        continue;
      }
      accepted++;
      assertThat(parsed.format()).as("accepted mutant %s", mutant).isEqualTo(mutant);
    }
    // Some edits keep a valid receipt (a digit of the index, a base64 letter), and they must still
    // round-trip; most are refused.
    assertThat(accepted).isLessThan(mutants(text, proofSection).size());
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14})
  void proofFile_everyMutation_isRefusedOrCanonical(long seed) throws Exception {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    List<Hash> hashes = randomHashes(r, 1 + r.nextInt(5));
    String text = ProofHashes.format(hashes);
    assertThat(ProofHashes.parse(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(hashes);
    for (String mutant : mutants(text, text.length())) {
      List<Hash> parsed;
      try {
        parsed = ProofHashes.parse(mutant.getBytes(StandardCharsets.UTF_8));
      } catch (MalformedInputException e) {
        continue;
      }
      // The one leniency: the final newline may be missing.
      assertThat(ProofHashes.format(parsed)).isIn(mutant, mutant + "\n");
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23})
  void tlogProof_withExtraData_roundTripsAndKeepsIt(long seed) throws Exception {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    byte[] extra = new byte[1 + r.nextInt(40)];
    r.nextBytes(extra);
    TlogProof proof =
        new TlogProof(
            Optional.of(Base64.getEncoder().encodeToString(extra)),
            r.nextLong(0, 1L << 40),
            randomHashes(r, r.nextInt(8)),
            NOTE);
    TlogProof parsed = TlogProof.parse(proof.format().getBytes(StandardCharsets.UTF_8));
    assertThat(parsed).isEqualTo(proof);
    assertThat(parsed.format()).isEqualTo(proof.format());
  }

  private static TlogProof randomProof(RandomGenerator r) {
    long index = r.nextBoolean() ? r.nextLong(0, 100) : r.nextLong(0, Long.MAX_VALUE);
    return new TlogProof(index, randomHashes(r, r.nextInt(6)), NOTE);
  }

  private static List<Hash> randomHashes(RandomGenerator r, int n) {
    List<Hash> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[Hash.SIZE];
      r.nextBytes(b);
      out.add(Hash.of(b));
    }
    return out;
  }

  /** Each position before {@code end}: one substitution, the deletion, and one insertion. */
  private static List<String> mutants(String text, int end) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < end; i++) {
      char sub = EDITS[(i * 7 + text.charAt(i)) % EDITS.length];
      if (sub != text.charAt(i)) {
        out.add(text.substring(0, i) + sub + text.substring(i + 1));
      }
      out.add(text.substring(0, i) + text.substring(i + 1));
      out.add(text.substring(0, i) + EDITS[i % EDITS.length] + text.substring(i));
    }
    return out;
  }
}
