package org.countersign.treaty.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.countersign.treaty.json.TextMutations;
import org.countersign.treaty.json.TreeBinding;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-pass decoding of a statement ({@link StatementCodec#decodeCanonical}) against the long
 * way it short-cuts ({@link StatementCodec#decodeByReencoding}: parse, bind, encode again,
 * compare). Whatever the one-pass reading accepts, the long way must accept as the same statement;
 * every valid encoding must be accepted by it (or the short cut buys nothing); and over thousands
 * of mutated texts of every kind it must never accept one the long way refuses.
 */
class StatementCodecDifferentialTest {
  private static final String ORIGIN = "countersign.local/new-start";
  private static final int MUTATIONS = 400;

  static List<Statement> samples() {
    List<Statement> all = new ArrayList<>(Statements.samples());
    all.addAll(EscrowAndInspectionStatementsTest.samples());
    return all;
  }

  @ParameterizedTest
  @MethodSource("samples")
  void decodeCanonical_validEncoding_sameStatementAsTheLongWay(Statement s) throws Exception {
    String text = StatementCodec.encodeText(s, ORIGIN);
    AddressedStatement fast = StatementCodec.decodeCanonical(text);
    assertThat(fast).isNotNull().isEqualTo(StatementCodec.decodeByReencoding(text));
    assertThat(fast.statement()).isEqualTo(s);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void decodeCanonical_mutatedTexts_neverAcceptsWhatTheLongWayRefuses(Statement s) {
    String text = StatementCodec.encodeText(s, ORIGIN);
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(text.hashCode());
    int refused = 0;
    for (int i = 0; i < MUTATIONS; i++) {
      String m = TextMutations.mutate(r, text);
      AddressedStatement fast = StatementCodec.decodeCanonical(m);
      AddressedStatement slow;
      try {
        slow = StatementCodec.decodeByReencoding(m);
      } catch (InvalidStatementException e) {
        assertThat(fast)
            .as("accepted %s, which the long way refuses: %s", m, e.getMessage())
            .isNull();
        refused++;
        continue;
      }
      if (fast != null) {
        assertThat(fast).as(m).isEqualTo(slow);
      }
    }
    assertThat(refused).isGreaterThan(MUTATIONS / 2);
  }

  /**
   * The one-pass reading the binder replaced, the reference for {@link
   * #decodeCanonical_mutatedTexts_sameAnswersAsTheTreeReading}: the same checks of the text's
   * shape, then the canonical tree of its body, bound by {@code RecordJson.fromTreeExactly}.
   */
  static @Nullable AddressedStatement decodeCanonicalByTree(String text) {
    if (text.length() > StatementCodec.MAX_TEXT_BYTES
        || !text.startsWith(StatementCodec.HEADER_PREFIX)
        || text.indexOf('\u007f') >= 0) {
      return null;
    }
    int headerEnd = text.indexOf('\n');
    if (headerEnd < 0
        || text.charAt(text.length() - 1) != '\n'
        || text.indexOf('\n', headerEnd + 1) != text.length() - 1) {
      return null;
    }
    String headerKind = text.substring(StatementCodec.HEADER_PREFIX.length(), headerEnd);
    Class<? extends Record> type = StatementCodec.kinds().get(headerKind);
    if (type == null
        || text.getBytes(StandardCharsets.UTF_8).length > StatementCodec.MAX_TEXT_BYTES) {
      return null;
    }
    var bound =
        TreeBinding.read(
            text.substring(headerEnd + 1, text.length() - 1),
            type,
            List.of("kind", StatementCodec.ORIGIN));
    if (bound == null || !bound.envelope().get(0).equals(headerKind)) {
      return null;
    }
    try {
      return new AddressedStatement(
          Fields.origin(StatementCodec.ORIGIN, bound.envelope().get(1)), (Statement) bound.value());
    } catch (IllegalArgumentException refused) {
      return null;
    }
  }

  /**
   * The binder ({@link StatementCodec#decodeCanonical}) against the tree reading it replaced: on
   * every valid encoding and thousands of mutated texts of every kind, the same statement or the
   * same refusal.
   */
  @ParameterizedTest
  @MethodSource("samples")
  void decodeCanonical_mutatedTexts_sameAnswersAsTheTreeReading(Statement s) {
    String text = StatementCodec.encodeText(s, ORIGIN);
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(~text.hashCode());
    int accepted = 0;
    for (int i = 0; i <= MUTATIONS; i++) {
      String m =
          i == 0
              ? text
              : TextMutations.mutate(r, i % 5 == 0 ? TextMutations.mutate(r, text) : text);
      AddressedStatement byTree = decodeCanonicalByTree(m);
      assertThat(StatementCodec.decodeCanonical(m)).as(m).isEqualTo(byTree);
      if (byTree != null) {
        accepted++;
      }
    }
    assertThat(accepted).isPositive();
  }

  @Test
  void decodeCanonical_omittableMemberPresentButEmpty_refusedBothWays() {
    Statement change =
        samples().stream().filter(ChangeNotification.class::isInstance).findFirst().orElseThrow();
    String text = StatementCodec.encodeText(change, ORIGIN);
    assertThat(text).doesNotContain("\"type\"");
    // "type" sorts after every other member of a change notification but "zone"-like ones; put
    // it where canonical order wants it, so only its emptiness is wrong.
    String body = text.substring(text.indexOf('\n') + 1, text.length() - 1);
    var tree =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            org.countersign.treaty.json.CanonicalJson.parse(body);
    tree.put("type", "");
    String withEmpty =
        text.substring(0, text.indexOf('\n') + 1)
            + org.countersign.treaty.json.CanonicalJson.canonicalize(tree)
            + "\n";
    assertThat(StatementCodec.decodeCanonical(withEmpty)).isNull();
    assertThatThrownBy(() -> StatementCodec.decodeAddressed(withEmpty))
        .isInstanceOf(InvalidStatementException.class)
        .hasMessageContaining("canonical form");
  }
}
