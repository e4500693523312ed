/**
 * The demonstration that {@code countersign demo} runs: a New START log filled, through the public
 * HTTP API, with statements signed by demo keys of the two parties.
 *
 * <p>The figures are the published aggregates (2011-2023); the item-level inventories behind them
 * are invented but reproduce those aggregates under the treaty file's counting rules.
 *
 * <p>The demo is a re-enactment: it shows the log as it would stand had the parties used
 * Countersign since 2011. Each historical statement carries the moment it was really issued, and
 * the demo server runs on a simulated clock ({@link HistoryClock}) set to that moment while it is
 * sent, so that the clock-skew check passes and compliance judges timeliness as history does
 * (re-issuing everything today would make every 2011 data exchange "late"). The signatures are, of
 * course, made today with demo keys; {@code serve} never simulates time.
 */
@NullMarked
package org.countersign.cli.demo;

import org.jspecify.annotations.NullMarked;
