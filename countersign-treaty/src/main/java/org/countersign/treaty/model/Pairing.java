package org.countersign.treaty.model;

/**
 * A missile-launcher pairing the treaty defines by status: an item of {@code missile} in {@code
 * status} is one in a launcher of {@code launcher} in the same status, so the two counts must be
 * equal in every inventory (New START: a deployed ICBM is one in a deployed ICBM launcher, and a
 * deployed launcher is one that contains a missile). A declared inventory where they differ is a
 * {@code pairing-mismatch} discrepancy.
 *
 * @param id the pairing id
 * @param name what it pairs, in words
 * @param article the treaty text it comes from, or empty
 * @param missile the missile category
 * @param launcher the launcher category
 * @param status the status both share (held by both categories)
 */
public record Pairing(
    String id, String name, String article, String missile, String launcher, String status) {
  public Pairing {
    Checks.name("pairing id", id);
    Checks.text("pairing name", name);
    Checks.present("article", article);
    Checks.name("missile category", missile);
    Checks.name("launcher category", launcher);
    Checks.name("status", status);
    if (missile.equals(launcher)) {
      throw new IllegalArgumentException(
          "a pairing joins two categories, got " + missile + " twice");
    }
  }
}
