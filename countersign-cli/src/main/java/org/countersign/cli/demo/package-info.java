/**
 * The demonstration that {@code countersign demo} runs: a New START log filled, through the public
 * HTTP API, with statements signed by demo keys of the two parties.
 *
 * <p>The figures are the published aggregates (2011-2023); the item-level inventories behind them
 * are invented but reproduce those aggregates under the treaty file's counting rules. Every
 * statement is issued now, about past dates: a log cannot truthfully claim that a statement was
 * signed in 2011.
 */
@NullMarked
package org.countersign.cli.demo;

import org.jspecify.annotations.NullMarked;
