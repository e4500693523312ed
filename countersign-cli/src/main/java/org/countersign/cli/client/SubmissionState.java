package org.countersign.cli.client;

import java.util.OptionalLong;

/**
 * Where a submitted entry stands, as the server says when asked by its identity. Unverified, like
 * everything the server says: a receipt must still be checked against the log key.
 */
public sealed interface SubmissionState {
  /**
   * Accepted and waiting: not yet sequenced ({@code index} empty), or sequenced at {@code index}
   * and waiting for a published checkpoint that covers it (with witnesses, for their quorum).
   */
  record Pending(String identity, OptionalLong index) implements SubmissionState {}

  /** Logged and covered by a published checkpoint: the receipt is here. */
  record Logged(Submission submission) implements SubmissionState {}

  /** The server knows no entry with this identity (never received, or refused). */
  record Unknown(String identity) implements SubmissionState {}
}
