package org.countersign.server.submit;

import org.countersign.log.Hash;
import org.countersign.treaty.compliance.Admission;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.Statement;

/**
 * Whether the treaty admits a well-formed statement, asked before it is queued so that an invalid
 * statement is refused at submission rather than listed as inadmissible by every replay.
 */
@FunctionalInterface
public interface AdmissionCheck {
  /**
   * Checks {@code statement}.
   *
   * @throws InvalidStatementException naming the field and the offending value
   */
  void check(Statement statement) throws InvalidStatementException;

  /**
   * Told that the entry whose RFC 6962 leaf hash is {@code leafHash} passed every check at
   * submission and holds {@code statement}, so that a follower of the log may take the decoded
   * statement rather than decode the entry a second time. The key is the hash the sequencer puts in
   * the tree, so that the follower finds it in the level-0 tile without hashing the entry again.
   * The entry may still never be logged (a duplicate, a batch that failed): whatever keeps it must
   * be bounded. Does nothing by default.
   */
  default void admitted(Hash leafHash, Statement statement) {}

  /** The treaty file's rules alone ({@link Admission}), without the log's state. */
  static AdmissionCheck of(Treaty treaty) {
    return statement -> Admission.check(treaty, statement);
  }
}
