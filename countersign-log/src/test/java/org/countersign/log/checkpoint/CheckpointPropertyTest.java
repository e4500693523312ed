package org.countersign.log.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random checkpoints: parse and format are inverse, and parse accepts no other spelling. */
class CheckpointPropertyTest {
  private static final String ALPHABET = "abcz09./-_:+= é—中\uD83D\uDE00";
  private static final char[] MUTATIONS = {
    '0', '1', '9', '-', '+', ' ', '\n', '\r', '=', 'A', '/', 'x', '\t'
  };

  static List<Long> seeds() {
    List<Long> seeds = new ArrayList<>();
    for (long s = 1; s <= 200; s++) {
      seeds.add(s * 0xBF58476D1CE4E5B9L);
    }
    return seeds;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void formatOfParse_randomCheckpoint_isIdentity(long seed) throws Exception {
    Checkpoint c = random(RandomGeneratorFactory.of("L64X128MixRandom").create(seed));
    String body = c.body();
    Checkpoint parsed = Checkpoint.parse(body);
    assertThat(parsed).isEqualTo(c);
    assertThat(parsed.body()).isEqualTo(body);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void parse_randomlyMutatedBody_acceptsOnlyCanonicalSpellings(long seed) {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    String body = random(r).body();
    for (int i = 0; i < 20; i++) {
      StringBuilder b = new StringBuilder(body);
      int at = r.nextInt(b.length());
      char ch = MUTATIONS[r.nextInt(MUTATIONS.length)];
      switch (r.nextInt(3)) {
        case 0 -> b.setCharAt(at, ch);
        case 1 -> b.insert(at, ch);
        default -> b.deleteCharAt(at);
      }
      String mutated = b.toString();
      try {
        assertThat(Checkpoint.parse(mutated).body()).as("accepted %s", mutated).isEqualTo(mutated);
      } catch (MalformedInputException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      } catch (IllegalArgumentException e) {
        throw new AssertionError("parse must throw MalformedInputException only: " + mutated, e);
      }
    }
  }

  static Checkpoint random(RandomGenerator r) {
    byte[] root = new byte[32];
    r.nextBytes(root);
    long size =
        switch (r.nextInt(4)) {
          case 0 -> 0;
          case 1 -> r.nextLong(256);
          case 2 -> Long.MAX_VALUE - r.nextLong(3);
          default -> r.nextLong(Long.MAX_VALUE);
        };
    List<String> ext = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      ext.add(randomLine(r));
    }
    return new Checkpoint(randomLine(r), size, Hash.of(root), ext);
  }

  private static String randomLine(RandomGenerator r) {
    int[] cps = ALPHABET.codePoints().toArray();
    StringBuilder b = new StringBuilder();
    for (int n = r.nextInt(1, 40); n > 0; n--) {
      b.appendCodePoint(cps[r.nextInt(cps.length)]);
    }
    return b.toString();
  }
}
