package org.countersign.treaty.loader;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A treaty file's data as a JSON tree, with the source position of every value and member name.
 *
 * <p>Built from Jackson's streaming YAML parser rather than its tree reader because the tree reader
 * forgets positions, and because YAML features that make the data differ from what a reader sees
 * are refused here: anchors and aliases (Jackson would silently read an alias as its name),
 * duplicate keys, several documents, and integers not written in plain decimal ({@code 010}, {@code
 * 0x10}, {@code 1_000}). Unquoted {@code yes}, {@code no}, {@code on}, {@code off} are read as
 * booleans (YAML 1.1); their source text is kept so that a type error can say to quote them.
 */
final class SourceTree {
  /** Line and column, 1-based. */
  record Position(int line, int column) {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final int MAX_DEPTH = 32;

  final JsonNode root;
  private final Map<String, Position> values;
  private final Map<String, Position> keys;
  private final Map<String, String> booleanText;

  private SourceTree(
      JsonNode root,
      Map<String, Position> values,
      Map<String, Position> keys,
      Map<String, String> booleanText) {
    this.root = root;
    this.values = values;
    this.keys = keys;
    this.booleanText = booleanText;
  }

  /** Where the value at {@code path} starts; for a missing value, where its nearest parent does. */
  Position valuePosition(NodePath path) {
    for (NodePath p = path; ; p = p.parent()) {
      Position pos = values.get(p.pointer());
      if (pos != null) {
        return pos;
      }
      if (p.isRoot()) {
        return new Position(1, 1);
      }
    }
  }

  /** Where the member name of {@code path} is written, else where its value is. */
  Position keyPosition(NodePath path) {
    Position pos = keys.get(path.pointer());
    return pos != null ? pos : valuePosition(path);
  }

  /** The source text of a boolean value ({@code NO}, {@code yes} ...), if the value is one. */
  @Nullable String booleanText(NodePath path) {
    return booleanText.get(path.pointer());
  }

  /**
   * Parses YAML text.
   *
   * @throws TreatyException for YAML syntax errors and the refused YAML features, located
   */
  static SourceTree parse(String file, String text) throws TreatyException {
    var values = new HashMap<String, Position>();
    var keys = new HashMap<String, Position>();
    var booleans = new HashMap<String, String>();
    var problems = new ArrayList<TreatyProblem>();
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new TreatyException(
            List.of(new TreatyProblem(file, 0, 0, "(top level)", "the file is empty")));
      }
      var reader = new Reader(file, (YAMLParser) p, values, keys, booleans, problems);
      JsonNode root = reader.read(NodePath.ROOT, 0);
      if (p.nextToken() != null) {
        Position pos = position(p.currentTokenLocation());
        problems.add(
            new TreatyProblem(
                file,
                pos.line,
                pos.column,
                "(top level)",
                "a treaty file holds one YAML document; a second one starts here"));
      }
      if (!problems.isEmpty()) {
        throw new TreatyException(problems);
      }
      return new SourceTree(root, Map.copyOf(values), Map.copyOf(keys), Map.copyOf(booleans));
    } catch (JsonProcessingException e) {
      YamlSyntax.Problem syntax = YamlSyntax.of(e);
      throw new TreatyException(
          List.of(
              new TreatyProblem(
                  file,
                  syntax.line(),
                  syntax.column(),
                  "(syntax)",
                  "YAML syntax error: " + syntax.reason())));
    } catch (IOException e) {
      throw new TreatyException(
          List.of(new TreatyProblem(file, 0, 0, "(top level)", "cannot read: " + e.getMessage())));
    }
  }

  private static Position position(JsonLocation loc) {
    if (loc == null) {
      return new Position(0, 0);
    }
    return new Position(Math.max(loc.getLineNr(), 0), Math.max(loc.getColumnNr(), 0));
  }

  /** The recursive reader over the token stream. */
  private record Reader(
      String file,
      YAMLParser p,
      Map<String, Position> values,
      Map<String, Position> keys,
      Map<String, String> booleans,
      List<TreatyProblem> problems) {

    JsonNode read(NodePath path, int depth) throws IOException {
      Position at = position(p.currentTokenLocation());
      values.put(path.pointer(), at);
      if (p.isCurrentAlias()) {
        problem(
            at,
            path,
            "YAML anchors and aliases are not allowed in treaty files: write the" + " value out");
      }
      if (depth > MAX_DEPTH) {
        problem(at, path, "nested deeper than " + MAX_DEPTH + " levels");
        p.skipChildren();
        return NODES.nullNode();
      }
      JsonToken t = p.currentToken();
      return switch (t) {
        case START_OBJECT -> {
          ObjectNode obj = NODES.objectNode();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            NodePath child = path.field(name);
            Position keyAt = position(p.currentTokenLocation());
            if (obj.has(name)) {
              problem(
                  keyAt,
                  child,
                  "duplicate key \""
                      + name
                      + "\" (first at line "
                      + Objects.requireNonNull(Objects.requireNonNull(keys.get(child.pointer())))
                          .line()
                      + ")");
              p.nextToken();
              p.skipChildren();
              continue;
            }
            keys.put(child.pointer(), keyAt);
            p.nextToken();
            obj.set(name, read(child, depth + 1));
          }
          yield obj;
        }
        case START_ARRAY -> {
          ArrayNode arr = NODES.arrayNode();
          int i = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            arr.add(read(path.index(i++), depth + 1));
          }
          yield arr;
        }
        case VALUE_STRING -> NODES.textNode(p.getText());
        case VALUE_NUMBER_INT -> {
          String raw = p.getText();
          if (!DECIMAL.matcher(raw).matches()) {
            problem(at, path, "write integers in plain decimal, got " + raw);
            yield NODES.nullNode();
          }
          yield NODES.numberNode(new BigInteger(raw));
        }
        case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDecimalValue());
        case VALUE_TRUE, VALUE_FALSE -> {
          booleans.put(path.pointer(), p.getText());
          yield NODES.booleanNode(t == JsonToken.VALUE_TRUE);
        }
        case VALUE_NULL -> NODES.nullNode();
        default -> {
          problem(at, path, "unsupported YAML value (" + t + ")");
          yield NODES.nullNode();
        }
      };
    }

    void problem(Position at, NodePath path, String reason) {
      problems.add(new TreatyProblem(file, at.line(), at.column(), path.toString(), reason));
    }
  }
}
