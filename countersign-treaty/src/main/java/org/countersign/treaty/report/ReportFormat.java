package org.countersign.treaty.report;

import java.util.Locale;

/** The forms a compliance report is served and printed in. */
public enum ReportFormat {
  /** RFC 8785 canonical JSON, byte-identical wherever the same prefix is replayed. */
  JSON("application/json; charset=utf-8"),
  /** The plain-text rendering of the same facts, also byte-identical. */
  TEXT("text/plain; charset=utf-8"),
  /** A self-contained, printable HTML report per party with links to the evidence. */
  HTML("text/html; charset=utf-8");

  private final String contentType;

  ReportFormat(String contentType) {
    this.contentType = contentType;
  }

  /** The HTTP content type of this form. */
  public String contentType() {
    return contentType;
  }

  /** The lowercase name used in URLs and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code json}, {@code text} or {@code html}.
   *
   * @throws IllegalArgumentException naming the accepted values and the offending one
   */
  public static ReportFormat parse(String value) {
    for (ReportFormat f : values()) {
      if (f.id().equals(value)) {
        return f;
      }
    }
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    throw new IllegalArgumentException("format must be json, text or html, got \"" + shown + "\"");
  }
}
