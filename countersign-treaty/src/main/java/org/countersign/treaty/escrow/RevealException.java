package org.countersign.treaty.escrow;

/**
 * A reveal that does not verify against its commitment. The message names the item (when one is at
 * fault), the check that failed and the values involved, so that it can be quoted verbatim in a
 * compliance report as the evidence of a discrepancy.
 */
public final class RevealException extends EscrowException {
  private final String itemId;

  RevealException(String itemId, String message) {
    super(message);
    this.itemId = itemId;
  }

  RevealException(String itemId, String message, Throwable cause) {
    super(message, cause);
    this.itemId = itemId;
  }

  /** The id of the opened item at fault, or {@code ""} when the reveal as a whole is refused. */
  public String itemId() {
    return itemId;
  }
}
