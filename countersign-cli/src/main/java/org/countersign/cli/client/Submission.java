package org.countersign.cli.client;

import java.util.Objects;

/**
 * The server's answer to an integrated submission. Unverified: the receipt must be checked against
 * the log key before anyone relies on it.
 *
 * @param index the entry's index in the log
 * @param identity SHA-256 of the entry, lowercase hex
 * @param duplicate whether the entry was already logged (this is the first copy's index)
 * @param receipt the C2SP tlog-proof text the server returned
 */
public record Submission(long index, String identity, boolean duplicate, String receipt) {
  public Submission {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(receipt, "receipt");
  }
}
