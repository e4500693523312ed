package org.countersign.treaty.compliance;

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
 * The JSON form of a report: one member per record component, recursively, absent values as {@code
 * null}. The member names are the record component names, so the Javadoc of {@link
 * ComplianceReport} documents the JSON too.
 */
final class ReportJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ReportJson() {}

  static ObjectNode of(ComplianceReport report) {
    ObjectNode root = (ObjectNode) write(report);
    root.put("format", "countersign-compliance-report/v1");
    root.set("findings", write(report.findingCounts()));
    return root;
  }

  /** One value as JSON: records member by member, maps in key order, instants and dates as text. */
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
