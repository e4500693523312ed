package org.countersign.treaty.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.countersign.log.Hash;
import org.junit.jupiter.api.Test;

class DrawStreamTest {
  private static final Hash SEED =
      Hash.sha256("draw-stream-test".getBytes(StandardCharsets.US_ASCII));

  @Test
  void nextLong_isTheDocumentedCounterModeExpansion() throws Exception {
    var stream = new DrawStream(SEED);
    for (long block = 0; block < 3; block++) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update("countersign/inspection/stream/v1\0".getBytes(StandardCharsets.US_ASCII));
      md.update(SEED.bytes());
      md.update(ByteBuffer.allocate(8).putLong(block).array());
      ByteBuffer words = ByteBuffer.wrap(md.digest());
      for (int w = 0; w < 4; w++) {
        assertThat(stream.nextLong()).isEqualTo(words.getLong());
      }
    }
  }

  @Test
  void nextBelow_hugeBound_noModuloBias() {
    // bound = 3 * 2^61, so 2^64 mod bound = 2^62: under plain "x mod bound" the results below 2^62
    // have three 64-bit preimages and the rest two, putting 3/4 of the draws below 2^62. Uniform
    // draws put 2^62 / bound = 2/3 there.
    long bound = 3L << 61;
    var stream = new DrawStream(SEED);
    int draws = 30_000;
    int low = 0;
    for (int i = 0; i < draws; i++) {
      long x = stream.nextBelow(bound);
      assertThat(x).isBetween(0L, bound - 1);
      if (x < (1L << 62)) {
        low++;
      }
    }
    // Binomial(30000, 2/3): sd ~ 82, so +-500 is over 6 sd; modulo bias would give ~22,500.
    assertThat(low).isBetween(20_000 - 500, 20_000 + 500);
  }

  @Test
  void nextBelow_smallBounds_passChiSquare() {
    var stream = new DrawStream(SEED);
    for (int bound : new int[] {2, 3, 7, 10, 100}) {
      int draws = 200 * bound;
      long[] counts = new long[bound];
      for (int i = 0; i < draws; i++) {
        counts[(int) stream.nextBelow(bound)]++;
      }
      double expected = (double) draws / bound;
      double chi2 = 0;
      for (long c : counts) {
        chi2 += (c - expected) * (c - expected) / expected;
      }
      // Fixed seed, so deterministic; the bound is the 99.99% quantile for bound-1 degrees of
      // freedom (approximated by df + 4.5 sqrt(2 df) + 10), generous but able to catch a bias.
      int df = bound - 1;
      assertThat(chi2).as("bound %d", bound).isLessThan(df + 4.5 * Math.sqrt(2.0 * df) + 10);
    }
  }

  @Test
  void nextBelow_one_isAlwaysZero() {
    var stream = new DrawStream(SEED);
    for (int i = 0; i < 10; i++) {
      assertThat(stream.nextBelow(1)).isZero();
    }
  }

  @Test
  void nextBelow_zero_refused() {
    assertThatThrownBy(() -> new DrawStream(SEED).nextBelow(0))
        .hasMessage("bound must be at least 1, got 0");
  }
}
