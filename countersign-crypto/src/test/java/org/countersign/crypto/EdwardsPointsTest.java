package org.countersign.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The width-w non-adjacent form the double-scalar multiplication walks. */
class EdwardsPointsTest {
  private static final BigInteger BELOW = BigInteger.ONE.shiftLeft(253);

  @Test
  void wnaf_randomScalars_digitsSumToTheScalarAndKeepTheirForm() {
    SplittableRandom random = new SplittableRandom(0x3A5F);
    for (int n = 0; n < 2_000; n++) {
      byte[] le = new byte[32];
      random.nextBytes(le);
      le[31] &= (byte) (n % 3 == 0 ? 0x1F : 0x0F); // below 2^253; some near the top
      if (n % 7 == 0) {
        java.util.Arrays.fill(le, 0, 31, (byte) 0xFF); // long runs of ones carry furthest
      }
      for (int width : new int[] {EdwardsPoints.KEY_WIDTH, EdwardsPoints.BASE_WIDTH}) {
        assertForm(le, width);
      }
    }
  }

  @Test
  void wnaf_zeroAndLargestScalar() {
    assertForm(new byte[32], EdwardsPoints.BASE_WIDTH);
    byte[] top = new byte[32];
    java.util.Arrays.fill(top, (byte) 0xFF);
    top[31] = 0x1F; // 2^253 - 1
    assertForm(top, EdwardsPoints.KEY_WIDTH);
    assertForm(top, EdwardsPoints.BASE_WIDTH);
  }

  @Test
  void wnaf_scalarOfMoreThan253Bits_refused() {
    byte[] big = new byte[32];
    java.util.Arrays.fill(big, (byte) 0xFF);
    assertThatThrownBy(() -> EdwardsPoints.wnaf(big, EdwardsPoints.KEY_WIDTH))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertForm(byte[] le, int width) {
    BigInteger scalar = new BigInteger(1, reversed(le));
    assertThat(scalar).isLessThan(BELOW);
    byte[] naf = EdwardsPoints.wnaf(le, width);
    assertThat(naf).hasSize(EdwardsPoints.CHUNKS * EdwardsPoints.CHUNK_BITS);
    BigInteger sum = BigInteger.ZERO;
    int lastNonZero = -width;
    for (int i = 0; i < naf.length; i++) {
      int d = naf[i];
      if (d == 0) {
        continue;
      }
      assertThat(d & 1).as("digit %d of %s is odd", i, scalar).isEqualTo(1);
      assertThat(Math.abs(d)).isLessThan(1 << (width - 1));
      assertThat(i - lastNonZero).as("gap before digit %d", i).isGreaterThanOrEqualTo(width);
      lastNonZero = i;
      sum = sum.add(BigInteger.valueOf(d).shiftLeft(i));
    }
    assertThat(sum).isEqualTo(scalar);
  }

  private static byte[] reversed(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }
}
