package org.countersign.treaty.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CanonicalBinder} against the reading it replaces ({@link TreeBinding}: the canonical tree,
 * then {@link RecordJson#fromTreeExactly}), on records with every type a statement may hold, a
 * record whose constructor refuses values, one that changes them, and component types with no JSON
 * form: over seeded random records, their canonical texts and one-character mutations of them, both
 * must accept the same texts with equal records and refuse the same texts.
 */
class CanonicalBinderDifferentialTest {
  private static final int RECORDS = 300;
  private static final int MUTATIONS = 40;
  private static final List<String> NO_ENVELOPE = List.of();
  private static final List<String> ENVELOPE = List.of("kind", "origin");

  enum Colour {
    RED,
    GREEN,
    BLUE
  }

  record Inner(String name, long count, @OmittedWhenEmpty String note) {}

  record Sample(
      String text,
      long big,
      int small,
      boolean flag,
      Instant at,
      LocalDate day,
      Colour colour,
      Inner inner,
      List<Inner> inners,
      List<String> tags,
      Map<String, Long> counts,
      Map<String, List<Integer>> nested,
      @OmittedWhenEmpty String extra) {}

  /** Refuses some values, as statement records do. */
  record Checked(long positive, String name) {
    Checked {
      if (positive < 1) {
        throw new IllegalArgumentException("positive must be at least 1");
      }
      if (name.isEmpty()) {
        throw new IllegalArgumentException("name is empty");
      }
    }
  }

  /** Changes what it is given: only its sorted form is its encoding. */
  record Sorting(List<String> names) {
    Sorting {
      names = names.stream().sorted().toList();
    }
  }

  /** Types RecordJson cannot read: refused once a value of them is read, and only then. */
  record NoForm(List<Object> things, Map<String, Object> byName) {}

  record KeyedByNumber(Map<Integer, String> byNumber) {}

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 5);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void readExactly_randomAndMutatedRecords_agreesWithTheTreeReading(long seed) {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < RECORDS; i++) {
      String text = CanonicalJson.canonicalize(RecordJson.toTree(sample(r)));
      List<String> cases = new ArrayList<>();
      cases.add(text);
      for (int m = 0; m < MUTATIONS; m++) {
        cases.add(TextMutations.mutate(r, m % 4 == 0 ? TextMutations.mutate(r, text) : text));
      }
      for (String t : cases) {
        if (TreeBinding.agree(t, Sample.class, NO_ENVELOPE)) {
          accepted++;
        } else {
          refused++;
        }
      }
    }
    // Both answers must be common, or the comparison proves little.
    assertThat(accepted).isGreaterThan(RECORDS * 3);
    assertThat(refused).isGreaterThan(RECORDS * MUTATIONS / 2);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void readExactly_envelopeMembers_agreeWithTheTreeReading(long seed) {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    for (int i = 0; i < RECORDS / 3; i++) {
      var tree = RecordJson.toTree(new Checked(1 + r.nextInt(5), "n" + r.nextInt(3)));
      tree.put("kind", "checked");
      tree.put("origin", "example.com/log");
      String text = CanonicalJson.canonicalize(tree);
      assertThat(TreeBinding.agree(text, Checked.class, ENVELOPE)).isTrue();
      for (int m = 0; m < MUTATIONS; m++) {
        TreeBinding.agree(TextMutations.mutate(r, text), Checked.class, ENVELOPE);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // accepted by both
        "{\"name\":\"a\",\"positive\":1}",
        // refused by both: constructor, types, members, spelling
        "{\"name\":\"a\",\"positive\":0}",
        "{\"name\":\"\",\"positive\":1}",
        "{\"name\":\"a\",\"positive\":\"1\"}",
        "{\"name\":1,\"positive\":1}",
        "{\"name\":null,\"positive\":1}",
        "{\"name\":\"a\"}",
        "{\"name\":\"a\",\"other\":1,\"positive\":1}",
        "{\"positive\":1,\"name\":\"a\"}",
        "{\"name\":\"a\",\"name\":\"a\",\"positive\":1}",
        "{\"name\":\"a\", \"positive\":1}",
        "{\"name\":\"a\",\"positive\":1} ",
        "{\"name\":\"a\",\"positive\":01}",
        "{\"name\":\"a\",\"positive\":1.0}",
        "{\"name\":\"a\",\"positive\":9007199254740992}",
        "{\"name\":\"\\u0061\",\"positive\":1}",
        "[]",
        "\"a\"",
        "",
      })
  void readExactly_edgeCases_agreeWithTheTreeReading(String text) {
    TreeBinding.agree(text, Checked.class, NO_ENVELOPE);
  }

  @Test
  void readExactly_typesWithoutAJsonForm_refusedOnlyWhereTheTreeReadingRefuses() {
    assertThat(TreeBinding.agree("{\"byName\":{},\"things\":[]}", NoForm.class, NO_ENVELOPE))
        .isTrue();
    assertThat(TreeBinding.agree("{\"byName\":{},\"things\":[1]}", NoForm.class, NO_ENVELOPE))
        .isFalse();
    assertThat(
            TreeBinding.agree(
                "{\"byName\":{\"a\":\"b\"},\"things\":[]}", NoForm.class, NO_ENVELOPE))
        .isFalse();
    assertThat(TreeBinding.agree("{\"byNumber\":{}}", KeyedByNumber.class, NO_ENVELOPE)).isFalse();
  }

  @Test
  void readExactly_recordThatChangesItsValues_refusedUnlessAlreadyInItsForm() {
    assertThat(TreeBinding.agree("{\"names\":[\"a\",\"b\"]}", Sorting.class, NO_ENVELOPE)).isTrue();
    assertThat(TreeBinding.agree("{\"names\":[\"b\",\"a\"]}", Sorting.class, NO_ENVELOPE))
        .isFalse();
  }

  @Test
  void readExactly_omittedWhenEmpty_missingReadsEmptyAndEmptyIsRefused() {
    assertThat(TreeBinding.agree("{\"count\":1,\"name\":\"a\"}", Inner.class, NO_ENVELOPE))
        .isTrue();
    assertThat(
            TreeBinding.agree(
                "{\"count\":1,\"name\":\"a\",\"note\":\"x\"}", Inner.class, NO_ENVELOPE))
        .isTrue();
    assertThat(
            TreeBinding.agree(
                "{\"count\":1,\"name\":\"a\",\"note\":\"\"}", Inner.class, NO_ENVELOPE))
        .isFalse();
  }

  @Test
  void readExactly_intRange_sameLimitsAsTheTreeReading() {
    for (long v :
        new long[] {
          Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L
        }) {
      Sample s = sample(RandomGeneratorFactory.of("L64X128MixRandom").create(v));
      String text = CanonicalJson.canonicalize(RecordJson.toTree(s));
      String changed = text.replace("\"small\":" + s.small(), "\"small\":" + v);
      assertThat(changed).isNotEqualTo(text);
      assertThat(TreeBinding.agree(changed, Sample.class, NO_ENVELOPE))
          .isEqualTo(v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE);
    }
  }

  /** A record that contains itself, for nesting of any depth. */
  record Tree(List<Tree> children, List<List<Long>> leaf) {}

  /** {@code n} trees nested, the innermost with a leaf one or two arrays deep. */
  private static String nested(int n, boolean deepLeaf) {
    String inner = "{\"children\":[],\"leaf\":" + (deepLeaf ? "[[]]" : "[]") + "}";
    return "{\"children\":[".repeat(n - 1) + inner + "],\"leaf\":[]}".repeat(n - 1);
  }

  @Test
  void readExactly_nesting_sameLimitAsTheTreeReading() {
    // n trees are 2n - 1 levels deep at the innermost object; its leaf adds one or two.
    for (int n = 14; n <= 17; n++) {
      for (boolean deepLeaf : new boolean[] {false, true}) {
        int depth = 2 * n + (deepLeaf ? 1 : 0);
        assertThat(TreeBinding.agree(nested(n, deepLeaf), Tree.class, NO_ENVELOPE))
            .as("depth %d", depth)
            .isEqualTo(depth <= CanonicalJson.MAX_DEPTH);
      }
    }
  }

  @Test
  void readExactly_envelopeMissingOrNotAString_refused() {
    String ok = "{\"kind\":\"k\",\"name\":\"a\",\"origin\":\"o\",\"positive\":1}";
    assertThat(TreeBinding.agree(ok, Checked.class, ENVELOPE)).isTrue();
    assertThat(TreeBinding.agree(ok.replace("\"o\"", "1"), Checked.class, ENVELOPE)).isFalse();
    assertThat(
            TreeBinding.agree(
                "{\"kind\":\"k\",\"name\":\"a\",\"positive\":1}", Checked.class, ENVELOPE))
        .isFalse();
    assertThatThrownBy(
            () ->
                CanonicalBinder.readExactly(
                    "{\"name\":\"a\",\"positive\":1}", 0, 26, Checked.class, List.of("name")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a component");
  }

  @Test
  void readExactly_partOfALongerText_positionsCountFromItsStart() {
    String body = "{\"name\":\"a\",\"positive\":1}";
    String text = "header\n" + body + "\n";
    var bound = CanonicalBinder.readExactly(text, 7, 7 + body.length(), Checked.class, List.of());
    assertThat(bound.value()).isEqualTo(new Checked(1, "a"));
    assertThatThrownBy(
            () -> CanonicalBinder.readExactly(text, 7, text.length(), Checked.class, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("character " + body.length());
  }

  /** What random strings are made of: escapes, controls, non-ASCII, a surrogate pair kept whole. */
  private static final String[] UNITS = {
    "a",
    "b",
    "c",
    "x",
    "y",
    "z",
    "A",
    "_",
    "-",
    "\u00e9",
    "\u2028",
    "\u007f",
    "\"",
    "\\",
    "\n",
    "\u0001",
    "\uD83D\uDE00"
  };

  private static String string(RandomGenerator r, int max) {
    StringBuilder b = new StringBuilder();
    for (int i = r.nextInt(max + 1); i > 0; i--) {
      b.append(UNITS[r.nextInt(UNITS.length)]);
    }
    return b.toString();
  }

  private static Inner inner(RandomGenerator r) {
    return new Inner(string(r, 4), r.nextLong(-1000, 1000), r.nextInt(3) == 0 ? "" : string(r, 3));
  }

  private static Sample sample(RandomGenerator r) {
    List<Inner> inners = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      inners.add(inner(r));
    }
    List<String> tags = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      tags.add(string(r, 5));
    }
    Map<String, Long> counts = new TreeMap<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      counts.put(
          string(r, 3),
          r.nextLong(-CanonicalJson.MAX_SAFE_INTEGER, CanonicalJson.MAX_SAFE_INTEGER));
    }
    Map<String, List<Integer>> nested = new TreeMap<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      List<Integer> values = new ArrayList<>();
      for (int j = r.nextInt(3); j > 0; j--) {
        values.add(r.nextInt());
      }
      nested.put(string(r, 2), values);
    }
    return new Sample(
        string(r, 8),
        r.nextLong(-CanonicalJson.MAX_SAFE_INTEGER, CanonicalJson.MAX_SAFE_INTEGER),
        r.nextInt(),
        r.nextBoolean(),
        Instant.ofEpochSecond(r.nextLong(0, 4_000_000_000L)),
        LocalDate.ofEpochDay(r.nextLong(0, 40_000)),
        Colour.values()[r.nextInt(3)],
        inner(r),
        inners,
        tags,
        counts,
        nested,
        r.nextBoolean() ? "" : string(r, 4));
  }
}
