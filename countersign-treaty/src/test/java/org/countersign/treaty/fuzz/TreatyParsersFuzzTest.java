package org.countersign.treaty.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.countersign.log.MalformedInputException;
import org.countersign.treaty.escrow.EscrowVault;
import org.countersign.treaty.escrow.EscrowVaultException;
import org.countersign.treaty.forces.ForcePostureException;
import org.countersign.treaty.forces.ForcePostureLoader;
import org.countersign.treaty.json.CanonicalJson;
import org.countersign.treaty.json.TreeBinding;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.treaty.statement.AddressedStatement;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.StatementCodec;
import org.jspecify.annotations.Nullable;

/**
 * Fuzz tests of the treaty engine's parsers of outside input: statement texts (what a signed note
 * carries), canonical JSON, treaty YAML files, escrow vault files, the key ceremony's first-keys
 * files and force-posture files.
 *
 * <p>A plain build runs each target on the inputs committed under {@code
 * src/test/resources/org/countersign/treaty/fuzz/TreatyParsersFuzzTestInputs/<target>/}; {@code
 * JAZZER_FUZZ=1 ./mvnw -pl countersign-treaty test -Dtest=TreatyParsersFuzzTest#statement} fuzzes
 * one target (docs/security.md). A parser may only refuse with its documented exception.
 */
class TreatyParsersFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void statement(byte[] input) {
    try {
      AddressedStatement s = StatementCodec.decode(input);
      // One statement, one spelling: what decodes re-encodes to the same bytes.
      assertThat(StatementCodec.encode(s.statement(), s.origin())).isEqualTo(input);
    } catch (InvalidStatementException expected) {
      // refused with a reason
    }
  }

  @FuzzTest(maxDuration = "60s")
  void canonicalJson(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    JsonNode node;
    try {
      node = CanonicalJson.parse(text);
    } catch (IllegalArgumentException expected) {
      return;
    }
    String canonical;
    try {
      canonical = CanonicalJson.canonicalize(node);
    } catch (IllegalArgumentException expected) {
      return; // parsed but has no canonical form (a fraction, an integer out of range)
    }
    // Canonical form is a fixed point.
    assertThat(CanonicalJson.canonicalize(CanonicalJson.parse(canonical))).isEqualTo(canonical);
  }

  /**
   * The one-pass canonical reader accepts a text exactly when the strict parser does and
   * canonicalizing gives the text back, and then holds the same tree.
   */
  @FuzzTest(maxDuration = "60s")
  void canonicalReader(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    @Nullable String canonical;
    try {
      canonical = CanonicalJson.canonicalize(CanonicalJson.parse(text));
    } catch (IllegalArgumentException notCanonicalizable) {
      canonical = null;
    }
    JsonNode read;
    try {
      read = CanonicalJson.parseCanonical(text);
    } catch (IllegalArgumentException refused) {
      assertThat(text).isNotEqualTo(canonical);
      return;
    }
    assertThat(text).isEqualTo(canonical);
    assertThat(CanonicalJson.canonicalize(read)).isEqualTo(text);
  }

  /**
   * The binder of canonical statement bodies accepts exactly what the canonical tree bound by
   * {@code RecordJson.fromTreeExactly} accepts, with the same record: the input's first byte picks
   * a statement kind, the rest is the body.
   */
  @FuzzTest(maxDuration = "60s")
  void canonicalBinder(byte[] input) {
    if (input.length == 0) {
      return;
    }
    var kinds = List.copyOf(StatementCodec.kinds().values());
    Class<? extends Record> type = kinds.get((input[0] & 0xff) % kinds.size());
    String body = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
    TreeBinding.agree(body, type, List.of("kind", StatementCodec.ORIGIN));
  }

  @FuzzTest(maxDuration = "60s")
  void treatyYaml(byte[] input) {
    try {
      TreatyLoader.parse("fuzz.yaml", input);
    } catch (TreatyException expected) {
      // refused, every problem listed
    }
  }

  private static final byte[] VAULT_KEY = new byte[32];

  static {
    Arrays.fill(VAULT_KEY, (byte) 7);
  }

  @FuzzTest(maxDuration = "60s")
  void escrowVault(byte[] input) {
    try {
      EscrowVault.withRawKey(VAULT_KEY.clone()).open(input);
    } catch (EscrowVaultException expected) {
      // refused: not a vault, wrong key or altered
    }
  }

  @FuzzTest(maxDuration = "60s")
  void firstKeys(byte[] input) throws MalformedInputException {
    FirstKeys keys;
    try {
      keys = FirstKeys.parse(input);
    } catch (MalformedInputException expected) {
      return; // refused, naming the line
    }
    // The agreed keys read back the same from the spelling the project writes.
    assertThat(FirstKeys.parse(keys.format().getBytes(StandardCharsets.UTF_8))).isEqualTo(keys);
  }

  @FuzzTest(maxDuration = "60s")
  void forcePosture(byte[] input) {
    try {
      ForcePostureLoader.parse("fuzz.yaml", input);
    } catch (ForcePostureException expected) {
      // refused, every problem listed on one line each
      assertThat(expected.problems()).isNotEmpty();
    }
  }
}
