package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import org.countersign.treaty.escrow.EscrowItem;

/**
 * Fuzzes the escrow item files (JSON and CSV) a party feeds to {@code escrow commit}. The first
 * input byte picks the format. A plain build runs the committed inputs under {@code
 * src/test/resources/org/countersign/cli/EscrowItemsFileFuzzTestInputs/items/}; {@code
 * JAZZER_FUZZ=1 ./mvnw -pl countersign-cli test -Dtest=EscrowItemsFileFuzzTest} fuzzes. The only
 * refusal allowed is a usage {@link CommandFailure} naming the problem.
 */
class EscrowItemsFileFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void items(byte[] input) {
    if (input.length == 0) {
      return;
    }
    String name = (input[0] & 1) == 0 ? "items.csv" : "items.json";
    byte[] file = Arrays.copyOfRange(input, 1, input.length);
    try {
      List<EscrowItem> items = EscrowItemsFile.parse(name, file);
      assertThat(items).isNotEmpty();
    } catch (CommandFailure expected) {
      assertThat(expected.exitCode()).isEqualTo(ExitCodes.USAGE);
    }
  }
}
