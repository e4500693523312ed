package org.countersign.treaty.loader;

/**
 * One problem in a treaty file, located precisely.
 *
 * @param file the file name (or resource name) as given to the loader
 * @param line 1-based line, or 0 when the problem concerns the whole file
 * @param column 1-based column, or 0
 * @param path the field path, e.g. {@code limits[1].bindsFrom}
 * @param reason what is wrong, quoting the offending value
 */
public record TreatyProblem(String file, int line, int column, String path, String reason) {
  /** {@code file:line:column: path: reason}, the form compilers use so editors can jump to it. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + path + ": " + reason;
  }
}
