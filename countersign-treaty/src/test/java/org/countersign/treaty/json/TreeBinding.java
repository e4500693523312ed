package org.countersign.treaty.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The reading {@link CanonicalBinder} replaces, kept as the reference its differential tests hold
 * it to: {@link CanonicalJson#parseCanonical}, the envelope members taken out of the tree (each
 * must be a string), then {@link RecordJson#fromTreeExactly}.
 */
public final class TreeBinding {
  private TreeBinding() {}

  /** What the tree reading gives for {@code text}, or null if it refuses it. */
  public static CanonicalBinder.@Nullable Bound<?> read(
      String text, Class<? extends Record> type, List<String> envelope) {
    try {
      JsonNode tree = CanonicalJson.parseCanonical(text);
      if (!(tree instanceof ObjectNode fields)) {
        return null;
      }
      List<String> values = new ArrayList<>();
      for (String name : envelope) {
        JsonNode v = fields.get(name);
        if (v == null || !v.isTextual()) {
          return null;
        }
        values.add(v.textValue());
        fields.remove(name);
      }
      return new CanonicalBinder.Bound<>(RecordJson.fromTreeExactly(fields, type), values);
    } catch (RuntimeException refused) {
      return null;
    }
  }

  /** What {@link CanonicalBinder} gives for {@code text}, or null if it refuses it. */
  public static CanonicalBinder.@Nullable Bound<?> bind(
      String text, Class<? extends Record> type, List<String> envelope) {
    try {
      return CanonicalBinder.readExactly(text, 0, text.length(), type, envelope);
    } catch (RuntimeException refused) {
      return null;
    }
  }

  /**
   * Asserts that both readings accept {@code text}, with equal records and envelopes, or both
   * refuse it; returns whether they accepted it.
   */
  public static boolean agree(String text, Class<? extends Record> type, List<String> envelope) {
    CanonicalBinder.Bound<?> expected = read(text, type, envelope);
    CanonicalBinder.Bound<?> actual = bind(text, type, envelope);
    if (expected == null) {
      assertThat(actual).as("the binder accepts what the tree reading refuses: %s", text).isNull();
      return false;
    }
    assertThat(actual).as("the binder refuses what the tree reading accepts: %s", text).isNotNull();
    assertThat(actual).as("the two readings differ on %s", text).isEqualTo(expected);
    return true;
  }
}
