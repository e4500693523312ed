/**
 * C2SP checkpoints (<a href="https://c2sp.org/tlog-checkpoint">tlog-checkpoint v1.0.0</a>) and
 * their Ed25519 cosignatures (<a href="https://c2sp.org/tlog-cosignature">tlog-cosignature
 * v1.0.1</a>).
 *
 * <p>A checkpoint is the text of a signed note: origin, tree size and root hash, one per line, then
 * optional extension lines. The log signs it with a plain Ed25519 note signature (type 0x01);
 * witnesses add timestamped cosignatures (type 0x04) to the same note. {@link
 * org.countersign.log.note.Note#open Note.open} verifies both kinds in one pass when the {@link
 * org.countersign.log.note.Verifiers} set holds the log's verifier and {@link
 * org.countersign.log.checkpoint.CosignatureVerifier}s.
 */
@NullMarked
package org.countersign.log.checkpoint;

import org.jspecify.annotations.NullMarked;
