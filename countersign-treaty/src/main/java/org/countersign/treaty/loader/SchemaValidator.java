package org.countersign.treaty.loader;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.countersign.treaty.json.CanonicalJson;
import org.countersign.treaty.model.TreatyDuration;
import org.jspecify.annotations.Nullable;

/**
 * A JSON Schema (draft 2020-12) validator for exactly the keywords the treaty schema uses, with
 * messages written for treaty authors.
 *
 * <p>Why not a general validator library: general validators report JSON Pointers and terse keyword
 * names, and the one rule that matters most here is that the schema cannot say more than is
 * checked. So this class refuses, at construction, any schema keyword it does not implement; the
 * schema stays standard (other tools can validate treaty files with it), and every keyword in it is
 * enforced here.
 *
 * <p>Implemented: {@code $ref} (local {@code #/$defs/...}), {@code type}, {@code const}, {@code
 * enum}, {@code properties}, {@code required}, {@code additionalProperties}, {@code propertyNames},
 * {@code minProperties}, {@code maxProperties}, {@code items}, {@code minItems}, {@code
 * uniqueItems}, {@code pattern}, {@code minLength}, {@code maxLength}, {@code minimum}, {@code
 * maximum}, {@code oneOf}, and {@code format} as an assertion for {@code date}, {@code duration}
 * and {@code regex}. Annotations ({@code title}, {@code description}, {@code $comment}, {@code
 * $schema}, {@code $id}, {@code $defs}) are read only for messages.
 *
 * <p>{@code oneOf} reports precisely when the value's shape picks one branch (by JSON type, then by
 * which branch's required members are present); otherwise it says "must be" followed by the
 * schema's {@code description}.
 */
final class SchemaValidator {
  /** A problem found, before it is given a source position. */
  record Violation(NodePath path, boolean atKey, String reason) {}

  private static final Set<String> KEYWORDS =
      Set.of(
          "$schema",
          "$id",
          "$defs",
          "$ref",
          "$comment",
          "title",
          "description",
          "type",
          "const",
          "enum",
          "properties",
          "required",
          "additionalProperties",
          "propertyNames",
          "minProperties",
          "maxProperties",
          "items",
          "minItems",
          "uniqueItems",
          "pattern",
          "minLength",
          "maxLength",
          "minimum",
          "maximum",
          "oneOf",
          "format");
  private static final Set<String> FORMATS = Set.of("date", "duration", "regex");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final JsonNode schema;
  private final Map<String, Pattern> patterns = new HashMap<>();

  SchemaValidator(JsonNode schema) {
    this.schema = schema;
    checkKeywords(schema, "#");
  }

  /** The shipped treaty schema, from the class path. */
  static SchemaValidator treatySchema() {
    try (InputStream in = SchemaValidator.class.getResourceAsStream("treaty.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("treaty.schema.json is missing from the class path");
      }
      return new SchemaValidator(
          CanonicalJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read treaty.schema.json", e);
    }
  }

  private void checkKeywords(JsonNode s, String where) {
    if (!s.isObject()) {
      return;
    }
    for (var e : s.properties()) {
      String k = e.getKey();
      if (!KEYWORDS.contains(k)) {
        throw new IllegalStateException(
            "schema keyword " + k + " at " + where + " is not enforced by this validator");
      }
      JsonNode v = e.getValue();
      switch (k) {
        case "properties", "$defs" ->
            v.properties()
                .forEach(p -> checkKeywords(p.getValue(), where + "/" + k + "/" + p.getKey()));
        case "additionalProperties", "propertyNames", "items" -> checkKeywords(v, where + "/" + k);
        case "oneOf" -> {
          for (int i = 0; i < v.size(); i++) {
            checkKeywords(v.get(i), where + "/oneOf/" + i);
          }
        }
        case "format" -> {
          if (!FORMATS.contains(v.asText())) {
            throw new IllegalStateException(
                "format " + v.asText() + " at " + where + " is not enforced by this validator");
          }
        }
        default -> {}
      }
    }
  }

  /** Every violation of the schema in {@code tree}, in document order of discovery. */
  List<Violation> validate(SourceTree tree) {
    var out = new ArrayList<Violation>();
    validate(schema, tree.root, NodePath.ROOT, tree, out);
    return out;
  }

  private JsonNode resolve(JsonNode s) {
    JsonNode ref = s.get("$ref");
    if (ref == null) {
      return s;
    }
    String r = ref.asText();
    if (!r.startsWith("#/")) {
      throw new IllegalStateException("only local $ref is supported: " + r);
    }
    JsonNode target = schema.at(r.substring(1));
    if (target.isMissingNode()) {
      throw new IllegalStateException("dangling $ref " + r);
    }
    return resolve(target);
  }

  /**
   * Validates one value. A type, const or enum mismatch stops at that value: its other keywords
   * would only restate the same problem in worse words.
   */
  private void validate(
      JsonNode rawSchema, JsonNode value, NodePath path, SourceTree tree, List<Violation> out) {
    JsonNode s = resolve(rawSchema);
    if (s.has("type") && !typeMatches(s.get("type").asText(), value)) {
      out.add(
          new Violation(
              path,
              false,
              "must be "
                  + article(s.get("type").asText())
                  + ", got "
                  + describe(value, path, tree)));
      return;
    }
    if (s.has("const") && !s.get("const").equals(value)) {
      out.add(
          new Violation(
              path,
              false,
              "must be " + show(s.get("const")) + ", got " + describe(value, path, tree)));
      return;
    }
    if (s.has("enum")) {
      boolean found = false;
      for (JsonNode option : s.get("enum")) {
        found |= option.equals(value);
      }
      if (!found) {
        String options =
            streamOf(s.get("enum")).map(JsonNode::asText).collect(Collectors.joining(", "));
        out.add(
            new Violation(
                path, false, "must be one of " + options + "; got " + describe(value, path, tree)));
        return;
      }
    }
    if (s.has("oneOf")) {
      validateOneOf(s, value, path, tree, out);
      return;
    }
    if (value.isObject()) {
      validateObject(s, value, path, tree, out);
    } else if (value.isArray()) {
      validateArray(s, value, path, tree, out);
    } else if (value.isTextual()) {
      validateString(s, value.textValue(), path, out);
    } else if (value.isNumber()) {
      if (s.has("minimum")
          && value.bigIntegerValue().compareTo(s.get("minimum").bigIntegerValue()) < 0) {
        out.add(
            new Violation(
                path,
                false,
                "must be at least " + s.get("minimum").asText() + ", got " + value.asText()));
      }
      if (s.has("maximum")
          && value.bigIntegerValue().compareTo(s.get("maximum").bigIntegerValue()) > 0) {
        out.add(
            new Violation(
                path,
                false,
                "must be at most " + s.get("maximum").asText() + ", got " + value.asText()));
      }
    }
  }

  /**
   * Required members are reported at the missing member's path (located at the enclosing object),
   * unknown ones at their key, with the nearest allowed name as a suggestion.
   */
  private void validateObject(
      JsonNode s, JsonNode value, NodePath path, SourceTree tree, List<Violation> out) {
    JsonNode props = s.get("properties");
    if (s.has("required")) {
      for (JsonNode r : s.get("required")) {
        if (!value.has(r.asText())) {
          out.add(
              new Violation(
                  path.field(r.asText()),
                  false,
                  "missing required field \""
                      + r.asText()
                      + "\""
                      + (path.isRoot() ? "" : " in " + path)));
        }
      }
    }
    String hint = s.has("description") ? " (" + s.get("description").asText() + ")" : "";
    if (s.has("minProperties") && value.size() < s.get("minProperties").asInt()) {
      out.add(
          new Violation(
              path,
              false,
              "must have at least " + s.get("minProperties").asInt() + " field(s)" + hint));
    }
    if (s.has("maxProperties") && value.size() > s.get("maxProperties").asInt()) {
      out.add(
          new Violation(
              path,
              false,
              "must have at most "
                  + s.get("maxProperties").asInt()
                  + " field(s), got "
                  + fieldNames(value)
                  + hint));
    }
    JsonNode additional = s.get("additionalProperties");
    for (var e : value.properties()) {
      String key = e.getKey();
      NodePath child = path.field(key);
      if (s.has("propertyNames")) {
        var keyProblems = new ArrayList<Violation>();
        validateString(resolve(s.get("propertyNames")), key, child, keyProblems);
        keyProblems.forEach(v -> out.add(new Violation(child, true, "field name " + v.reason())));
      }
      if (props != null && props.has(key)) {
        validate(props.get(key), e.getValue(), child, tree, out);
      } else if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
        out.add(
            new Violation(child, true, "unknown field \"" + key + "\"" + suggestion(key, props)));
      } else if (additional != null && additional.isObject()) {
        validate(additional, e.getValue(), child, tree, out);
      }
    }
  }

  private void validateArray(
      JsonNode s, JsonNode value, NodePath path, SourceTree tree, List<Violation> out) {
    if (s.has("minItems") && value.size() < s.get("minItems").asInt()) {
      int n = s.get("minItems").asInt();
      out.add(
          new Violation(
              path,
              false,
              "must list at least "
                  + n
                  + (n == 1 ? " entry" : " entries")
                  + ", got "
                  + value.size()));
    }
    if (s.has("uniqueItems") && s.get("uniqueItems").asBoolean()) {
      var seen = new HashSet<JsonNode>();
      for (int i = 0; i < value.size(); i++) {
        if (!seen.add(value.get(i))) {
          out.add(new Violation(path.index(i), false, "lists " + show(value.get(i)) + " twice"));
        }
      }
    }
    if (s.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        validate(s.get("items"), value.get(i), path.index(i), tree, out);
      }
    }
  }

  private void validateString(JsonNode s, String text, NodePath path, List<Violation> out) {
    if (s.has("minLength") && text.length() < s.get("minLength").asInt()) {
      out.add(
          new Violation(
              path,
              false,
              text.isEmpty()
                  ? "must not be empty"
                  : "must have at least " + s.get("minLength").asInt() + " characters"));
      return;
    }
    if (s.has("maxLength") && text.length() > s.get("maxLength").asInt()) {
      out.add(
          new Violation(
              path,
              false,
              "must have at most "
                  + s.get("maxLength").asInt()
                  + " characters, got "
                  + text.length()));
      return;
    }
    if (s.has("pattern")) {
      Pattern p = patterns.computeIfAbsent(s.get("pattern").asText(), Pattern::compile);
      if (!p.matcher(text).find()) {
        String what =
            s.has("description") ? s.get("description").asText() : "text matching " + p.pattern();
        out.add(new Violation(path, false, "must be " + what + ", got " + show(text)));
        return;
      }
    }
    if (s.has("format")) {
      String problem = checkFormat(s.get("format").asText(), text);
      if (problem != null) {
        out.add(new Violation(path, false, problem));
      }
    }
  }

  private static @Nullable String checkFormat(String format, String text) {
    switch (format) {
      case "date" -> {
        if (!DATE.matcher(text).matches()) {
          return "must be a date YYYY-MM-DD, got " + show(text);
        }
        try {
          LocalDate.parse(text);
          return null;
        } catch (DateTimeException e) {
          return "is not a real calendar date: " + show(text);
        }
      }
      case "duration" -> {
        try {
          TreatyDuration.parse(text);
          return null;
        } catch (IllegalArgumentException | ArithmeticException e) {
          return "must be "
              + Objects.requireNonNullElse(e.getMessage(), e.toString()).replaceFirst("^not ", "");
        }
      }
      case "regex" -> {
        try {
          Pattern.compile(text);
          return null;
        } catch (PatternSyntaxException e) {
          return "is not a valid regular expression: "
              + e.getDescription()
              + " near index "
              + e.getIndex()
              + " in "
              + show(text);
        }
      }
      default -> throw new IllegalStateException("format " + format);
    }
  }

  /**
   * {@code oneOf} as the standard defines it (exactly one branch passes), with messages chosen for
   * a treaty author: when the value's shape selects a single branch, that branch's own problems are
   * reported; otherwise the schema's description says what is allowed.
   */
  private void validateOneOf(
      JsonNode s, JsonNode value, NodePath path, SourceTree tree, List<Violation> out) {
    var branches = new ArrayList<JsonNode>();
    for (JsonNode b : s.get("oneOf")) {
      branches.add(resolve(b));
    }
    var passing = new ArrayList<JsonNode>();
    for (JsonNode b : branches) {
      var probe = new ArrayList<Violation>();
      validate(b, value, path, tree, probe);
      if (probe.isEmpty()) {
        passing.add(b);
      }
    }
    if (passing.size() == 1) {
      return;
    }
    String what = s.has("description") ? s.get("description").asText() : "one of the allowed forms";
    if (passing.size() > 1) {
      out.add(new Violation(path, false, "is ambiguous: must match exactly one of " + what));
      return;
    }
    // Narrow by JSON type, then by which branch's required members are present.
    List<JsonNode> candidates = branches.stream().filter(b -> shapeMatches(b, value)).toList();
    if (candidates.size() > 1 && value.isObject()) {
      candidates =
          candidates.stream()
              .filter(
                  b ->
                      b.has("required")
                          && streamOf(b.get("required")).allMatch(r -> value.has(r.asText())))
              .toList();
    }
    if (candidates.size() == 1) {
      validate(candidates.get(0), value, path, tree, out);
    } else {
      out.add(
          new Violation(path, false, "must be " + what + ", got " + describe(value, path, tree)));
    }
  }

  private static boolean shapeMatches(JsonNode branch, JsonNode value) {
    if (branch.has("type")) {
      return typeMatches(branch.get("type").asText(), value);
    }
    if (branch.has("const")) {
      return branch.get("const").getNodeType() == value.getNodeType();
    }
    return true;
  }

  private static boolean typeMatches(String type, JsonNode v) {
    return switch (type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "integer" -> v.isIntegralNumber();
      case "number" -> v.isNumber();
      case "boolean" -> v.isBoolean();
      case "null" -> v.isNull();
      default -> throw new IllegalStateException("type " + type);
    };
  }

  private static String article(String type) {
    return switch (type) {
      case "object" -> "a mapping of fields";
      case "array" -> "a list";
      case "integer" -> "an integer";
      default -> "a " + type;
    };
  }

  private static String describe(JsonNode v, NodePath path, SourceTree tree) {
    return switch (v.getNodeType()) {
      case STRING -> "the text " + show(v.textValue());
      case NUMBER -> "the number " + v.asText();
      case BOOLEAN -> {
        String raw = tree.booleanText(path);
        yield raw != null && !raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")
            ? "the boolean "
                + v.asText()
                + " (YAML reads an unquoted "
                + raw
                + " as a boolean: write \""
                + raw
                + "\" in quotes)"
            : "the boolean " + v.asText();
      }
      case NULL -> "nothing (an empty value)";
      case ARRAY -> "a list";
      case OBJECT -> "a mapping " + fieldNames(v);
      default -> v.getNodeType().toString();
    };
  }

  private static String fieldNames(JsonNode obj) {
    var names = new ArrayList<String>();
    obj.properties().forEach(e -> names.add(e.getKey()));
    return "{" + String.join(", ", names) + "}";
  }

  private static String show(JsonNode v) {
    return v.isTextual() ? show(v.textValue()) : v.toString();
  }

  private static String show(String s) {
    return org.countersign.treaty.json.RecordJson.quote(s);
  }

  private static java.util.stream.Stream<JsonNode> streamOf(JsonNode array) {
    var list = new ArrayList<JsonNode>();
    array.forEach(list::add);
    return list.stream();
  }

  /** "; did you mean X?" for a near miss among the allowed member names. */
  private static String suggestion(String key, @Nullable JsonNode props) {
    if (props == null) {
      return "";
    }
    String best = null;
    int bestDistance = 3;
    for (var e : props.properties()) {
      int d =
          distance(
              key.toLowerCase(java.util.Locale.ROOT),
              e.getKey().toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = e.getKey();
      }
    }
    var allowed = new ArrayList<String>();
    props.properties().forEach(e -> allowed.add(e.getKey()));
    return best != null
        ? "; did you mean \"" + best + "\"?"
        : "; allowed: " + String.join(", ", allowed);
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
