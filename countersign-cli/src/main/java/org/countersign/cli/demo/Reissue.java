package org.countersign.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.countersign.treaty.json.RecordJson;
import org.countersign.treaty.statement.Statement;

/**
 * The same statement issued at another time. Every statement record has an {@code issuedAt}
 * component; the copy goes through the record's constructor, so its checks run again (a
 * declaration's as-of date, for one, must not be after the day it is issued).
 */
final class Reissue {
  private Reissue() {}

  /**
   * {@code statement} with {@code issuedAt} replaced.
   *
   * @throws IllegalArgumentException if the statement is not valid at that time
   */
  static Statement at(Statement statement, Instant issuedAt) {
    ObjectNode tree = RecordJson.toTree((Record) statement);
    tree.put("issuedAt", RecordJson.formatInstant(issuedAt));
    return (Statement) RecordJson.fromTree(tree, ((Record) statement).getClass());
  }
}
