package org.countersign.treaty.statement;

/**
 * How the items of a reveal were chosen, and therefore what the reveal claims.
 *
 * <p>A region reveal ({@link #SITE}, {@link #ZONE}, {@link #CATEGORY}) claims to open
 * <em>every</em> committed item of that region: an item later found there that was not opened
 * proves the declaration incomplete. A {@link #SAMPLE} reveal opens exactly the leaf indexes drawn
 * from a public seed. A {@link #CHOSEN} reveal opens whatever the party chose and claims nothing
 * more.
 */
public enum RevealSelectionKind {
  /** Every item whose site equals the selection value. */
  SITE,
  /** Every item whose zone equals the selection value. */
  ZONE,
  /** Every item whose category equals the selection value. */
  CATEGORY,
  /** Exactly the leaf indexes drawn from the seed given as the selection value. */
  SAMPLE,
  /** Items the party chose to open; no completeness claim. */
  CHOSEN;

  /** Whether a reveal of this kind claims to open every committed item of its region. */
  public boolean claimsRegion() {
    return this == SITE || this == ZONE || this == CATEGORY;
  }
}
