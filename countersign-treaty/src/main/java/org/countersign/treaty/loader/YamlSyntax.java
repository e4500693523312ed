package org.countersign.treaty.loader;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML syntax error in one line: where it is and what is wrong. SnakeYAML's own message spans
 * several lines with source excerpts and carets, which a one-line CLI error or a problem list
 * cannot show; every YAML reader of the project words its syntax errors through this class.
 */
public final class YamlSyntax {
  private YamlSyntax() {}

  /**
   * A located syntax problem.
   *
   * @param line 1-based, 0 when unknown
   * @param column 1-based, 0 when unknown
   * @param reason the words only, one line
   */
  public record Problem(int line, int column, String reason) {
    /** {@code line L, column C: reason}, or the reason alone when the position is unknown. */
    @Override
    public String toString() {
      return line > 0 ? "line " + line + ", column " + column + ": " + reason : reason;
    }
  }

  /** Describes a parse failure of Jackson's YAML reader. */
  public static Problem of(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    String reason = firstLine(e.getOriginalMessage());
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null) {
      reason =
          m.getContext() == null || m.getContextMark() == null
              ? m.getProblem()
              : m.getContext()
                  + " (from line "
                  + (m.getContextMark().getLine() + 1)
                  + "): "
                  + m.getProblem();
    }
    return new Problem(
        loc == null ? 0 : Math.max(loc.getLineNr(), 0),
        loc == null ? 0 : Math.max(loc.getColumnNr(), 0),
        firstLine(reason));
  }

  private static String firstLine(@Nullable String s) {
    if (s == null || s.isBlank()) {
      return "YAML syntax error";
    }
    return s.lines().findFirst().orElse(s).strip();
  }
}
