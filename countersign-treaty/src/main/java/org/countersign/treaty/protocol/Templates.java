package org.countersign.treaty.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.jspecify.annotations.Nullable;

/**
 * The rule that a statement template is never logged unedited: {@code countersign statement new}
 * writes a {@value #FILL_IN} marker into every value to fill in, and a statement that still holds
 * one anywhere (a value, or a map key) is refused by the CLI before signing and by the server at
 * submission, with the field named.
 *
 * <p>Free-text fields (a dispute's {@code reason}, a site) accept any text, so without this rule
 * the server would log a template whose text fields were never written. The marker is matched as
 * the start of a string, where the template puts it.
 */
public final class Templates {
  /** How a template marks a value still to fill in; never signed. */
  public static final String FILL_IN = "<fill in:";

  private Templates() {}

  /**
   * The path of the first value or map key in {@code node} that still holds the marker, {@code "a
   * name in PATH"} for a key, or null when there is none.
   */
  public static @Nullable String firstUnfilled(JsonNode node) {
    return firstUnfilled(node, "");
  }

  /**
   * Refuses {@code statement} if a template marker is still in it.
   *
   * @throws EntryRejectedException {@link Violation#UNFILLED_TEMPLATE}, naming the field
   */
  public static void requireFilled(Statement statement) throws EntryRejectedException {
    String unfilled = firstUnfilled(StatementCodec.body(statement));
    if (unfilled != null) {
      throw new EntryRejectedException(
          Violation.UNFILLED_TEMPLATE,
          statement.kind()
              + ": "
              + unfilled
              + " is not filled in yet (it still holds the template's \""
              + FILL_IN
              + " ...>\"); write the value, then sign and submit");
    }
  }

  /**
   * {@link #requireFilled(Statement)} for a statement decoded from {@code canonicalText}, its one
   * canonical spelling (as {@link EntryDecoder} decodes it): the marker's characters are never
   * escaped in canonical JSON (RFC 8785 escapes only quotes, backslashes and controls), so a value
   * or name that begins with it shows in the text verbatim, and text without it needs no walk over
   * the statement encoded again (issue 14).
   *
   * @throws EntryRejectedException {@link Violation#UNFILLED_TEMPLATE}, naming the field
   */
  public static void requireFilled(Statement statement, String canonicalText)
      throws EntryRejectedException {
    if (canonicalText.contains(FILL_IN)) {
      requireFilled(statement);
    }
  }

  private static @Nullable String firstUnfilled(JsonNode node, String path) {
    if (node.isTextual()) {
      return node.textValue().startsWith(FILL_IN) ? (path.isEmpty() ? "a value" : path) : null;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = firstUnfilled(node.get(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    if (node.isObject()) {
      for (var e : node.properties()) {
        String name = e.getKey();
        if (name.startsWith(FILL_IN)) {
          return "a name in " + (path.isEmpty() ? "the statement" : path);
        }
        String found = firstUnfilled(e.getValue(), path.isEmpty() ? name : path + "." + name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
