package org.countersign.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;

/**
 * Fuzzes the reading of a server's answer by the audit's plain-http client: whatever a log server
 * sends, the client gets an answer within the cap or an {@link IOException}, never another
 * exception. A plain build runs the committed inputs under {@code
 * src/test/resources/org/countersign/cli/client/PlainHttpGetFuzzTestInputs/answer/}; {@code
 * JAZZER_FUZZ=1 ./mvnw -pl countersign-cli test -Dtest=PlainHttpGetFuzzTest} fuzzes.
 */
class PlainHttpGetFuzzTest {
  private static final URI TARGET = URI.create("http://127.0.0.1:1/tile/0/000");
  private static final int CAP = 4096;

  @FuzzTest(maxDuration = "60s")
  void answer(byte[] input) {
    ByteArrayInputStream in = new ByteArrayInputStream(input);
    int first = in.read();
    if (first < 0) {
      return;
    }
    try {
      PlainHttpGet.Read read = PlainHttpGet.read(in, first, TARGET, CAP);
      assertThat(read.answer().body().length).isLessThanOrEqualTo(CAP);
      assertThat(read.answer().status()).isBetween(200, 999);
    } catch (IOException expected) {
      // a malformed or oversized answer, named in the message
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
