package org.countersign.treaty.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.countersign.treaty.json.RecordJson;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of this package's reports: one member per record component, recursively, absent
 * values as {@code null}, maps sorted by key. Member names are the component names, so each
 * record's Javadoc documents its JSON.
 */
final class ReportTree {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ReportTree() {}

  static JsonNode write(@Nullable Object value) {
    if (value == null) {
      return NODES.nullNode();
    } else if (value instanceof String s) {
      return NODES.textNode(s);
    } else if (value instanceof Long || value instanceof Integer) {
      return NODES.numberNode(((Number) value).longValue());
    } else if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    } else if (value instanceof Instant i) {
      return NODES.textNode(RecordJson.formatInstant(i));
    } else if (value instanceof LocalDate d) {
      return NODES.textNode(d.toString());
    } else if (value instanceof JsonNode n) {
      return n;
    } else if (value instanceof List<?> list) {
      ArrayNode arr = NODES.arrayNode();
      list.forEach(v -> arr.add(write(v)));
      return arr;
    } else if (value instanceof Map<?, ?> map) {
      ObjectNode obj = NODES.objectNode();
      new TreeMap<>(map).forEach((k, v) -> obj.set((String) k, write(v)));
      return obj;
    } else if (value instanceof Record r) {
      ObjectNode obj = NODES.objectNode();
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        try {
          obj.set(c.getName(), write(c.getAccessor().invoke(r)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + c, e);
        }
      }
      return obj;
    }
    throw new IllegalStateException("no JSON form for " + value.getClass());
  }
}
