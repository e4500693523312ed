/**
 * The transparency-log core: values and errors shared by every part of the log.
 *
 * <p>Subpackages implement the public formats byte-exactly: {@code merkle} (RFC 6962 / RFC 9162
 * tree hashing and proofs), {@code note} (C2SP signed-note), {@code checkpoint} (C2SP
 * tlog-checkpoint and tlog-cosignature) and {@code tile} (C2SP tlog-tiles). This module depends on
 * the JDK only, so that anyone auditing it reads nothing but this code.
 */
@NullMarked
package org.countersign.log;

import org.jspecify.annotations.NullMarked;
