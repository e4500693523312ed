package org.countersign.treaty.compliance;

/**
 * Which statements a report at an instant {@code T} may use. A report mixes neither: it says which
 * view it is in ({@link ComplianceReport#view()}) and how many applied entries were issued after
 * {@code T} ({@link ComplianceReport#laterEntries()}).
 *
 * <ul>
 *   <li>{@link #AS_KNOWN}: what was known at {@code T}. Only statements issued at or before {@code
 *       T} are used, as if the log held nothing else: a data exchange as of {@code T} that was
 *       issued later is {@code pending}, not evidence for a total. A report as known at a past
 *       instant does not change as the log grows, unless a statement is logged with an issue time
 *       at or before {@code T} (a party's signed claim; the log's own checkpoints date its
 *       arrival).
 *   <li>{@link #RETROSPECTIVE}: what we now know about {@code T}. Every applied entry is used:
 *       totals describe {@code T} as the whole prefix declares it (a declaration as of {@code T}
 *       issued weeks later counts), and duties are judged at {@code T} with later fulfilment named.
 * </ul>
 *
 * <p>{@link #DEFAULT} is the same for the engine, the server ({@code GET /api/v1/compliance}, its
 * {@code view} parameter), the command line ({@code countersign compliance --view}) and the portal.
 */
public enum ReportView {
  AS_KNOWN("as-known"),
  RETROSPECTIVE("retrospective");

  /**
   * The view a report takes when none is asked for: retrospective, the fuller account, which every
   * report before this choice existed gave, and which says how many of its entries were issued
   * after its instant.
   */
  public static final ReportView DEFAULT = RETROSPECTIVE;

  private final String id;

  ReportView(String id) {
    this.id = id;
  }

  /** The name used in reports, query parameters and options. */
  public String id() {
    return id;
  }

  /**
   * The view named {@code id}.
   *
   * @throws IllegalArgumentException naming the value and the choices
   */
  public static ReportView parse(String id) {
    for (ReportView v : values()) {
      if (v.id.equals(id)) {
        return v;
      }
    }
    String shown = id.length() > 40 ? id.substring(0, 40) + "..." : id;
    throw new IllegalArgumentException(
        "view must be as-known or retrospective, got \"" + shown + "\"");
  }
}
