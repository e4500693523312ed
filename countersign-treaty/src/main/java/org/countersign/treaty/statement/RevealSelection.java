package org.countersign.treaty.statement;

/**
 * The rule that chose the items of a reveal.
 *
 * <ul>
 *   <li>{@code SITE}, {@code ZONE}, {@code CATEGORY}: {@code value} is the site, zone or category;
 *       {@code sampleSize} is 0.
 *   <li>{@code SAMPLE}: {@code value} is the 32-byte draw seed in lowercase hex (e.g. the seed of a
 *       joint inspection draw) and {@code sampleSize} the number of leaf indexes drawn from it;
 *       {@code reference} names where the seed comes from (e.g. the inspection request id).
 *   <li>{@code CHOSEN}: {@code value} is empty and {@code sampleSize} is 0.
 * </ul>
 *
 * @param kind the selection rule
 * @param value the region, the seed, or empty
 * @param sampleSize the number of leaves drawn, for {@code SAMPLE} only
 * @param reference a free reference for the reader (e.g. an inspection request id), may be empty
 */
public record RevealSelection(
    RevealSelectionKind kind, String value, long sampleSize, String reference) {
  public RevealSelection {
    if (kind == null) {
      throw new IllegalArgumentException("selection kind is missing");
    }
    EscrowFieldRules.optionalIdentifier("selection reference", reference);
    switch (kind) {
      case SITE, ZONE ->
          EscrowFieldRules.identifier(
              "selection " + kind.name().toLowerCase(java.util.Locale.ROOT), value);
      case CATEGORY -> EscrowFieldRules.name("selection category", value);
      case SAMPLE -> {
        EscrowFieldRules.hex32("selection seed", value);
        if (sampleSize < 1) {
          throw new IllegalArgumentException(
              "a SAMPLE selection draws at least 1 leaf, got " + sampleSize);
        }
      }
      case CHOSEN -> {
        if (!value.isEmpty()) {
          throw new IllegalArgumentException(
              "a CHOSEN selection has no value, got " + EscrowFieldRules.quote(value));
        }
      }
    }
    if (kind != RevealSelectionKind.SAMPLE && sampleSize != 0) {
      throw new IllegalArgumentException(
          "sampleSize is for SAMPLE selections only, got " + sampleSize + " for " + kind);
    }
  }

  /** All committed items at {@code site}. */
  public static RevealSelection site(String site) {
    return new RevealSelection(RevealSelectionKind.SITE, site, 0, "");
  }

  /** All committed items in {@code zone}. */
  public static RevealSelection zone(String zone) {
    return new RevealSelection(RevealSelectionKind.ZONE, zone, 0, "");
  }

  /** All committed items of {@code category}. */
  public static RevealSelection category(String category) {
    return new RevealSelection(RevealSelectionKind.CATEGORY, category, 0, "");
  }

  /** The {@code size} leaves drawn from {@code seedHex}, which {@code reference} explains. */
  public static RevealSelection sample(String seedHex, long size, String reference) {
    return new RevealSelection(RevealSelectionKind.SAMPLE, seedHex, size, reference);
  }

  /** Items the party chose, with no completeness claim. */
  public static RevealSelection chosen() {
    return new RevealSelection(RevealSelectionKind.CHOSEN, "", 0, "");
  }
}
