/**
 * What an observer checks without trusting anyone: proof files, C2SP tlog-proof receipts, and the
 * audit of a whole log read through its public tiles.
 *
 * <p>Everything here is verify-or-throw. Input from files and servers is parsed strictly (size
 * caps, one spelling per value) before any cryptography, and a failure names the entry, tile or
 * check that failed so that it can be reported as evidence.
 */
@NullMarked
package org.countersign.cli.verify;

import org.jspecify.annotations.NullMarked;
