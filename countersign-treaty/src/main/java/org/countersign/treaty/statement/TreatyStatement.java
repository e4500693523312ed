package org.countersign.treaty.statement;

/**
 * Statements about the treaty regime: adoption, item-level declarations, change and launch
 * notifications, data-exchange updates, disputes, suspension and withdrawal. These are the inputs
 * of the compliance replay.
 *
 * <p>The kind of each record is the value of its {@link StatementKind} annotation; the default
 * {@link #kind()} reads it so the two can never disagree.
 */
public sealed interface TreatyStatement extends Statement
    permits TreatyAdoption,
        Declaration,
        ChangeNotification,
        LaunchNotification,
        DataExchangeUpdate,
        Dispute,
        Suspension,
        Withdrawal {

  @Override
  default String kind() {
    return getClass().getAnnotation(StatementKind.class).value();
  }
}
