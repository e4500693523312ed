package org.countersign.treaty.compliance;

import org.countersign.treaty.statement.Statement;

/** An admitted statement with its log index, typed by kind. */
record Entry<T extends Statement>(long index, T statement) {}
