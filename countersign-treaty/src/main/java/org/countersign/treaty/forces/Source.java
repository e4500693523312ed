package org.countersign.treaty.forces;

/**
 * A publication figures are taken from.
 *
 * @param id the key figures use to cite it
 * @param citation authors, title, publication
 * @param year year of publication
 * @param url where to read it (empty when none)
 */
public record Source(String id, String citation, int year, String url) {
  public Source {
    if (id.isBlank() || citation.isBlank()) {
      throw new IllegalArgumentException("a source needs an id and a citation");
    }
    if (year < 1945 || year > 2100) {
      throw new IllegalArgumentException("source " + id + ": implausible year " + year);
    }
  }
}
